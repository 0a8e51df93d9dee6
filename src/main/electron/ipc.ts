/**
 * Registers one ipcMain handler per contract channel and sends events to the
 * app's windows. Every call checks its sender: the top frame of one of our
 * windows, showing the app's own renderer. Anything else gets an error result.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channels, IPC_PREFIX, type EventName, type Payload } from '../../shared/contract'
import { dispatch, type HandlerMap, type Logger, type CallContext } from '../services/dispatch'
import { isAppUrl } from './trust'

export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  if (!BrowserWindow.fromWebContents(event.sender)) return false
  return isAppUrl(frame.url, rendererUrl)
}

export function registerIpc(handlers: HandlerMap, ctx: CallContext, log: Logger, rendererUrl: string): void {
  for (const name of Object.keys(channels)) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (event, input: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) {
        log.warn(`refused ${name} from an untrusted sender`, event.senderFrame?.url)
        return { ok: false, error: { code: 'forbidden', message: 'This window is not allowed to use Launch Ready.' } }
      }
      return dispatch(handlers, name, input, ctx, log)
    })
  }
}

export function sendEvent<K extends EventName>(event: K, payload: Payload<K>, rendererUrl: string): void {
  for (const win of BrowserWindow.getAllWindows()) {
    const wc = win.webContents
    if (!wc.isDestroyed() && isAppUrl(wc.getURL(), rendererUrl)) wc.send(`${IPC_PREFIX}evt:${event}`, payload)
  }
}
