import { z } from 'zod'
import { channel } from './define'

export interface AppInfo {
  version: string
  /** `electron` in the desktop app, `harness` in the browser test harness. */
  host: 'electron' | 'harness'
  platform: string
  dataDir: string
  /** Set when the store file was damaged and the last good copy was restored. */
  recovery?: { movedTo: string; reason: string; at: string }
}

export const appChannels = {
  'app.info': channel<AppInfo>()(z.void()),
  /** Opens an http(s) link in the user's browser after parsing it. */
  'app.openExternal': channel<void>()(z.object({ url: z.string().max(4096) })),
}
