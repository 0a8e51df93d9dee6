/**
 * "Would this server pass?": evaluates SPF (RFC 7208 check_host) for one
 * sending address, as a receiving mail server would, and shows the result in
 * words with the Received-SPF header it would add.
 */
import { useId, useState, type FormEvent } from 'react'
import { api } from '../../api'
import type { SpfView } from '../../../../shared/contract/email'
import { Gloss } from '../../components/Gloss'

const RESULT_WORDS: Record<string, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Pass' },
  fail: { icon: '✗', word: 'Fail' },
  softfail: { icon: '!', word: 'Soft fail' },
  neutral: { icon: '–', word: 'Neutral' },
  none: { icon: '–', word: 'No SPF record' },
  permerror: { icon: '✗', word: 'Broken record' },
  temperror: { icon: '?', word: 'Could not check' },
}

export function SpfTry({ projectId, domain }: { projectId: string; domain: string }) {
  const id = useId()
  const [ip, setIp] = useState('')
  const [sender, setSender] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [result, setResult] = useState<SpfView['evaluation']>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!ip.trim()) {
      setError('Type the address of the server that sends your email, like 192.0.2.10.')
      return
    }
    setBusy(true)
    const r = await api().email.spf({ projectId, ip: ip.trim(), ...(sender.trim() ? { sender: sender.trim() } : {}) })
    setBusy(false)
    if (r.ok) {
      setResult(r.value.evaluation)
      setError(undefined)
    } else {
      setResult(undefined)
      setError(r.error.message)
    }
  }
  const w = result ? (RESULT_WORDS[result.result] ?? { icon: '?', word: result.result }) : undefined
  return (
    <section className="email-try" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <Gloss text="Would a server pass SPF?" />
      </h3>
      <p className="hint">Type the address of a server that sends email for {domain} (your provider lists its addresses, or read it from a received email’s headers).</p>
      <form onSubmit={submit} className="email-form-row" noValidate>
        <label htmlFor={`${id}-ip`}>Server address</label>
        <input id={`${id}-ip`} value={ip} maxLength={64} inputMode="text" placeholder="192.0.2.10" aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => setIp(e.target.value)} />
        <label htmlFor={`${id}-from`}>Sender (optional)</label>
        <input id={`${id}-from`} value={sender} maxLength={320} placeholder={`hello@${domain}`} onChange={(e) => setSender(e.target.value)} />
        <button type="submit" disabled={busy}>
          Test
        </button>
      </form>
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {result && w && (
          <div className="email-try-result" data-result={result.result}>
            <p>
              <strong>
                <span aria-hidden="true">{w.icon} </span>
                {w.word}
              </strong>
              : {result.summary}
            </p>
            <pre className="mono">{result.header}</pre>
          </div>
        )}
      </div>
    </section>
  )
}
