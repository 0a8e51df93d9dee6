/**
 * What to publish: the merged SPF record (or what to drop to stay within 10
 * lookups), the launch DMARC record and its next steps, and each provider's
 * SPF and DKIM setup steps with copyable values. Plus "add a DKIM selector".
 */
import { useId, useState, type FormEvent } from 'react'
import type { EmailView } from '../../../../shared/contract/email'
import { Gloss } from '../../components/Gloss'
import { CopyValue } from './CopyValue'

export function Publish({ view }: { view: EmailView }) {
  const id = useId()
  const p = view.spf.proposal
  return (
    <section className="email-publish" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Records to publish</h3>
      <div className="email-block">
        <h4>
          <Gloss text={`SPF record for ${view.domain}`} />
        </h4>
        {p.unchanged ? (
          <p>Your SPF record already covers your providers; nothing to change.</p>
        ) : p.withinLimit ? (
          <>
            <p>
              {view.spf.records.length ? 'Replace your SPF record (the TXT record at ' : 'Add a TXT record at '}
              <code>@</code>
              {view.spf.records.length ? ' that starts with v=spf1) with:' : ' with this value:'}
            </p>
            <CopyValue value={p.record} label="the SPF record" />
            <p className="hint">It needs {p.lookups} of 10 DNS lookups.</p>
          </>
        ) : (
          <>
            <p className="email-over" data-testid="spf-over">
              <span aria-hidden="true">⚠ </span>
              <strong>Not ready to paste:</strong> with everything your providers need, the record would take {p.lookups} DNS lookups, and receivers stop at 10. Remove what you no longer use (below), then check again for a record you can publish.
            </p>
            <p className="mono email-draft">{p.record}</p>
          </>
        )}
        {p.notes.length > 0 && (
          <ul className="email-notes">
            {p.notes.map((n, i) => (
              <li key={i}>
                <Gloss text={n} />
              </li>
            ))}
          </ul>
        )}
        {p.dropSuggestions.length > 0 && (
          <>
            <h5>What to remove, most lookups first</h5>
            <ul className="email-drop">
              {p.dropSuggestions.map((d) => (
                <li key={d.term}>{d.reason}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="email-block">
        <h4>
          <Gloss text="DMARC record for launch" />
        </h4>
        <p>
          Add (or replace) the TXT record at <code>_dmarc</code> with:
        </p>
        <CopyValue value={view.dmarc.launchRecord} label="the DMARC record" />
        {view.dmarc.nextSteps.length > 0 && (
          <ol className="email-next">
            {view.dmarc.nextSteps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        )}
        {view.dmarc.removedTags.length > 0 && (
          <p className="hint">
            Your current record uses {view.dmarc.removedTags.join(', ')}, which the newest DMARC standard (RFC 9989) removed; the record above leaves {view.dmarc.removedTags.length === 1 ? 'it' : 'them'} out.
          </p>
        )}
      </div>
      <Providers view={view} />
    </section>
  )
}

function Providers({ view }: { view: EmailView }) {
  const id = useId()
  const { configured, unknown, detected } = view.providers
  const listed = new Set(configured.map((c) => c.id))
  const extra = detected.filter((d) => !listed.has(d.id))
  return (
    <div className="email-block" aria-labelledby={`${id}-h`} role="group">
      <h4 id={`${id}-h`}>Provider by provider</h4>
      {configured.length === 0 && <p>Add the services that send your email (in the project settings) to get their exact steps here.</p>}
      {configured.map((p) => (
        <details key={p.id} className="email-provider" open={configured.length <= 2}>
          <summary>{p.name}</summary>
          {p.spfMode === 'root' ? (
            <p>
              SPF: your record must include <code>include:{p.spfInclude}</code>
              {view.spf.proposal.added.includes(p.spfInclude) ? ' (added in the record above).' : ' (it already does).'}
            </p>
          ) : (
            <p>
              <Gloss text={`SPF: ${p.name} sends with its own return-path address${p.bounceName ? ` (${p.bounceName.replace('{domain}', view.domain)})` : ''}, so it does not go in your root SPF record.`} />
            </p>
          )}
          <p>
            <Gloss text="DKIM setup:" />
          </p>
          <ol>
            {p.dkimSteps.map((s, i) => (
              <li key={i}>
                <Gloss text={s} />
              </li>
            ))}
          </ol>
        </details>
      ))}
      {extra.length > 0 && (
        <p>
          We also see signs of {extra.map((d) => `${d.name} (${d.via.join(', ')})`).join('; ')}. If you still send with {extra.length === 1 ? 'it' : 'them'}, add {extra.length === 1 ? 'it' : 'them'} to the project; if not, remove the leftover records.
        </p>
      )}
      {unknown.length > 0 && <p className="hint">We do not know {unknown.join(', ')}; follow its own domain setup page and check that it shows SPF and DKIM as verified.</p>}
    </div>
  )
}

export function AddSelector({ tried, onAdd }: { tried: string[]; onAdd: (selector: string) => Promise<string | undefined> }) {
  const id = useId()
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!value.trim()) {
      setError('Type the selector, the part before ._domainkey in the record your provider gave you.')
      return
    }
    setBusy(true)
    const err = await onAdd(value.trim())
    setBusy(false)
    setError(err)
    if (!err) setValue('')
  }
  return (
    <section className="email-selector" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <Gloss text="DKIM selectors" />
      </h3>
      <p>
        A DKIM key lives at <code>&lt;selector&gt;._domainkey</code> under your domain, and only your provider knows the selector. We tried {tried.length}: <span className="mono">{tried.join(', ')}</span>.
      </p>
      <form onSubmit={submit} className="email-form-row" noValidate>
        <label htmlFor={`${id}-sel`}>Add a selector</label>
        <input id={`${id}-sel`} value={value} maxLength={200} placeholder="e.g. s1 or 20240101pm" aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" disabled={busy}>
          Add and check again
        </button>
      </form>
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
