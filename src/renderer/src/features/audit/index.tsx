/**
 * The audit panels: Stage 1 shows the risk report (run all checks, verdict,
 * diff, must fix today / safe to defer / accepted, the site surface, every
 * result in a filterable table, history); stages 2, 3, 4 and 6 show their own
 * automated findings with "Run checks for this stage".
 */
import { useEffect, useId } from 'react'
import type { StagePanelProps } from '../registry'
import type { StageNumber } from '../../../../shared/catalog'
import { useApp } from '../../store/hooks'
import { RunControls } from './RunControls'
import { RiskReport } from './RiskReport'
import { SurfaceMatrix } from './SurfaceMatrix'
import { DnsMap } from './DnsMap'
import { Certificates } from './Certificates'
import { FindingsTable } from './FindingsTable'
import { CardList } from './cards'
import { CheckTarget } from './Target'
import { isProblem, stageCheckIds, stageFindings } from './model'
import './audit.css'

function History({ projectId }: { projectId: string }) {
  const history = useApp((s) => (s.runsProjectId === projectId ? s.runHistory : undefined))
  if (!history?.length) return null
  const STATE: Record<string, string> = { completed: 'finished', cancelled: 'cancelled', deadline: 'hit the time limit', failed: 'failed', running: 'running' }
  return (
    <details className="history">
      <summary>Run history ({history.length})</summary>
      <ol>
        {history.map((r) => (
          <li key={r.id}>
            {new Date(r.startedAt).toLocaleString()}: {r.scopeText}, {STATE[r.state] ?? r.state}. {r.counts.fail} failed, {r.counts.warn} warnings, {r.counts.error} could not be checked, {r.counts.pass} passed.
          </li>
        ))}
      </ol>
    </details>
  )
}

function StageOne({ projectId }: { projectId: string }) {
  const latest = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest : undefined))
  return (
    <>
      <CheckTarget projectId={projectId} />
      <RunControls projectId={projectId} label="Run all checks" againLabel="Run all checks again" />
      <RiskReport projectId={projectId} />
      <SurfaceMatrix rows={latest?.artifacts.surface} />
      {latest && <FindingsTable projectId={projectId} findings={latest.findings} />}
      <History projectId={projectId} />
    </>
  )
}

function StageChecks({ projectId, stage }: { projectId: string; stage: StageNumber }) {
  const latest = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest : undefined))
  const all = stageFindings(latest?.findings ?? [], stage)
  // Stage 2's email checks have their own panel below, with the records and the lookup tree: shown once, there.
  const emailHere = stage === 2
  const email = emailHere ? all.filter((f) => f.checkId.startsWith('email.')) : []
  // Stage 4's secrets checks have theirs too (the table by location, the folders it reads).
  const secrets = stage === 4 ? all.filter((f) => f.checkId.startsWith('secrets.') || f.checkId.startsWith('deploy.')) : []
  const findings = all.filter((f) => !email.includes(f) && !secrets.includes(f))
  const secretProblems = secrets.filter((f) => isProblem(f) && f.checkId.startsWith('secrets.')).length
  const deployProblems = secrets.filter((f) => isProblem(f) && f.checkId.startsWith('deploy.')).length
  const problems = findings.filter(isProblem)
  const fine = findings.filter((f) => !isProblem(f))
  const emailProblems = email.filter(isProblem).length
  return (
    <>
      <RunControls projectId={projectId} scope={{ stage }} label="Run checks for this stage" againLabel="Run this stage’s checks again" />
      {latest && findings.length === 0 && <p className="hint">No results for this stage yet. Run its checks, or run all checks from Stage 1.</p>}
      {problems.length > 0 && (
        <>
          <h4>Needs attention ({problems.length})</h4>
          <CardList projectId={projectId} findings={problems} label="Needs attention" />
        </>
      )}
      {emailProblems > 0 && (
        <p className="hint" data-testid="email-elsewhere">
          {emailProblems} email authentication {emailProblems === 1 ? 'problem is' : 'problems are'} in the{' '}
          <a href="#panel-email" onClick={(e) => (e.preventDefault(), document.getElementById('panel-email')?.focus(), document.getElementById('panel-email')?.scrollIntoView())}>
            Email authentication panel
          </a>{' '}
          below, with the records to publish.
        </p>
      )}
      {secretProblems > 0 && (
        <p className="hint" data-testid="secrets-elsewhere">
          {secretProblems} secrets {secretProblems === 1 ? 'problem is' : 'problems are'} in the{' '}
          <a href="#panel-secrets" onClick={(e) => (e.preventDefault(), document.getElementById('panel-secrets')?.focus(), document.getElementById('panel-secrets')?.scrollIntoView())}>
            Secrets panel
          </a>{' '}
          below, with where each one is and how to rotate it.
        </p>
      )}
      {deployProblems > 0 && (
        <p className="hint" data-testid="deploy-elsewhere">
          {deployProblems} deploy {deployProblems === 1 ? 'problem (variables, smoke test) is' : 'problems (variables, smoke test) are'} in the Deploys panel below.
        </p>
      )}
      {fine.length > 0 && (
        <details>
          <summary>
            Passed or not applicable ({fine.length})
          </summary>
          <CardList projectId={projectId} findings={fine} label="Passed or not applicable" />
        </details>
      )}
      {stage === 2 && <DnsMap entries={latest?.artifacts.dnsMap} />}
      {stage === 2 && <SurfaceMatrix rows={latest?.artifacts.surface} />}
      {stage === 3 && <Certificates certs={latest?.artifacts.certificates} />}
    </>
  )
}

export default function AuditPanel({ projectId, stage }: StagePanelProps) {
  const id = useId()
  const load = useApp((s) => s.loadRuns)
  const error = useApp((s) => (s.runsProjectId === projectId ? s.runsError : undefined))
  useEffect(() => {
    void load(projectId)
  }, [projectId, load])
  const title = stage === 1 ? 'Launch risk report' : 'Automated checks for this stage'
  return (
    <section className="audit-panel" aria-labelledby={`${id}-h`} data-testid={`audit-panel-${stage}`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {stage !== 1 && <p className="hint">{stageCheckIds(stage).length} automated checks cover this stage.</p>}
      {error && (
        <div className="notice error" role="alert">
          <p>{error.message}</p>
        </div>
      )}
      {stage === 1 ? <StageOne projectId={projectId} /> : <StageChecks projectId={projectId} stage={stage} />}
    </section>
  )
}
