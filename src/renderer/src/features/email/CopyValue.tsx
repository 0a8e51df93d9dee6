import { useState } from 'react'

/** An exact value to paste, with a copy button that says what happened. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      setState('failed')
    }
    setTimeout(() => setState('idle'), 2500)
  }
  return (
    <div className="email-value">
      <code>{value}</code>
      <button type="button" className="small copy" onClick={copy} aria-label={`Copy ${label}`}>
        <span aria-live="polite">{state === 'copied' ? '✓ Copied' : state === 'failed' ? 'Select and copy by hand' : 'Copy'}</span>
      </button>
    </div>
  )
}
