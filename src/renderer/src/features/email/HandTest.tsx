/**
 * The deliverability hand test: send a password reset to Gmail, Outlook and
 * Apple Mail, note where it landed and what the Authentication-Results header
 * says (paste it and we read SPF, DKIM and DMARC from it), then record it.
 */
import { useId, useState, type FormEvent } from 'react'
import { HAND_TEST_MAILBOXES, PLACEMENTS, type HandTestInput, type HandTestRecord } from '../../../../shared/contract/email'
import { parseAuthResults } from '../../../../shared/auth-results'
import type { Result } from '../../../../shared/result'
import { Gloss } from '../../components/Gloss'
import { OUTCOME_WORDS } from './model'

const NAMES = { gmail: 'Gmail', outlook: 'Outlook', apple: 'Apple Mail' } as const
const WHERE = {
  gmail: 'In Gmail open the message, then ⋮ → “Show original”.',
  outlook: 'In Outlook on the web open the message, then … → View → “View message source”.',
  apple: 'In Apple Mail open the message, then View → Message → “Raw Source”.',
} as const
const PLACEMENT_WORDS = { inbox: 'Inbox', spam: 'Spam or junk', missing: 'Never arrived', 'not-tested': 'Not tested yet' } as const
type Mailbox = (typeof HAND_TEST_MAILBOXES)[number]
type Placement = (typeof PLACEMENTS)[number]

const toVerdict = (v: string): 'pass' | 'fail' | 'unknown' => (v === 'pass' ? 'pass' : v === 'unknown' || v === 'none' ? 'unknown' : 'fail')

export function HandTest({ projectId, last, onSave }: { projectId: string; last?: HandTestRecord; onSave: (input: HandTestInput) => Promise<Result<HandTestRecord>> }) {
  const id = useId()
  const [placement, setPlacement] = useState<Record<Mailbox, Placement>>({ gmail: 'not-tested', outlook: 'not-tested', apple: 'not-tested' })
  const [headers, setHeaders] = useState<Record<Mailbox, string>>({ gmail: '', outlook: '', apple: '' })
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [saved, setSaved] = useState<HandTestRecord | undefined>(last)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const mailboxes = HAND_TEST_MAILBOXES.map((m) => {
      const r = parseAuthResults(headers[m])
      return { mailbox: m, placement: placement[m], spf: toVerdict(r.spf), dkim: toVerdict(r.dkim), dmarc: toVerdict(r.dmarc) }
    })
    const r = await onSave({ projectId, mailboxes, note })
    if (r.ok) {
      setSaved(r.value)
      setError(undefined)
    } else setError(r.error.message)
  }

  const o = saved ? OUTCOME_WORDS[saved.outcome] : undefined
  return (
    <section className="email-handtest" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Hand test: does a password reset reach the inbox?</h3>
      <ol>
        <li>Create test accounts (or use your own) at Gmail, Outlook.com and iCloud Mail.</li>
        <li>On your live site, ask for a password reset for each of them.</li>
        <li>Note where each email landed, then open its original source and paste the “Authentication-Results” lines below.</li>
      </ol>
      <form onSubmit={submit} className="email-handtest-form">
        {HAND_TEST_MAILBOXES.map((m) => {
          const parsed = parseAuthResults(headers[m])
          return (
            <fieldset key={m}>
              <legend>{NAMES[m]}</legend>
              <label htmlFor={`${id}-${m}-where`}>Where did it land?</label>
              <select id={`${id}-${m}-where`} value={placement[m]} onChange={(e) => setPlacement({ ...placement, [m]: e.target.value as Placement })}>
                {PLACEMENTS.map((p) => (
                  <option key={p} value={p}>
                    {PLACEMENT_WORDS[p]}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-${m}-hdr`}>
                <Gloss text="Authentication-Results header (optional)" />
              </label>
              <p className="hint" id={`${id}-${m}-hint`}>
                {WHERE[m]}
              </p>
              <textarea id={`${id}-${m}-hdr`} rows={3} maxLength={20000} aria-describedby={`${id}-${m}-hint ${id}-${m}-read`} value={headers[m]} onChange={(e) => setHeaders({ ...headers, [m]: e.target.value })} />
              <p className="hint" id={`${id}-${m}-read`} aria-live="polite">
                {headers[m].trim() ? (parsed.found ? `We read: SPF ${parsed.spf}, DKIM ${parsed.dkim}, DMARC ${parsed.dmarc}.` : 'We could not find spf=, dkim= or dmarc= results in what you pasted.') : ''}
              </p>
            </fieldset>
          )
        })}
        <label htmlFor={`${id}-note`}>Notes (optional)</label>
        <textarea id={`${id}-note`} rows={2} maxLength={3000} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="primary">
          Record the result
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
      <div aria-live="polite">
        {saved && o && (
          <div className={`email-outcome tone-${o.tone}`}>
            <p>
              <span aria-hidden="true">{o.icon} </span>
              <strong>{o.word}</strong> <span className="hint">(recorded {new Date(saved.at).toLocaleString()})</span>
            </p>
            <pre>{saved.note}</pre>
          </div>
        )}
      </div>
    </section>
  )
}
