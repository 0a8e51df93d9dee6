/**
 * Stage 4's deploy panel: the environment inventory, the post-deploy smoke
 * test ("Run smoke test" with the release just deployed, and its last
 * results), the deploy notes the handover pack prints (build command, deploy
 * steps, migration command, rollback steps and the host's rollback page), and
 * the CI workflow built from the checks the founder ticks. Stage 6 shows the
 * workflow part.
 */
import { useId, useState } from 'react'
import type { StagePanelProps } from '../registry'
import type { Finding, Handover } from '../../../../shared/model'
import { AUTOMATIONS, AUTOMATION_WORDS, type Automation } from '../../../../shared/automations'
import { api } from '../../api'
import { useApp } from '../../store/hooks'
import { FindingCard } from '../../components/FindingCard'
import { CopyButton } from '../../components/CopyButton'
import { EnvInventoryPanel } from './EnvInventory'
import './deploy.css'

const NO_FINDINGS: Finding[] = []

function Smoke({ projectId }: { projectId: string }) {
  const id = useId()
  const [version, setVersion] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [fresh, setFresh] = useState<Finding[] | undefined>()
  const load = useApp((s) => s.loadRuns)
  const latest = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest?.findings : undefined)) ?? NO_FINDINGS
  const shown = fresh ?? latest.filter((f) => f.checkId === 'deploy.smoke')
  const run = async () => {
    setBusy(true)
    setError('')
    const r = await api().deploy.smoke({ projectId, ...(version.trim() ? { expectVersion: version.trim() } : {}) })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    setFresh(r.value.findings)
    void load(projectId)
  }
  const failing = shown.filter((f) => f.status !== 'pass')
  return (
    <section aria-labelledby={`${id}-h`} data-testid="smoke">
      <h3 id={`${id}-h`}>Smoke test after a deploy</h3>
      <p className="hint">The main page, your critical pages and the health endpoint, all at once, and whether the live version is the one you just deployed.</p>
      <div className="field">
        <label htmlFor={`${id}-v`}>The release just deployed (a tag, a version or a commit SHA; optional)</label>
        <input id={`${id}-v`} type="text" value={version} spellCheck={false} onChange={(e) => setVersion(e.target.value)} />
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
        {busy ? 'Running the smoke test…' : 'Run smoke test'}
      </button>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {shown.length > 0 && (
        <p role="status" className="smoke-summary">
          {failing.length ? `${failing.length} of ${shown.length} smoke checks failed.` : `All ${shown.length} smoke checks passed.`}
        </p>
      )}
      <ul className="finding-list">
        {[...failing, ...shown.filter((f) => f.status === 'pass')].map((f) => (
          <li key={f.target}>
            <FindingCard finding={f} headingLevel={4} onCheckAgain={() => void run()} busy={busy} />
          </li>
        ))}
      </ul>
    </section>
  )
}

const NOTES: { key: keyof Handover; label: string; rows?: number; placeholder: string }[] = [
  { key: 'buildCommand', label: 'Build command', placeholder: 'npm ci && npm run build' },
  { key: 'deploySteps', label: 'Deploy steps', rows: 4, placeholder: '1. Merge to main: the host builds and deploys.\n2. …' },
  { key: 'migrationCommand', label: 'Migration command', placeholder: 'npx prisma migrate deploy' },
  { key: 'rollbackSteps', label: 'Rollback steps', rows: 4, placeholder: '1. In the host’s deployments list, promote the previous one.\n2. …' },
  { key: 'rollbackLink', label: 'The host’s rollback page', placeholder: 'https://vercel.com/acme/app/deployments' },
]

function DeployNotes({ projectId }: { projectId: string }) {
  const id = useId()
  const handover = useApp((s) => (s.current?.id === projectId ? s.current.handover : undefined))
  const edit = useApp((s) => s.editProject)
  if (!handover) return null
  return (
    <section aria-labelledby={`${id}-h`} className="deploy-notes">
      <h3 id={`${id}-h`}>How to deploy and roll back</h3>
      <p className="hint">Written so someone else can follow them; the handover pack prints them. Saved as you type.</p>
      {NOTES.map((n) => (
        <div className="field" key={n.key}>
          <label htmlFor={`${id}-${n.key}`}>{n.label}</label>
          {n.rows ? (
            <textarea id={`${id}-${n.key}`} rows={n.rows} value={String(handover[n.key] ?? '')} placeholder={n.placeholder} onChange={(e) => edit({ handover: { ...handover, [n.key]: e.target.value } })} />
          ) : (
            <input id={`${id}-${n.key}`} type="text" value={String(handover[n.key] ?? '')} placeholder={n.placeholder} onChange={(e) => edit({ handover: { ...handover, [n.key]: e.target.value } })} />
          )}
        </div>
      ))}
    </section>
  )
}

export function Workflow({ projectId }: { projectId: string }) {
  const id = useId()
  const [chosen, setChosen] = useState<Automation[]>([...AUTOMATIONS])
  const [kind, setKind] = useState<'github' | 'gitlab'>('github')
  const [text, setText] = useState('')
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')
  const preview = async () => {
    const r = await api().deploy.workflow({ projectId, automations: chosen, kind })
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message)
    setError(r.value.problems.length ? `It does not validate: ${r.value.problems[0]}` : '')
    setText(r.value.text)
  }
  const save = async () => {
    const r = await api().deploy.saveWorkflow({ projectId, automations: chosen, kind })
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message)
    if (r.value) setMessage(`Saved ${r.value.path}. Commit it${kind === 'github' ? ' under .github/workflows/' : ' at the root of the repository'}.`)
  }
  return (
    <section aria-labelledby={`${id}-h`} className="workflow" data-testid="workflow">
      <h3 id={`${id}-h`}>Automate the checks in CI</h3>
      <fieldset>
        <legend>What should run automatically?</legend>
        {AUTOMATIONS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={chosen.includes(a)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a] : c.filter((x) => x !== a)))} /> {AUTOMATION_WORDS[a]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Where your code lives</legend>
        <label className="check">
          <input type="radio" name={`${id}-k`} checked={kind === 'github'} onChange={() => setKind('github')} /> GitHub (Actions)
        </label>
        <label className="check">
          <input type="radio" name={`${id}-k`} checked={kind === 'gitlab'} onChange={() => setKind('gitlab')} /> GitLab (CI/CD)
        </label>
      </fieldset>
      <div className="run-actions">
        <button type="button" onClick={() => void preview()}>
          Show the file
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save the file…
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="hint">
        {message}
      </p>
      {text && (
        <>
          <pre className="mono workflow-text" tabIndex={0}>
            {text}
          </pre>
          <CopyButton value={text} label="the workflow file" />
          <p className="hint">Actions are pinned to exact commits and the checks to this version of Launch Ready. The public checks need no secret; nothing is inlined.</p>
        </>
      )}
    </section>
  )
}

export default function DeployPanel({ projectId, stage }: StagePanelProps) {
  const id = useId()
  return (
    <section className="deploy-panel" aria-labelledby={`${id}-h`} data-testid={`deploy-panel-${stage}`}>
      <h2 id={`${id}-h`}>{stage === 4 ? 'Deploys: variables, smoke test, rollback' : 'Automation'}</h2>
      {stage === 4 && (
        <>
          <EnvInventoryPanel projectId={projectId} />
          <Smoke projectId={projectId} />
          <DeployNotes projectId={projectId} />
        </>
      )}
      <Workflow projectId={projectId} />
    </section>
  )
}
