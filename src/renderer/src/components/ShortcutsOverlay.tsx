import { useEffect, useRef, type KeyboardEvent } from 'react'
import { useApp } from '../store/hooks'

export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ['?'], what: 'Show or hide this list', where: 'Everywhere' },
  { keys: ['t'], what: 'Switch theme (system, light, dark)', where: 'Everywhere' },
  { keys: ['p'], what: 'Go to the project list', where: 'Everywhere' },
  { keys: ['c'], what: 'Go to credentials', where: 'Everywhere' },
  { keys: ['/'], what: 'Search projects', where: 'Project list' },
  { keys: ['n'], what: 'Start a new project', where: 'Project list' },
  { keys: [']'], what: 'Next stage', where: 'Roadmap' },
  { keys: ['['], what: 'Previous stage', where: 'Roadmap' },
  { keys: ['1', '7'], what: 'Jump to stage 1 to 7', where: 'Roadmap' },
  { keys: ['r'], what: 'Run all automated checks again', where: 'Roadmap' },
  { keys: ['Space'], what: 'Tick or untick the focused checklist item', where: 'Roadmap' },
  { keys: ['Esc'], what: 'Close this list, or hide a term’s explanation', where: 'Everywhere' },
]

/** The "?" overlay: a modal dialog listing every shortcut. Focus stays inside until it closes. */
export function ShortcutsOverlay() {
  const open = useApp((s) => s.shortcutsOpen)
  const setOpen = useApp((s) => s.setShortcutsOpen)
  const closeRef = useRef<HTMLButtonElement>(null)
  const dialogRef = useRef<HTMLDivElement>(null)
  const returnTo = useRef<Element | null>(null)

  useEffect(() => {
    if (!open) return
    returnTo.current = document.activeElement
    closeRef.current?.focus()
    return () => {
      const el = returnTo.current
      if (el instanceof HTMLElement && document.contains(el)) el.focus()
    }
  }, [open])

  if (!open) return null

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      setOpen(false)
    } else if (e.key === 'Tab') {
      const focusables = dialogRef.current?.querySelectorAll<HTMLElement>('button, [tabindex="0"]')
      if (!focusables?.length) return
      const first = focusables[0]!
      const last = focusables[focusables.length - 1]!
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault()
        first.focus()
      }
    }
  }

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
        <p className="hint">Shortcuts work when you are not typing in a field. Tab moves between controls; Enter or Space activates them.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What it does</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <td>
                  {s.keys.length === 2 && s.keys[0] === '1' ? (
                    <>
                      <kbd>1</kbd> to <kbd>7</kbd>
                    </>
                  ) : (
                    s.keys.map((k) => <kbd key={k}>{k}</kbd>)
                  )}
                </td>
                <td>{s.what}</td>
                <td>{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
