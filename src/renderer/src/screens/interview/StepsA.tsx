import { normalizeDomain } from '../../../../shared/domain'
import { VERTICALS, VERTICAL_INFO } from '../../../../shared/verticals'
import { Gloss } from '../../components/Gloss'
import type { InterviewDraft } from '../../store/draft'
import { describedBy, FieldError, TextField } from './fields'
import { domainOf, type Errors } from './validate'

const CANONICAL_HINT = {
  www: 'With www: common, and easy to put behind a CDN.',
  apex: 'Without www: shorter, needs a DNS provider that supports it.',
  auto: 'The first audit looks where both addresses end up, uses that one and tells you what it found.',
} as const

export interface StepProps {
  draft: InterviewDraft
  update(patch: Partial<InterviewDraft>): void
  errors: Errors
}

export function StepAbout({ draft, update, errors }: StepProps) {
  return (
    <>
      <TextField id="iv-name" label="Product name" value={draft.name} onChange={(name) => update({ name })} errors={errors} hint="The name your customers know, for example Acme Booking." />
      <fieldset aria-describedby={errors['iv-vertical-community'] ? 'iv-vertical-community-error' : undefined}>
        <legend>What kind of business is it?</legend>
        <p className="hint" style={{ marginBottom: '0.6rem' }}>
          This picks the flows we watch most closely and the speed target for your pages.
        </p>
        <div className="choice-grid">
          {VERTICALS.map((v) => (
            <label key={v} className="choice" htmlFor={`iv-vertical-${v}`}>
              <input
                id={`iv-vertical-${v}`}
                type="radio"
                name="vertical"
                value={v}
                checked={draft.vertical === v}
                onChange={() => update({ vertical: v })}
              />
              <strong>{VERTICAL_INFO[v].label}</strong>
              <span className="hint">
                {VERTICAL_INFO[v].blurb} Target: <Gloss text={`p95 under ${VERTICAL_INFO[v].p95TargetMs} ms.`} />
              </span>
            </label>
          ))}
        </div>
        <FieldError id="iv-vertical-community" errors={errors} />
      </fieldset>
    </>
  )
}

const SUB_ROLES = ['app', 'api', 'admin', 'help', 'docs', 'status', 'blog', 'mail', 'other']

function DomainPreview({ draft }: { draft: InterviewDraft }) {
  const r = domainOf(draft)
  if (!draft.domainInput.trim()) return null
  if (!r.ok) return null
  const apex = normalizeDomain(r.apex)
  const unicode = apex.ok ? apex.unicode : r.apex
  return (
    <div id="iv-domain-preview" aria-live="polite">
      <p className="domain-preview ok">We will check {unicode}</p>
      {unicode !== r.apex && (
        <p className="hint">
          International name: shown as <strong>{unicode}</strong>, looked up as <code>{r.apex}</code> (<Gloss text="punycode" />).
        </p>
      )}
      {r.subdomain && (
        <p className="hint">
          {r.subdomain === 'www'
            ? `www.${unicode} is covered by the canonical choice below.`
            : `${r.subdomain}.${unicode} is a subdomain; we will use ${unicode} as the main domain. Add ${r.subdomain} below if it matters.`}
        </p>
      )}
    </div>
  )
}

export function StepDomain({ draft, update, errors }: StepProps) {
  const r = domainOf(draft)
  const shown = r.ok ? normalizeDomain(r.apex) : undefined
  const apex = shown?.ok ? shown.unicode : 'your-domain.com'
  const setSub = (i: number, patch: Partial<{ label: string; role: string }>) =>
    update({ subdomains: draft.subdomains.map((s, j) => (j === i ? { ...s, ...patch } : s)) })
  return (
    <>
      <div className="field">
        <label htmlFor="iv-domain">Main domain</label>
        <p className="hint" id="iv-domain-hint">
          Paste it any way you like, even a full link such as https://www.acme.com/pricing. We keep only the domain.
        </p>
        <input
          id="iv-domain"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={draft.domainInput}
          onChange={(e) => update({ domainInput: e.target.value })}
          aria-invalid={errors['iv-domain'] ? true : undefined}
          aria-describedby={[describedBy('iv-domain', true, errors), 'iv-domain-preview'].filter(Boolean).join(' ')}
        />
        <FieldError id="iv-domain" errors={errors} />
        <DomainPreview draft={draft} />
      </div>
      <fieldset>
        <legend>Which address is the official one?</legend>
        <p className="hint" style={{ marginBottom: '0.6rem' }}>
          <Gloss text="The other one will redirect to it, so customers, cookies and search engines all use one canonical address." />
        </p>
        <div className="choice-grid">
          {(['www', 'apex', 'auto'] as const).map((c) => (
            <label key={c} className="choice" htmlFor={`iv-canonical-${c}`}>
              <input id={`iv-canonical-${c}`} type="radio" name="canonical" checked={draft.canonicalHost === c} onChange={() => update({ canonicalHost: c })} />
              <strong>{c === 'www' ? `www.${apex}` : c === 'apex' ? apex : 'I don’t know — find out'}</strong>
              <span className="hint">{CANONICAL_HINT[c]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Subdomains</legend>
        <p className="hint" style={{ marginBottom: '0.6rem' }}>
          Parts of your product on their own address, like app.{apex} or api.{apex}. Leave empty if you have none.
        </p>
        <div className="rows">
          {draft.subdomains.map((s, i) => (
            <div className="row-edit sub" key={i}>
              <TextField id={`iv-sub-label-${i}`} label={`Subdomain ${i + 1}`} value={s.label} onChange={(label) => setSub(i, { label })} errors={errors} placeholder="app" />
              <TextField id={`iv-sub-role-${i}`} label="What it is for" value={s.role} onChange={(role) => setSub(i, { role })} errors={{}} list="iv-sub-roles" placeholder="app" />
              <button type="button" onClick={() => update({ subdomains: draft.subdomains.filter((_, j) => j !== i) })} aria-label={`Remove subdomain ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
        </div>
        <datalist id="iv-sub-roles">
          {SUB_ROLES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <button type="button" onClick={() => update({ subdomains: [...draft.subdomains, { label: '', role: '' }] })}>
          Add a subdomain
        </button>
      </fieldset>
    </>
  )
}
