import { useEffect, useState } from 'react'
import { useApp } from '../store/hooks'

const TOAST_MS = 8000

/** Short confirmations with an optional action (Undo). Announced politely. */
export function Toasts() {
  const toasts = useApp((s) => s.toasts)
  const dismiss = useApp((s) => s.dismissToast)
  // Hovering or focusing a toast keeps it (and its Undo) on screen.
  const [paused, setPaused] = useState(false)
  useEffect(() => {
    if (!toasts.length || paused) return
    const timers = toasts.map((t) => setTimeout(() => dismiss(t.id), TOAST_MS))
    return () => timers.forEach(clearTimeout)
  }, [toasts, dismiss, paused])
  return (
    <section
      className="toasts"
      aria-label="Notifications"
      aria-live="polite"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      {toasts.map((t) => (
        <div key={t.id} className={`toast${t.tone === 'error' ? ' error' : ''}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          <p>{t.message}</p>
          {t.action && (
            <button
              type="button"
              className="small"
              onClick={() => {
                t.action!.run()
                dismiss(t.id)
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="small" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </section>
  )
}
