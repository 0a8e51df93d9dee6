/**
 * The Electron app's lifecycle: harden, open the store, register the contract's
 * handlers, show the window, and save everything on quit. All product logic
 * lives in services/engine/store/vault, shared with the CLI and the tests.
 */
import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createServices, type Services } from './services/handlers'
import { applySecurity, openExternalSafely } from './electron/security'
import { registerIpc, sendEvent } from './electron/ipc'
import { createMainWindow } from './electron/window'
import { electronDialogs, electronStoreFile } from './electron/platform'
import { createHomepageCapture } from './electron/capture'

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).toString()

const log = {
  warn: (message: string, detail?: unknown) => console.warn(`[launch-ready] ${message}`, detail ?? ''),
  error: (message: string, detail?: unknown) => console.error(`[launch-ready] ${message}`, detail ?? ''),
}

if (!app.requestSingleInstanceLock()) app.quit()

let services: Services | undefined

async function start(): Promise<void> {
  applySecurity(rendererUrl)
  services = await createServices({
    dataDir: process.env.LAUNCH_READY_DATA_DIR ?? app.getPath('userData'),
    host: 'electron',
    version: app.getVersion(),
    dialogs: electronDialogs,
    openExternal: openExternalSafely,
    emit: (event, payload) => sendEvent(event, payload, rendererUrl),
    log,
    docFile: electronStoreFile,
    report: { captureHomepage: createHomepageCapture() },
  })
  registerIpc(services.handlers, services.ctx, log, rendererUrl)
  createMainWindow(rendererUrl)
}

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0]
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('activate', () => {
  if (services && BrowserWindow.getAllWindows().length === 0) createMainWindow(rendererUrl)
})
let closing = false
app.on('before-quit', (event) => {
  if (closing || !services) return
  event.preventDefault()
  closing = true
  void services.close().finally(() => app.quit())
})
app.whenReady().then(start, (e) => {
  log.error('start-up failed', e instanceof Error ? e.stack : e)
  app.exit(1)
})
