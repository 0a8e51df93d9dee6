/**
 * One finding, per UX.md's anatomy: plain title · impact line · severity and
 * status badge (icon + word + colour) · "What we saw" (collapsed evidence) ·
 * "How to fix" (numbered, copyable, provider tabs) · "Check again" ·
 * "Accept this risk" (asks for a reason) · when it last ran.
 */
import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'
import type { Finding, FixStep } from '../../../shared/model'
import type { Result } from '../../../shared/result'
import { Gloss } from './Gloss'
import { evidenceRows, fixPlan, preferredProvider, ranAgo, SEVERITY_INFO, STATUS_INFO } from './findingModel'
import './finding-card.css'
import { CopyButton } from './CopyButton'
import { useApp } from '../store/hooks'

export interface FindingCardProps {
  finding: Finding
  /** Extra content under the summary (numbers, charts). */
  children?: ReactNode
  /** The project's providers, to open their fix tab first. */
  providers?: string[]
  onCheckAgain?: () => void
  /** Disables "Check again" (a run is in progress). */
  busy?: boolean
  accepted?: { reason: string; at: string }
  onAccept?: (reason: string) => Promise<Result<unknown>>
  onUnaccept?: () => void
  headingLevel?: 3 | 4
}

/** An optional extra (severity info) that is missing is a suggestion, not a red failure. */
export function StatusBadge({ status, severity }: { status: Finding['status']; severity?: Finding['severity'] }) {
  const s = status === 'fail' && severity === 'info' ? { icon: 'ℹ', word: 'Optional', tone: 'muted' as const } : STATUS_INFO[status]
  return (
    <span className={`status-badge tone-${s.tone}`}>
      <span aria-hidden="true">{s.icon}</span> {s.word}
    </span>
  )
}

export function SeverityBadge({ severity }: { severity: Finding['severity'] }) {
  const s = SEVERITY_INFO[severity]
  return (
    <span className={`severity-badge sev-${severity}`} title={s.meaning}>
      {s.word}
      <span className="visually-hidden"> severity: {s.meaning}</span>
    </span>
  )
}

/** A step that asks for a project setting links to that field. */
function SettingLink({ field }: { field: string }) {
  const projectId = useApp((s) => s.current?.id)
  const navigate = useApp((s) => s.navigate)
  if (!projectId) return null
  return (
    <button type="button" className="link-button" onClick={() => navigate({ name: 'settings', projectId, field })}>
      Open it in the project settings
    </button>
  )
}

function Steps({ steps, start = 1, label }: { steps: FixStep[]; start?: number; label: string }) {
  return (
    <ol start={start} className="fix-steps">
      {steps.map((s, i) => (
        <li key={i}>
          <Gloss text={s.text} />
          {s.setting && (
            <>
              {' '}
              <SettingLink field={s.setting} />
            </>
          )}
          {s.value && (
            <div className="fix-value">
              <code>{s.value}</code>
              <CopyButton value={s.value} label={`the value for step ${start + i} of ${label}`} />
            </div>
          )}
        </li>
      ))}
    </ol>
  )
}

