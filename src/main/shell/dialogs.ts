/**
 * File dialogs for the browser shell, behind the same `Dialogs` seam as
 * Electron's native ones: main asks the renderer (`app.dialog`) for a path on
 * this computer, the renderer answers (`app.answerDialog`), and main checks
 * the path before the service uses it. A path that will not do is refused
 * with the reason and the dialog stays open with what the user typed.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import type { DialogRequest } from '../../shared/contract/app'
import { UserFacingError } from '../../shared/result'
import type { Dialogs } from '../services/context'

const WAIT_MS = 15 * 60_000

interface Pending {
  req: DialogRequest
  done(path: string | null): void
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory()
  } catch {
    return false
  }
}

/** Where a suggested file goes: the Downloads folder when there is one, else home. */
export function suggestedFolder(home = homedir()): string {
  const downloads = join(home, 'Downloads')
  return isDir(downloads) ? downloads : home
}

export function promptDialogs(emit: (req: DialogRequest) => void, opts: { home?: string; waitMs?: number } = {}): Dialogs & { cancelAll(): void } {
  const pending = new Map<string, Pending>()
  const ask = (req: Omit<DialogRequest, 'id'>): Promise<string | null> =>
    new Promise((resolvePath) => {
      const id = randomUUID()
      const timer = setTimeout(() => finish(null), opts.waitMs ?? WAIT_MS)
      timer.unref?.()
      const finish = (path: string | null) => {
        clearTimeout(timer)
        pending.delete(id)
        resolvePath(path)
      }
      pending.set(id, { req: { ...req, id }, done: finish })
      emit({ ...req, id })
    })
  const exts = (req: DialogRequest) => req.extensions.map((e) => `.${e.replace(/^\./, '')}`)
  return {
    chooseSavePath: ({ title, defaultName, extensions }) => ask({ kind: 'save', title, extensions, suggestedPath: join(suggestedFolder(opts.home), defaultName) }),
    chooseOpenPath: ({ title, extensions }) => ask({ kind: 'open', title, extensions, suggestedPath: `${suggestedFolder(opts.home)}/` }),
    chooseFolder: ({ title }) => ask({ kind: 'folder', title, extensions: [], suggestedPath: `${opts.home ?? homedir()}/` }),
    answer(id, raw) {
      const p = pending.get(id)
      if (!p) throw new UserFacingError('no-dialog', 'That file dialog was already answered or closed.')
      if (raw === null) return p.done(null)
      const typed = raw.trim().replace(/^~(?=\/|$)/, opts.home ?? homedir())
      if (!typed || !isAbsolute(typed)) throw new UserFacingError('invalid-path', 'Give the full path of the file, starting with / (for example /home/you/Downloads/pack.pdf).')
      const want = exts(p.req)
      if (p.req.kind === 'folder') {
        const dir = resolve(typed)
        if (!isDir(dir)) throw new UserFacingError('invalid-path', existsSync(dir) ? `${dir} is a file; choose the folder that holds it.` : `There is no folder at ${dir}.`)
        return p.done(dir)
      }
      if (p.req.kind === 'open') {
        const file = resolve(typed)
        if (!existsSync(file) || isDir(file)) throw new UserFacingError('invalid-path', `There is no file at ${file}.`)
        if (want.length && !want.some((e) => file.toLowerCase().endsWith(e))) throw new UserFacingError('invalid-path', `Choose a ${want.join(' or ')} file.`)
        return p.done(file)
      }
      let file = resolve(typed)
      if (isDir(file)) throw new UserFacingError('invalid-path', `${file} is a folder; add the file name, for example ${join(file, p.req.suggestedPath.split('/').pop() ?? 'file')}.`)
      if (want.length && !want.some((e) => file.toLowerCase().endsWith(e))) file += want[0]
      if (!isDir(dirname(file))) throw new UserFacingError('invalid-path', `The folder ${dirname(file)} does not exist.`)
      p.done(file)
    },
    cancelAll() {
      for (const p of [...pending.values()]) p.done(null)
    },
  }
}
