// First: zod must be told before any schema is built that the CSP forbids eval.
import './zod-config'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/base.css'
import './styles/layout.css'
import './styles/components.css'
import { App } from './App'

const root = document.getElementById('root')!
if (!('launchReady' in window)) {
  root.textContent = 'Launch Ready could not start: the connection to the app’s main process is missing. Please restart the app.'
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
