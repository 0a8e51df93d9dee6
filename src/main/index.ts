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
import { applyStartAtLogin, keepRunning, notify, watchDesktop } from './electron/monitor'

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
    notify,
    onStartAtLogin: applyStartAtLogin,
  })
  registerIpc(services.handlers, services.ctx, log, rendererUrl)
  watchDesktop(services, () => createMainWindow(rendererUrl))
  if (!process.argv.includes('--hidden')) createMainWindow(rendererUrl)
}

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0]
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})
app.on('window-all-closed', () => {
  // The uptime watch keeps running in the tray; without one, closing the window quits as usual.
  if (process.platform !== 'darwin' && !keepRunning(services)) app.quit()
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
