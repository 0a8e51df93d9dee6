import { useState } from 'react'

/** Copies an exact value to paste, and says what happened (never silently fails). */
export function CopyButton({ value, label }: { value: string; label: string }) {
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
    <button type="button" className="small copy" onClick={copy} aria-label={`Copy ${label}`}>
      <span aria-live="polite">{state === 'copied' ? '✓ Copied' : state === 'failed' ? 'Select and copy by hand' : 'Copy'}</span>
    </button>
  )
}
