/** The Stage 7 list editors: owner map, environment variables, secrets locations, monitoring links and known risks. */
import type { Handover } from '../../../../shared/model'
import { OWNER_DEPENDENCIES, knownProvider } from '../../../../shared/handover'
import type { Project } from '../../../../shared/model'
import { Gloss } from '../../components/Gloss'

type Set = (patch: Partial<Handover>) => void

interface CellProps {
  id: string
  label: string
  value: string
  placeholder?: string
  onChange(v: string): void
  type?: 'text' | 'url'
}

function Cell({ id, label, value, placeholder, onChange, type = 'text' }: CellProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}

function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="danger ho-remove" onClick={onClick} aria-label={label}>
      Remove
    </button>
  )
}

const update = <T,>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x))
const without = <T,>(list: T[], i: number): T[] => list.filter((_, j) => j !== i)

export function OwnerMap({ project, set }: { project: Project; set: Set }) {
  const h = project.handover
  const row = (dep: string) => h.owners.find((o) => o.dependency === dep)
  const change = (dep: string, patch: Partial<Handover['owners'][number]>) => {
    const existing = row(dep)
    const owners = existing ? h.owners.map((o) => (o.dependency === dep ? { ...o, ...patch } : o)) : [...h.owners, { dependency: dep, provider: knownProvider(project, dep), owner: '', backupAccess: '', ...patch }]
    set({ owners })
  }
  return (
    <div className="rows">
      {OWNER_DEPENDENCIES.map((d) => {
        const r = row(d.id)
        const has = Boolean(r?.owner.trim())
        return (
          <fieldset className="row-edit ho-owner" key={d.id}>
            <legend>
              {d.label} <span className={has ? 'ho-tag ho-ok' : 'ho-tag ho-missing'}>{has ? '✓ Has an owner' : '! No owner yet'}</span>
            </legend>
            <Cell id={`ho-owner-${d.id}-provider`} label="Provider" value={r?.provider ?? knownProvider(project, d.id)} placeholder="Cloudflare" onChange={(provider) => change(d.id, { provider })} />
            <Cell id={`ho-owner-${d.id}-owner`} label="Owner (holds access)" value={r?.owner ?? ''} placeholder="Dana (founder)" onChange={(owner) => change(d.id, { owner })} />
            <Cell id={`ho-owner-${d.id}-backup`} label="Backup access path" value={r?.backupAccess ?? ''} placeholder="Second admin, recovery codes in the team vault" onChange={(backupAccess) => change(d.id, { backupAccess })} />
          </fieldset>
        )
      })}
    </div>
  )
}

