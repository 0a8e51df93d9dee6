/**
 * The live homepage for the handover pack's Screenshots section, taken by an
 * offscreen window (Electron only; injected into the report service as
 * `captureHomepage`). The window uses its own in-memory session with every
 * permission refused, no preload and no Node, so the site cannot reach the
 * app; it is destroyed after the capture or when the time limit passes.
 */
import { BrowserWindow, session } from 'electron'
import type { HomepageCapture } from '../services/report'

const SETTLE_MS = 800
/** The capture window's own in-memory session (security.ts lets its redirects through). */
export const CAPTURE_PARTITION = 'launch-ready-capture'

export function createHomepageCapture(): HomepageCapture {
  return async (url, signal) => {
    if (!/^https:\/\//i.test(url)) return null
    const ses = session.fromPartition(CAPTURE_PARTITION)
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    ses.setPermissionCheckHandler(() => false)
    const win = new BrowserWindow({
      show: false,
      width: 1280,
      height: 800,
      webPreferences: { offscreen: true, session: ses, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
    })
    win.webContents.setAudioMuted(true)
    const aborted = new Promise<never>((_resolve, reject) => {
      const fail = () => reject(new Error('the homepage capture took too long'))
      if (signal.aborted) fail()
      signal.addEventListener('abort', fail, { once: true })
    })
    try {
      await Promise.race([win.loadURL(url), aborted])
      await Promise.race([new Promise((r) => setTimeout(r, SETTLE_MS)), aborted])
      const image = await Promise.race([win.webContents.capturePage(), aborted])
      if (image.isEmpty()) return null
      return { data: image.resize({ width: 1024 }).toPNG(), mime: 'image/png' }
    } finally {
      if (!win.isDestroyed()) win.destroy()
    }
  }
}