function HowToFix({ steps, providers, title, level }: { steps: FixStep[]; providers: string[]; title: string; level: 4 | 5 }) {
  const H = level === 4 ? 'h4' : 'h5'
  const id = useId()
  const plan = fixPlan(steps)
  const [tab, setTab] = useState(() => preferredProvider(plan, providers))
  const current = plan.providers.find((p) => p.id === tab) ?? plan.providers[0]
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const n = plan.providers.length
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1
    if (next < 0) return
    e.preventDefault()
    setTab(plan.providers[next]!.id)
    document.getElementById(`${id}-tab-${next}`)?.focus()
  }
  return (
    <div className="how-to-fix">
      <H>How to fix</H>
      {plan.common.length > 0 && <Steps steps={plan.common} label={title} />}
      {current && (
        <>
          <div role="tablist" aria-label="Steps for your provider" className="provider-tabs">
            {plan.providers.map((p, i) => (
              <button
                key={p.id}
                id={`${id}-tab-${i}`}
                type="button"
                role="tab"
                aria-selected={p.id === current.id}
                aria-controls={`${id}-panel`}
                tabIndex={p.id === current.id ? 0 : -1}
                onClick={() => setTab(p.id)}
                onKeyDown={(e) => onKey(e, i)}
              >
                {p.name}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${plan.providers.indexOf(current)}`}>
            <Steps steps={current.steps} start={plan.common.length + 1} label={`${title} (${current.name})`} />
          </div>
        </>
      )}
    </div>
  )
}

function AcceptRisk({ onAccept, title }: { onAccept: (reason: string) => Promise<Result<unknown>>; title: string }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!reason.trim()) {
      setError('Say why you accept this risk; the reason goes into the handover report.')
      return
    }
    const r = await onAccept(reason.trim())
    if (r.ok) setOpen(false)
    else setError(r.error.message)
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Accept this risk…
      </button>
    )
  }
  return (
    <form className="accept-form" onSubmit={submit} aria-label={`Accept the risk: ${title}`}>
      <label htmlFor={`${id}-reason`}>Why is it acceptable for now?</label>
      <textarea id={`${id}-reason`} value={reason} rows={2} maxLength={2000} autoFocus aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => setReason(e.target.value)} />
      {error && (
        <p id={`${id}-err`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          Accept with this reason
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}

export function FindingCard(props: FindingCardProps) {
  const { finding: f, children, providers = [], accepted } = props
  const s = STATUS_INFO[f.status]
  const H = props.headingLevel === 3 ? 'h3' : 'h4'
  const rows = evidenceRows(f.evidence)
  const problem = f.status === 'fail' || f.status === 'warn' || f.status === 'error'
  return (
    <article className={`finding-card tone-${s.tone}${accepted ? ' accepted' : ''}`} data-check={f.checkId} data-target={f.target} data-status={f.status}>
      <header>
        <StatusBadge status={f.status} severity={f.severity} />
        {problem && <SeverityBadge severity={f.severity} />}
        <H>
          <Gloss text={f.title} />
        </H>
      </header>
      <p className="finding-target mono">{f.target}</p>
      <p>
        <Gloss text={f.summary} />
      </p>
      {f.impact && (
        <p className="impact">
          <strong>Why it matters: </strong>
          <Gloss text={f.impact} />
        </p>
      )}
      {children}
      {accepted && (
        <p className="accepted-note">
          <strong>Accepted risk:</strong> {accepted.reason} <span className="hint">({new Date(accepted.at).toLocaleDateString()})</span>
        </p>
      )}
      {rows.length > 0 && (
        <details className="evidence-panel">
          <summary>What we saw</summary>
          <dl>
            {rows.map((r) => (
              <div key={r.label} className={r.block ? 'block' : undefined}>
                <dt>{r.label}</dt>
                <dd>
                  {r.table ? (
                    <div className="evidence-table" tabIndex={0} role="region" aria-label={r.label}>
                      <table>
                        <thead>
                          <tr>
                            {r.table.columns.map((c) => (
                              <th key={c} scope="col">
                                {c}
                              </th>
                            ))}
                          </tr>
                        </thead>
                        <tbody>
                          {r.table.rows.map((row, i) => (
                            <tr key={i}>
                              {row.map((cell, j) => (
                                <td key={j}>{cell}</td>
                              ))}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      {r.table.more > 0 && <p className="hint">… and {r.table.more} more</p>}
                    </div>
                  ) : r.block ? (
                    <pre tabIndex={0} aria-label={r.label}>
                      {r.value}
                    </pre>
                  ) : (
                    r.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {problem && f.fix.length > 0 && <HowToFix steps={f.fix} providers={providers} title={f.title} level={props.headingLevel === 3 ? 4 : 5} />}
      <footer>
        {f.ranAt && <span className="hint">Checked {ranAgo(f.ranAt)}</span>}
        {props.onCheckAgain && (
          <button type="button" onClick={props.onCheckAgain} disabled={props.busy}>
            Check again
          </button>
        )}
        {problem && !accepted && props.onAccept && <AcceptRisk onAccept={props.onAccept} title={f.title} />}
        {accepted && props.onUnaccept && (
          <button type="button" onClick={props.onUnaccept}>
            Stop accepting this risk
          </button>
        )}
      </footer>
    </article>
  )
}