export function EnvVars({ h, set }: { h: Handover; set: Set }) {
  return (
    <>
      <p className="hint">
        <Gloss text="Names only: never paste an environment variable’s value here. Say what it is for, who owns it and where it is stored (for example your host’s settings page)." />
      </p>
      <div className="rows">
        {h.envVars.map((v, i) => (
          <fieldset className="row-edit ho-env" key={i}>
            <legend>Variable {i + 1}</legend>
            <Cell id={`ho-env-${i}-name`} label="Name" value={v.name} placeholder="DATABASE_URL" onChange={(name) => set({ envVars: update(h.envVars, i, { name }) })} />
            <Cell id={`ho-env-${i}-env`} label="Environment" value={v.environment} placeholder="production" onChange={(environment) => set({ envVars: update(h.envVars, i, { environment }) })} />
            <Cell id={`ho-env-${i}-purpose`} label="Purpose" value={v.purpose} onChange={(purpose) => set({ envVars: update(h.envVars, i, { purpose }) })} />
            <Cell id={`ho-env-${i}-owner`} label="Owner" value={v.owner} onChange={(owner) => set({ envVars: update(h.envVars, i, { owner }) })} />
            <Cell id={`ho-env-${i}-store`} label="Where it is stored" value={v.store} placeholder="Vercel → Settings → Environment Variables" onChange={(store) => set({ envVars: update(h.envVars, i, { store }) })} />
            <RemoveButton label={`Remove variable ${v.name || i + 1}`} onClick={() => set({ envVars: without(h.envVars, i) })} />
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => set({ envVars: [...h.envVars, { name: '', environment: 'production', purpose: '', owner: '', store: '' }] })}>
        Add a variable
      </button>
    </>
  )
}

export function Secrets({ h, set }: { h: Handover; set: Set }) {
  return (
    <>
      <p className="hint">Where each secret lives and who can rotate it. Never the secret itself: the pack is shared, so values do not belong in it.</p>
      <div className="rows">
        {h.secrets.map((s, i) => (
          <fieldset className="row-edit ho-secret" key={i}>
            <legend>Secret {i + 1}</legend>
            <Cell id={`ho-secret-${i}-name`} label="What it is" value={s.name} placeholder="Stripe live secret key" onChange={(name) => set({ secrets: update(h.secrets, i, { name }) })} />
            <Cell id={`ho-secret-${i}-location`} label="Where it lives" value={s.location} onChange={(location) => set({ secrets: update(h.secrets, i, { location }) })} />
            <Cell id={`ho-secret-${i}-owner`} label="Owner" value={s.owner} onChange={(owner) => set({ secrets: update(h.secrets, i, { owner }) })} />
            <Cell id={`ho-secret-${i}-rotation`} label="How to rotate it" value={s.rotation} onChange={(rotation) => set({ secrets: update(h.secrets, i, { rotation }) })} />
            <RemoveButton label={`Remove secret ${s.name || i + 1}`} onClick={() => set({ secrets: without(h.secrets, i) })} />
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => set({ secrets: [...h.secrets, { name: '', location: '', owner: '', rotation: '' }] })}>
        Add a secret location
      </button>
    </>
  )
}

export function MonitoringLinks({ h, set }: { h: Handover; set: Set }) {
  return (
    <>
      <div className="rows">
        {h.monitoringLinks.map((l, i) => (
          <fieldset className="row-edit ho-link" key={i}>
            <legend>Link {i + 1}</legend>
            <Cell id={`ho-link-${i}-label`} label="What it shows" value={l.label} placeholder="Uptime dashboard" onChange={(label) => set({ monitoringLinks: update(h.monitoringLinks, i, { label }) })} />
            <Cell id={`ho-link-${i}-url`} label="Address" type="url" value={l.url} placeholder="https://" onChange={(url) => set({ monitoringLinks: update(h.monitoringLinks, i, { url }) })} />
            <RemoveButton label={`Remove link ${l.label || i + 1}`} onClick={() => set({ monitoringLinks: without(h.monitoringLinks, i) })} />
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => set({ monitoringLinks: [...h.monitoringLinks, { label: '', url: '' }] })}>
        Add a link
      </button>
    </>
  )
}

export function KnownRisks({ h, set }: { h: Handover; set: Set }) {
  return (
    <>
      <div className="rows">
        {h.knownRisks.map((r, i) => (
          <fieldset className="row-edit ho-risk" key={i}>
            <legend>Risk {i + 1}</legend>
            <Cell id={`ho-risk-${i}-symptom`} label="Symptom (how you would notice)" value={r.symptom} onChange={(symptom) => set({ knownRisks: update(h.knownRisks, i, { symptom }) })} />
            <Cell id={`ho-risk-${i}-action`} label="First action" value={r.firstAction} onChange={(firstAction) => set({ knownRisks: update(h.knownRisks, i, { firstAction }) })} />
            <RemoveButton label={`Remove risk ${i + 1}`} onClick={() => set({ knownRisks: without(h.knownRisks, i) })} />
          </fieldset>
        ))}
      </div>
      <button type="button" onClick={() => set({ knownRisks: [...h.knownRisks, { symptom: '', firstAction: '' }] })}>
        Add a risk
      </button>
    </>
  )
}
