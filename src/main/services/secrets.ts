/**
 * The secrets area: where the project's code and build live on this computer
 * (chosen with a folder dialog or typed, checked before saving) and the
 * team's "this is not a secret" list, kept by fingerprint with the reason and
 * the masked form, never the value. The scan itself runs as a run
 * (runs.start scoped to the secrets.* checks), with its progress.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { Project } from '../../shared/model'
import { UserFacingError } from '../../shared/result'

type SecretsChannel = 'secrets.chooseFolder' | 'secrets.setFolder' | 'secrets.ignore' | 'secrets.unignore'

const TITLES = { repoPath: 'Choose the folder that holds your code (the git repository)', buildDir: 'Choose your production build folder' } as const

function checkFolder(field: 'repoPath' | 'buildDir', raw: string): string {
  const path = resolve(raw)
  if (!isAbsolute(raw)) throw new UserFacingError('invalid-path', 'Give the full path of the folder, starting with / (or a drive letter on Windows).', [{ path: field, message: 'Give the full path.' }])
  let dir = false
  try {
    dir = statSync(path).isDirectory()
  } catch {
    /* missing */
  }
  if (!dir) {
    const message = existsSync(path) ? `${path} is a file; choose the folder that holds it.` : `There is no folder at ${path}.`
    throw new UserFacingError('invalid-path', message, [{ path: field, message }])
  }
  return path
}

export function secretsHandlers(ctx: ServiceContext): PartialHandlers<SecretsChannel> {
  const save = (projectId: string, field: 'repoPath' | 'buildDir', path: string | undefined): Project => ctx.projects.update(projectId, { [field]: path } as Partial<Project>)
  return {
    'secrets.chooseFolder': async ({ projectId, field }) => {
      ctx.projects.get(projectId)
      const path = await ctx.dialogs.chooseFolder({ title: TITLES[field] })
      if (path === null) return null
      return save(projectId, field, checkFolder(field, path))
    },
    'secrets.setFolder': ({ projectId, field, path }) => {
      ctx.projects.get(projectId)
      return save(projectId, field, path ? checkFolder(field, path) : undefined)
    },
    'secrets.ignore': ({ projectId, fingerprint, reason, masked }) => {
      const p = ctx.projects.get(projectId)
      const rest = p.secretIgnores.filter((i) => i.fingerprint !== fingerprint)
      return ctx.projects.update(projectId, { secretIgnores: [...rest, { fingerprint, reason, ...(masked ? { masked } : {}), at: new Date().toISOString() }] })
    },
    'secrets.unignore': ({ projectId, fingerprint }) => {
      const p = ctx.projects.get(projectId)
      return ctx.projects.update(projectId, { secretIgnores: p.secretIgnores.filter((i) => i.fingerprint !== fingerprint) })
    },
  }
}
