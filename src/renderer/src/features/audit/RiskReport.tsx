/** Stage 1: the launch risk report — verdict with reasons, diff with the previous run, must fix today / safe to defer / accepted. */
import { useMemo } from 'react'
import { buildRiskReport, mustFixCounts, splitDeferred, type RankedFinding, type RiskReport as Report } from '../../../../shared/risk'
import type { Finding } from '../../../../shared/model'
import { useApp } from '../../store/hooks'
import { CardList } from './cards'
import { diffText } from './model'

/** The must-fix count as the verdict counts it: failing items, and important checks that could not run. */
export function mustFixHeading(mustFix: readonly RankedFinding[]): string {
  const c = mustFixCounts(mustFix)
  return c.notChecked ? `${c.failing} failing, ${c.notChecked} could not be checked` : String(c.failing)
}

/** What the deferred list holds, without calling a high-severity problem small. */
export function deferSummary(defer: readonly RankedFinding[]): string {
  const { thisWeek, later } = splitDeferred(defer)
  const parts = [thisWeek.length ? `${thisWeek.length} high-severity to fix this week` : '', later.length ? `${later.length} smaller issue${later.length === 1 ? '' : 's'}` : ''].filter(Boolean)
  return `Show them: ${parts.join(', ')}`
}

const VERDICT_LOOK: Record<Report['verdict']['kind'], { icon: string; word: string; tone: string }> = {
  go: { icon: '✓', word: 'Go', tone: 'ok' },
  'no-go': { icon: '✗', word: 'No-go', tone: 'error' },
  incomplete: { icon: '?', word: 'Not sure yet', tone: 'warn' },
}

function DiffList({ title, items }: { title: string; items: Finding[] }) {
  if (!items.length) return null
  return (
    <div>
      <h5>{title}</h5>
      <ul>
        {items.map((f) => (
          <li key={`${f.checkId}@${f.target}`}>
            {f.title} <span className="hint">({f.target})</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function RiskReport({ projectId }: { projectId: string }) {
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const latest = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest : undefined))
  const report = useMemo(
    () =>
      project && latest
        ? buildRiskReport(latest.findings, project.vertical, project.acceptedRisks, latest.coverage?.complete === false && latest.coverage.reason ? { incomplete: latest.coverage.reason } : {})
        : undefined,
    [project?.vertical, project?.acceptedRisks, latest?.findings, latest?.coverage],
  )
  if (!project || !latest) return null
  if (!latest.latest && latest.findings.length === 0) {
    return (
      <div className="notice info" data-testid="no-runs">
        <p>No checks have run yet. Run all checks to see what could block your launch. They only read what anyone on the internet can see, and take about a minute.</p>
      </div>
    )
  }
  if (!report) return null
  const v = VERDICT_LOOK[report.verdict.kind]
  const d = latest.diff
  return (
    <div className="risk-report">
      <div className={`notice ${v.tone} verdict`} data-testid="verdict" data-verdict={report.verdict.kind}>
        <h4>
          <span aria-hidden="true">{v.icon}</span> {v.word}: {report.verdict.headline}
        </h4>
        <ul>
          {report.verdict.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      <div className="diff" data-testid="diff">
        <p>{diffText(d)}</p>
        {d && (d.fixed.length > 0 || d.new.length > 0) && (
          <details>
            <summary>What changed</summary>
            <DiffList title="Fixed" items={d.fixed} />
            <DiffList title="New" items={d.new} />
          </details>
        )}
      </div>
      <section aria-labelledby="must-fix-h" data-testid="must-fix">
        <h4 id="must-fix-h">Must fix today ({mustFixHeading(report.mustFix)})</h4>
        {report.mustFix.length ? (
          <CardList projectId={projectId} findings={report.mustFix.map((r) => r.finding)} label="Must fix today" />
        ) : (
          <p className="hint">Nothing must be fixed before launch.</p>
        )}
      </section>
      <section aria-labelledby="defer-h" data-testid="defer">
        <h4 id="defer-h">Safe to defer ({report.defer.length})</h4>
        {report.defer.length ? (
          <details>
            <summary>{deferSummary(report.defer)}</summary>
            <CardList projectId={projectId} findings={report.defer.map((r) => r.finding)} label="Safe to defer" />
          </details>
        ) : (
          <p className="hint">Nothing else to fix.</p>
        )}
      </section>
      {report.accepted.length > 0 && (
        <section aria-labelledby="accepted-h" data-testid="accepted">
          <h4 id="accepted-h">Accepted risks ({report.accepted.length})</h4>
          <p className="hint">Left out of the verdict, but listed in the handover report with your reasons.</p>
          <CardList projectId={projectId} findings={report.accepted.map((r) => r.finding)} label="Accepted risks" />
        </section>
      )}
    </div>
  )
}
