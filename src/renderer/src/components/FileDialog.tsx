/**
 * Where main cannot show a native file dialog (the browser shell), it asks
 * here: a modal with the path to save to or open, prefilled with a suggestion.
 * Main checks the answer; a path that will not do comes back with the reason
 * and the dialog stays open with what was typed.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { DialogRequest } from '../../../shared/contract/app'
import { api } from '../api'

export function FileDialog() {
  const [queue, setQueue] = useState<DialogRequest[]>([])
  const [path, setPath] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const req = queue[0]

  useEffect(() => api().app.onDialog((r) => setQueue((q) => [...q, r])), [])
  useEffect(() => {
    if (!req) return
    setPath(req.suggestedPath)
    setError('')
    const el = inputRef.current
    el?.focus()
    // Select the file name (save) or put the cursor at the end (open), as native dialogs do.
    const dot = req.suggestedPath.lastIndexOf('/') + 1
    if (el && req.kind === 'save') el.setSelectionRange(dot, req.suggestedPath.length)
  }, [req])

  if (!req) return null
  const answer = async (value: string | null) => {
    setBusy(true)
    const r = await api().app.answerDialog({ id: req.id, path: value })
    setBusy(false)
    if (!r.ok && r.error.code !== 'no-dialog') return setError(r.error.message)
    setQueue((q) => q.slice(1))
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void answer(path)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      void answer(null)
    }
  }
  const exts = req.extensions.map((x) => `.${x}`).join(' or ')
  return (
    <div className="overlay">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="file-dialog-title" onSubmit={onSubmit} onKeyDown={onKeyDown}>
        <div className="dialog-head">
          <h2 id="file-dialog-title">{req.title}</h2>
        </div>
        <label htmlFor="file-dialog-path">{req.kind === 'save' ? `Save as (a full path on this computer; ${exts})` : req.kind === 'folder' ? 'Folder (a full path on this computer)' : `File to open (a full path on this computer; ${exts})`}</label>
        <input
          ref={inputRef}
          id="file-dialog-path"
          type="text"
          value={path}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setPath(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'file-dialog-error' : undefined}
        />
        {error && (
          <p id="file-dialog-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {req.kind === 'save' ? 'Save' : req.kind === 'folder' ? 'Choose' : 'Open'}
          </button>
          <button type="button" onClick={() => void answer(null)} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  )
}
