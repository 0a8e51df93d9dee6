// First: zod must be told before any schema is built that the CSP forbids eval.
import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/base.css'
import './styles/layout.css'
import './styles/components.css'
import { App } from './App'
import { buildApi } from '../../shared/contract/api'
import { httpTransport } from './http-transport'

const root = document.getElementById('root')!
// The desktop window's preload (or the test harness) provides the API; served by the browser shell, the page builds it over HTTP.
if (!('launchReady' in window) && location.protocol === 'http:' && location.hostname === '127.0.0.1') {
  Object.defineProperty(window, 'launchReady', { value: buildApi(httpTransport()), writable: false, configurable: false })
}
if (!('launchReady' in window)) {
  root.textContent = 'Launch Ready could not start: the connection to the app’s main process is missing. Please restart the app.'
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
