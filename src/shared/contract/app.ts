import { z } from 'zod'
import { channel, event } from './define'

export interface AppInfo {
  version: string
  /** `electron` in the desktop app, `browser` in the browser shell, `harness` in the test harness. */
  host: 'electron' | 'browser' | 'harness'
  platform: string
  dataDir: string
  /** Set when the store file was damaged and the last good copy was restored. */
  recovery?: { movedTo: string; reason: string; at: string }
}

/**
 * A file dialog main needs answered where it cannot show a native one (the
 * browser shell): the renderer asks for a path on this computer and answers
 * with `app.answerDialog`; main checks the path before using it.
 */
export const DialogRequest = z.object({
  id: z.string(),
  kind: z.enum(['save', 'open', 'folder']),
  title: z.string(),
  /** A path to start from (the file name in the user's Downloads or home folder). */
  suggestedPath: z.string(),
  extensions: z.array(z.string()),
})
export type DialogRequest = z.infer<typeof DialogRequest>

export const appChannels = {
  'app.info': channel<AppInfo>()(z.void()),
  /** Opens an http(s) link in the user's browser after parsing it. */
  'app.openExternal': channel<void>()(z.object({ url: z.string().max(4096) })),
  /** The answer to an `app.dialog` request: a path, or null when the user cancelled. Refused (and the dialog stays) when the path will not do. */
  'app.answerDialog': channel<void>()(z.object({ id: z.string().max(100), path: z.string().max(4096).nullable() })),
}

export const appEvents = {
  'app.dialog': event(DialogRequest),
}
