import { VERTICAL_INFO } from '../../../../shared/verticals'
import { Gloss } from '../../components/Gloss'
import { defaultFlows, type DraftFlow } from '../../store/draft'
import { TextField } from './fields'
import { domainOf } from './validate'
import type { StepProps } from './StepsA'
import { EMAIL_PROVIDERS } from './providers'

export function StepFlows({ draft, update, errors }: StepProps) {
  const r = domainOf(draft)
  const setFlow = (i: number, patch: Partial<DraftFlow>) =>
    update({ flows: draft.flows.map((f, j) => (j === i ? { ...f, ...patch } : f)), flowsTouched: true })
  const vertical = draft.vertical ? VERTICAL_INFO[draft.vertical] : undefined
  return (
    <>
      <p>
        These are the pages and API routes your customers cannot do without. Later checks measure their speed and watch them first.
        {vertical && ` We filled in the usual ones for a ${vertical.label.toLowerCase()}; change the addresses to match your app.`}
      </p>
      <div className="rows">
        {draft.flows.map((f, i) => (
          <div className="row-edit flow" key={i}>
            <TextField id={`iv-flow-label-${i}`} label={`Flow ${i + 1}`} value={f.label} onChange={(label) => setFlow(i, { label })} errors={errors} />
            <TextField
              id={`iv-flow-url-${i}`}
              label={`Address of ${f.label || `flow ${i + 1}`}`}
              type="url"
              inputMode="url"
              value={f.url}
              onChange={(url) => setFlow(i, { url })}
              errors={errors}
              hint={f.method === 'POST' ? 'Sends data: it is only timed, never called, unless you mark it safe later.' : undefined}
            />
            <button type="button" onClick={() => update({ flows: draft.flows.filter((_, j) => j !== i), flowsTouched: true })} aria-label={`Remove ${f.label || `flow ${i + 1}`}`}>
              Remove
            </button>
          </div>
        ))}
      </div>
      <div className="row" style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        <button
          type="button"
          onClick={() =>
            update({
              flows: [...draft.flows, { key: `custom-${Date.now().toString(36)}`, label: '', url: '', method: 'GET', area: 'core' }],
              flowsTouched: true,
            })
          }
        >
          Add a flow
        </button>
        {draft.vertical && (
          <button
            type="button"
            onClick={() => update({ flows: defaultFlows(draft.vertical as never, r.ok ? r.apex : '', draft.canonicalHost), flowsTouched: false })}
          >
            Reset to the suggested flows
          </button>
        )}
      </div>
    </>
  )
}

const HOSTING = ['Vercel', 'Netlify', 'Render', 'Fly.io', 'Heroku', 'Railway', 'AWS', 'Google Cloud', 'DigitalOcean', 'Hetzner']
const DNS = ['Cloudflare', 'Route 53', 'Namecheap', 'GoDaddy', 'Porkbun', 'Gandi', 'DNSimple', 'Vercel', 'Netlify']
const CDN = ['Cloudflare', 'CloudFront', 'Fastly', 'Vercel', 'Netlify', 'Bunny', 'Akamai', 'None yet']

function Options({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  )
}

export function StepProviders({ draft, update, errors }: StepProps) {
  const toggle = (id: string) =>
    update({ emailProviders: draft.emailProviders.includes(id) ? draft.emailProviders.filter((p) => p !== id) : [...draft.emailProviders, id] })
  return (
    <>
      <fieldset>
        <legend>Which services send email as your domain?</legend>
        <p className="hint" style={{ marginBottom: '0.6rem' }}>
          <Gloss text="Include the one for your own mailbox and the one your app uses for signups and receipts; SPF must list them all." />
        </p>
        <div className="choice-grid">
          {EMAIL_PROVIDERS.map((p) => (
            <label key={p.id} className="choice" htmlFor={`iv-email-${p.id}`}>
              <input id={`iv-email-${p.id}`} type="checkbox" checked={draft.emailProviders.includes(p.id)} onChange={() => toggle(p.id)} />
              <strong>{p.label}</strong>
            </label>
          ))}
        </div>
        <div style={{ marginTop: '0.8rem' }}>
          <TextField id="iv-email-other" label="Others" hint="Separate several with commas." value={draft.emailOther} onChange={(emailOther) => update({ emailOther })} errors={errors} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Where does the product run?</legend>
        <TextField id="iv-hosting" label="Hosting" list="iv-hosting-list" value={draft.hostingProvider} onChange={(hostingProvider) => update({ hostingProvider })} errors={errors} hint="Where your app’s servers or functions run." />
        <TextField id="iv-dns" label={<Gloss text="DNS provider" />} list="iv-dns-list" value={draft.dnsProvider} onChange={(dnsProvider) => update({ dnsProvider })} errors={errors} hint="Where you edit your domain’s records; often the registrar or Cloudflare." />
        <TextField id="iv-cdn" label={<Gloss text="CDN" />} list="iv-cdn-list" value={draft.cdnProvider} onChange={(cdnProvider) => update({ cdnProvider })} errors={errors} hint="Leave empty if you do not use one yet." />
        <Options id="iv-hosting-list" values={HOSTING} />
        <Options id="iv-dns-list" values={DNS} />
        <Options id="iv-cdn-list" values={CDN} />
      </fieldset>
    </>
  )
}

export function StepContacts({ draft, update, errors }: StepProps) {
  const set = (i: number, patch: Partial<(typeof draft.contacts)[number]>) =>
    update({ contacts: draft.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) })
  return (
    <>
      <p>Who should be called when something breaks? They appear in the handover pack. You can add them later too.</p>
      <div className="rows">
        {draft.contacts.map((c, i) => (
          <div className="row-edit contact" key={c.id}>
            <TextField id={`iv-contact-name-${i}`} label="Name" value={c.name} onChange={(name) => set(i, { name })} errors={errors} />
            <TextField id={`iv-contact-role-${i}`} label="Role" value={c.role} onChange={(role) => set(i, { role })} errors={errors} placeholder="Founder" />
            <TextField id={`iv-contact-email-${i}`} label="Email" type="email" value={c.email} onChange={(email) => set(i, { email })} errors={errors} />
            <TextField id={`iv-contact-phone-${i}`} label="Phone" type="tel" value={c.phone} onChange={(phone) => set(i, { phone })} errors={errors} />
            <button type="button" onClick={() => update({ contacts: draft.contacts.filter((_, j) => j !== i) })} aria-label={`Remove contact ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        onClick={() => update({ contacts: [...draft.contacts, { id: `c-${Date.now().toString(36)}`, name: '', role: '', email: '', phone: '' }] })}
      >
        Add a contact
      </button>
    </>
  )
}
