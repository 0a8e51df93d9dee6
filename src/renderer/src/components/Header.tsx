import { useApp } from '../store/hooks'
import { nextTheme, themeLabel } from '../theme'

function SaveStatus() {
  const save = useApp((s) => s.save)
  const route = useApp((s) => s.route)
  if (route.name !== 'wizard' && route.name !== 'settings') return <span className="save-status" />
  const text =
    save.state === 'pending' || save.state === 'saving'
      ? 'Saving…'
      : save.state === 'error'
        ? `⚠ Not saved yet: ${save.message ?? 'please try again.'}`
        : save.state === 'saved'
          ? '✓ All changes saved'
          : 'Changes save automatically'
  return (
    <span className={`save-status${save.state === 'error' ? ' error' : ''}`} role="status" aria-live="polite" data-save={save.state}>
      {text}
    </span>
  )
}

export function Header() {
  const route = useApp((s) => s.route)
  const navigate = useApp((s) => s.navigate)
  const theme = useApp((s) => s.theme)
  const setTheme = useApp((s) => s.setTheme)
  const setShortcutsOpen = useApp((s) => s.setShortcutsOpen)
  const onProjects = route.name === 'list' || route.name === 'interview' || route.name === 'wizard' || route.name === 'settings'
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▲
        </span>
        Launch Ready
      </span>
      <nav className="topnav" aria-label="Main">
        <button type="button" aria-current={onProjects ? 'page' : undefined} onClick={() => navigate({ name: 'list' })}>
          Projects
        </button>
        <button type="button" aria-current={route.name === 'credentials' ? 'page' : undefined} onClick={() => navigate({ name: 'credentials' })}>
          Credentials
        </button>
      </nav>
      <span className="spacer" />
      <SaveStatus />
      <button type="button" onClick={() => setTheme(nextTheme(theme))} aria-keyshortcuts="t" title="Switch theme (t)">
        {themeLabel(theme)}
      </button>
      <button type="button" onClick={() => setShortcutsOpen(true)} aria-keyshortcuts="?" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
        ?
      </button>
    </header>
  )
}
