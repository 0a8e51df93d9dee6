/**
 * Process-wide hardening, applied before any window exists: every web
 * contents refuses navigation, new windows, webviews and permission requests;
 * links the user clicks open in the browser only when they are http(s).
 */
import { app, session, shell, type WebContents } from 'electron'
import { safeExternalUrl } from '../services/app'
import { CSP } from './csp'
import { isAppUrl } from './trust'
import { CAPTURE_PARTITION } from './capture'

export { isAppUrl }

export function openExternalSafely(raw: string): Promise<void> {
  return shell.openExternal(safeExternalUrl(raw))
}

export function applySecurity(rendererUrl: string): void {
  app.enableSandbox()
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      // The offscreen homepage capture (its own session, no preload, no Node) may follow the site's redirects.
      if (contents.session === session.fromPartition(CAPTURE_PARTITION)) return
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url).catch(() => undefined)
      return { action: 'deny' }
    })
  })
}
