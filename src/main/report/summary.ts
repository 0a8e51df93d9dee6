/**
 * The executive summary of the pack, from the shared risk module
 * (src/shared/risk.ts, the same ranking and verdict the app and the CLI show):
 * the current view over the run history, split into must fix today / safe to
 * defer / could not check / accepted, the go/no-go verdict with its reasons,
 * and what was fixed between the first run and now.
 */
import type { Finding, Project, Run } from '../../shared/model'
import { findingKey } from '../../shared/model'
import { buildRiskReport, currentView, diffFindings, type RankedFinding } from '../../shared/risk'
import type { AcceptedItem, FixedItem, RiskItem, Verdict } from '../../shared/report-model'

/** Runs newest first, dropping runs still in progress (the order the shared risk module expects). */
export function newestFirst(runs: Run[]): Run[] {
  return runs.filter((r) => r.state !== 'running').sort((a, b) => b.startedAt.localeCompare(a.startedAt))
}

/** What the project looks like now: the newest full audit with later scoped runs laid over it. */
export function latestFindings(runs: Run[]): Finding[] {
  const ordered = newestFirst(runs)
  const at = new Map<string, string>()
  for (const r of [...ordered].reverse()) for (const f of r.findings) at.set(findingKey(f), f.ranAt ?? r.finishedAt ?? r.startedAt)
  return currentView(ordered).findings.map((f) => ({ ...f, ranAt: f.ranAt ?? at.get(findingKey(f)) }))
}

export function riskItem(f: Finding): RiskItem {
  const first = f.fix[0]
  return {
    key: findingKey(f),
    checkId: f.checkId,
    target: f.target,
    stage: f.stage,
    status: f.status,
    severity: f.severity,
    title: f.title,
    summary: f.summary,
    ...(first ? { firstFix: first.value ? `${first.text} ${first.value}` : first.text } : {}),
  }
}

export interface Summary {
  mustFix: RiskItem[]
  defer: RiskItem[]
  couldNotCheck: RiskItem[]
  accepted: AcceptedItem[]
  fixed: FixedItem[]
  passed: number
  verdict: Verdict
  reasons: string[]
}

/** Problems in the first run that pass now (or that the checks that re-ran no longer report). */
export function fixedDuringSprint(runs: Run[]): FixedItem[] {
  const ordered = newestFirst(runs)
  const first = ordered[ordered.length - 1]
  if (!first || ordered.length < 2) return []
  const before = new Map(first.findings.map((f) => [findingKey(f), f]))
  const diff = diffFindings(first.findings, latestFindings(ordered), (f) => ordered.slice(0, -1).some((r) => r.findings.some((g) => findingKey(g) === findingKey(f))))
  return diff.fixed
    .map((f) => {
      const was = before.get(findingKey(f)) ?? f
      return { key: findingKey(f), checkId: f.checkId, target: f.target, title: f.status === 'pass' ? f.title : was.title, before: was.status, severity: was.severity }
    })
    .sort((a, b) => a.key.localeCompare(b.key))
}

const VERDICT: Record<string, Verdict> = { go: 'go', 'no-go': 'no-go', incomplete: 'not-checked' }

export function summarize(project: Project, runs: Run[]): Summary {
  const latest = latestFindings(runs)
  const report = buildRiskReport(latest, project.vertical, project.acceptedRisks)
  const defer = report.defer.filter((r) => r.finding.status !== 'error')
  const couldNotCheck = report.defer.filter((r) => r.finding.status === 'error')
  const item = (r: RankedFinding) => riskItem(r.finding)
  return {
    mustFix: report.mustFix.map(item),
    defer: defer.map(item),
    couldNotCheck: couldNotCheck.map(item),
    accepted: report.accepted.map((r) => ({ ...item(r), reason: r.accepted?.reason ?? '', acceptedAt: r.accepted?.at ?? '' })),
    fixed: fixedDuringSprint(runs),
    passed: report.counts.pass,
    verdict: VERDICT[report.verdict.kind] ?? 'not-checked',
    reasons: [report.verdict.headline, ...report.verdict.reasons],
  }
}
