import { useEffect } from 'react'
import type { StageNumber } from '../../shared/catalog'
import { appStore } from './store/hooks'
import { nextTheme } from './theme'

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'])
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t instanceof HTMLInputElement && !NOT_TEXT.has(t.type)))

/** Global single-key shortcuts (documented in the "?" overlay). Ignored while typing. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return
      const s = appStore.getState()
      if (e.key === '?') {
        e.preventDefault()
        s.setShortcutsOpen(!s.shortcutsOpen)
        return
      }
      if (s.shortcutsOpen || !s.ready) return
      const route = s.route
      const goStage = (n: number) => {
        if (route.name !== 'wizard' || !s.current || n < 1 || n > 7) return
        e.preventDefault()
        s.setWizardPosition(n as StageNumber)
      }
      switch (e.key) {
        case 't':
          s.setTheme(nextTheme(s.theme))
          break
        case 'p':
          s.navigate({ name: 'list' })
          break
        case 'c':
          s.navigate({ name: 'credentials' })
          break
        case '/':
          if (route.name === 'list') {
            e.preventDefault()
            document.getElementById('project-search')?.focus()
          }
          break
        case 'n':
          if (route.name === 'list') s.navigate({ name: 'interview' })
          break
        case 'r':
          // Re-run every check for the open project (the consultant's loop after each fix).
          if (route.name === 'wizard' && s.current && !s.liveRun) {
            e.preventDefault()
            void s.startRun(s.current.id).then((r) => {
              const here = appStore.getState().current?.wizard.stage
              if (r.ok && (here === 5 || here === 7)) s.pushToast({ message: 'All checks are running; Stage 1 shows their progress.' })
              else if (!r.ok) s.pushToast({ message: r.error.message, tone: 'error' })
            })
          }
          break
        case ']':
          goStage((s.current?.wizard.stage ?? 1) + 1)
          break
        case '[':
          goStage((s.current?.wizard.stage ?? 1) - 1)
          break
        default:
          if (/^[1-7]$/.test(e.key)) goStage(Number(e.key))
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
