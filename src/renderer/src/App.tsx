import { useEffect } from 'react'
import { Header } from './components/Header'
import { ShortcutsOverlay } from './components/ShortcutsOverlay'
import { FileDialog } from './components/FileDialog'
import { Toasts } from './components/Toasts'
import { Credentials } from './screens/Credentials'
import { Interview } from './screens/interview/Interview'
import { ProjectList } from './screens/ProjectList'
import { Wizard } from './screens/wizard/Wizard'
import { ProjectSettings } from './screens/settings/ProjectSettings'
import { appStore, useApp } from './store/hooks'
import { applyTheme } from './theme'
import { useShortcuts } from './useShortcuts'

let started = false

function RecoveryNotice() {
  const recovery = useApp((s) => s.appInfo?.recovery)
  const dismissed = useApp((s) => s.recoveryDismissed)
  const dismiss = useApp((s) => s.dismissRecovery)
  if (!recovery || dismissed) return null
  return (
    <section className="notice warn" aria-label="Data recovered" style={{ margin: '1rem 1.25rem 0' }}>
      <h2>⚠ We restored your projects from the last good copy</h2>
      <p>
        The saved data file was damaged ({recovery.reason}). Nothing was deleted: the damaged file is kept at{' '}
        <code>{recovery.movedTo}</code>. Check your most recent changes, since edits made after the last good save may be missing.
      </p>
      <button type="button" onClick={dismiss}>
        Understood
      </button>
    </section>
  )
}

function StartError() {
  const error = useApp((s) => s.startError)
  if (!error) return null
  return (
    <section className="notice error" aria-label="Start-up problem" style={{ margin: '1rem 1.25rem 0' }}>
      <h2>⚠ Launch Ready started with a problem</h2>
      <p>{error.message}</p>
    </section>
  )
}

export function App() {
  const ready = useApp((s) => s.ready)
  const route = useApp((s) => s.route)
  const theme = useApp((s) => s.theme)
  useShortcuts()

  useEffect(() => applyTheme(theme), [theme])

  useEffect(() => {
    if (started) return
    started = true
    void appStore.getState().init()
    const flush = () => void appStore.getState().flushSave()
    const onVisibility = () => document.visibilityState === 'hidden' && flush()
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', flush)
    window.addEventListener('beforeunload', flush)
  }, [])

  useEffect(() => {
    if (ready) document.body.dataset.ready = 'true'
  }, [ready])

  if (!ready) {
    return (
      <main id="main" className="page" aria-busy="true">
        <p role="status">Loading your projects…</p>
      </main>
    )
  }

  return (
    <>
      <Header />
      <StartError />
      <RecoveryNotice />
      {route.name === 'list' && <ProjectList />}
      {route.name === 'interview' && <Interview />}
      {route.name === 'wizard' && <Wizard key={route.projectId} projectId={route.projectId} />}
      {route.name === 'settings' && <ProjectSettings key={route.projectId} projectId={route.projectId} {...(route.field ? { field: route.field } : {})} />}
      {route.name === 'credentials' && <Credentials />}
      <Toasts />
      <ShortcutsOverlay />
      <FileDialog />
    </>
  )
}
