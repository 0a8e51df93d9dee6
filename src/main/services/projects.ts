/** projects.* handlers: the project list, editing, undoable delete, export/import, evidence images. */
import { plainIssue } from '../../shared/plain-issues'
import { randomUUID } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { ExportFile, EXPORT_FORMAT, Project, type ProjectDraft } from '../../shared/model'
import { normalizeDomain } from '../../shared/domain'
import { UserFacingError } from '../../shared/result'
import type { ImportOutcome } from '../../shared/contract/projects'
import type { ServiceContext } from './context'
import type { PartialHandlers } from './dispatch'
import type { EvidenceStore } from './evidence'

type ProjectChannel =
  | 'projects.list'
  | 'projects.get'
  | 'projects.create'
  | 'projects.update'
  | 'projects.duplicate'
  | 'projects.rename'
  | 'projects.delete'
  | 'projects.restore'
  | 'projects.export'
  | 'projects.import'
  | 'projects.addEvidenceImage'
  | 'projects.readEvidenceImage'

/** Largest project file we read: a project with images references them, it does not embed them. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024

function checkedDomain(domain: string): string {
  const d = normalizeDomain(domain)
  if (!d.ok) throw new UserFacingError('invalid-domain', d.message, [{ path: 'domain', message: d.message }])
  return d.ascii
}

/** Reads and validates a `.launchready.json`; throws a UserFacingError listing every problem. */
export function readProjectFile(path: string): ExportFile {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new UserFacingError('invalid-file', `That file could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
  if (text.length > MAX_IMPORT_BYTES) throw new UserFacingError('invalid-file', 'That file is larger than 20 MB; it is not a Launch Ready project.')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new UserFacingError('invalid-file', 'That file is not valid JSON, so it cannot be a Launch Ready project. It may be cut short or not the file you meant.')
  }
  const head = raw as { format?: unknown; version?: unknown }
  if (typeof head !== 'object' || head === null || head.format !== EXPORT_FORMAT) {
    throw new UserFacingError('invalid-file', 'That file is JSON, but not a Launch Ready project export (.launchready.json).')
  }
  const parsed = ExportFile.safeParse(raw)
  if (!parsed.success) {
    // In words, with the field's label: the path and zod's wording are not for the person who chose the file.
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(file)', message: plainIssue(i) }))
    const n = issues.length
    throw new UserFacingError('invalid-file', `That file is a Launch Ready export, but ${n === 1 ? 'one part of it is' : `${n} parts of it are`} not valid.`, issues)
  }
  const domain = normalizeDomain(parsed.data.project.domain)
  if (!domain.ok) throw new UserFacingError('invalid-file', `The project's domain is not valid: ${domain.message}`, [{ path: 'project.domain', message: domain.message }])
  return parsed.data
}

export function projectHandlers(ctx: ServiceContext, images: EvidenceStore): PartialHandlers<ProjectChannel> {
  const undo = new Map<string, { project: Project; runs: ReturnType<ServiceContext['runs']['list']> }>()
  const now = () => new Date().toISOString()

  const fresh = (draft: ProjectDraft, extra: Partial<Project> = {}): Project =>
    Project.parse({ ...draft, ...extra, domain: checkedDomain(draft.domain), id: randomUUID(), createdAt: now(), updatedAt: now() })

  return {
    'projects.list': () => ctx.projects.list(),
    'projects.get': ({ id }) => ctx.projects.get(id),
    'projects.create': (draft) => ctx.projects.create(fresh(draft)),
    'projects.update': ({ id, patch }) => {
      if (patch.domain !== undefined) patch = { ...patch, domain: checkedDomain(patch.domain) }
      return ctx.projects.update(id, patch)
    },
    'projects.duplicate': ({ id }) => {
      const src = ctx.projects.get(id)
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = src
      return ctx.projects.create(fresh(rest, { ...rest, name: `${src.name} (copy)`.slice(0, 120) }))
    },
    'projects.rename': ({ id, name }) => ctx.projects.update(id, { name }),
    'projects.delete': ({ id }) => {
      const project = ctx.projects.get(id)
      const runs = ctx.runs.list(id)
      const undoToken = randomUUID()
      undo.set(undoToken, { project, runs })
      ctx.projects.remove(id)
      ctx.runs.removeAll(id)
      return { undoToken }
    },
    'projects.restore': ({ undoToken }) => {
      const kept = undo.get(undoToken)
      if (!kept) throw new UserFacingError('not-found', 'That delete can no longer be undone.')
      undo.delete(undoToken)
      const restored = ctx.projects.create(kept.project)
      for (const r of [...kept.runs].reverse()) ctx.runs.save(r)
      return restored
    },
    'projects.export': async ({ id }) => {
      const project = ctx.projects.get(id)
      await ctx.projects.flush()
      const slug = project.domain.replace(/[^a-z0-9.-]/gi, '-')
      const path = await ctx.dialogs.chooseSavePath({ title: 'Export project', defaultName: `${slug}.launchready.json`, extensions: ['launchready.json', 'json'] })
      if (!path) return null
      const file: ExportFile = { format: EXPORT_FORMAT, version: 1, exportedAt: now(), project, runs: ctx.runs.list(id) }
      try {
        writeFileSync(`${path}.tmp`, JSON.stringify(file, null, 2))
        renameSync(`${path}.tmp`, path)
      } catch (e) {
        throw new UserFacingError('write-failed', `The file could not be written to ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder.`)
      }
      return { path }
    },
    'projects.import': async (): Promise<ImportOutcome | null> => {
      const path = await ctx.dialogs.chooseOpenPath({ title: 'Import a project', extensions: ['launchready.json', 'json'] })
      if (!path) return null
      const file = readProjectFile(path)
      let project: Project = { ...file.project, domain: checkedDomain(file.project.domain) }
      let renamedFrom: string | undefined
      if (ctx.projects.list().some((p) => p.id === project.id)) {
        renamedFrom = project.id
        project = { ...project, id: randomUUID(), name: `${project.name} (imported)`.slice(0, 120), updatedAt: now() }
      }
      ctx.projects.create(project)
      for (const r of [...file.runs].reverse()) ctx.runs.save({ ...r, id: renamedFrom ? randomUUID() : r.id, projectId: project.id })
      return renamedFrom ? { project, renamedFrom } : { project }
    },
    'projects.addEvidenceImage': ({ id, name, mime, dataBase64 }) => {
      ctx.projects.get(id)
      const saved = images.add(mime, dataBase64)
      return { id: saved.id, name, mime: saved.mime }
    },
    'projects.readEvidenceImage': ({ id, imageId }) => {
      ctx.projects.get(id)
      const img = images.read(imageId)
      return { dataUrl: `data:${img.mime};base64,${img.data.toString('base64')}` }
    },
  }
}
