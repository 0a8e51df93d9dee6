/**
 * The Stage 1 risk report, shared by the app, the CLI and the handover pack:
 * rank failing findings by business impact (severity × whether they touch a
 * critical flow of the project's vertical), split them into "must fix today"
 * and "safe to defer", set accepted risks aside, and give a go/no-go verdict
 * with its reasons. Pure functions: no I/O, no clock.
 */
import { SEVERITIES, type Severity } from './catalog'
import { findingKey, type Finding } from './model'
import { VERTICAL_INFO, type FlowArea, type Vertical } from './verticals'

export type CriticalArea = Exclude<FlowArea, 'core'>

export interface AcceptedRiskInfo {
  reason: string
  at: string
}

export interface RankedFinding {
  key: string
  finding: Finding
  /** Higher is worse. */
  score: number
  /** The critical flows of the project's vertical this finding touches. */
  criticalAreas: CriticalArea[]
  bucket: 'must-fix' | 'defer'
  /** Set when the user accepted this risk (then it is left out of the verdict). */
  accepted?: AcceptedRiskInfo
}

export type VerdictKind = 'go' | 'no-go' | 'incomplete'

export interface Verdict {
  kind: VerdictKind
  /** One short plain-language line (the headline). */
  headline: string
  /** Why, one sentence each, most important first. */
  reasons: string[]
}

export interface RiskReport {
  mustFix: RankedFinding[]
  defer: RankedFinding[]
  accepted: RankedFinding[]
  verdict: Verdict
  counts: { pass: number; warn: number; fail: number; error: number; skipped: number }
}

const SEVERITY_WEIGHT: Record<Severity, number> = { blocker: 100, high: 60, medium: 30, low: 10, info: 2 }
const STATUS_WEIGHT: Record<string, number> = { fail: 1, error: 0.8, warn: 0.5 }
const CRITICAL_BONUS = 25

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s)

/** A finding that needs attention: failing, warning or not checked. */
export const isProblem = (f: Pick<Finding, 'status'>): boolean => f.status === 'fail' || f.status === 'warn' || f.status === 'error'

/**
 * The critical flows of a vertical: the areas of its flows among signup,
 * login and payment, plus email (every product sends sign-up and reset email).
 */
export function criticalAreasFor(vertical: Vertical): CriticalArea[] {
  const areas = new Set<CriticalArea>(['email'])
  for (const f of VERTICAL_INFO[vertical].flows) if (f.area !== 'core') areas.add(f.area)
  return (['signup', 'login', 'payment', 'email'] as const).filter((a) => areas.has(a))
}

export function rankFinding(f: Finding, vertical: Vertical, accepted?: AcceptedRiskInfo): RankedFinding {
  const critical = new Set(criticalAreasFor(vertical))
  const criticalAreas = (f.areas ?? []).filter((a): a is CriticalArea => a !== 'core' && critical.has(a))
  const score = Math.round((SEVERITY_WEIGHT[f.severity] + (criticalAreas.length ? CRITICAL_BONUS : 0)) * (STATUS_WEIGHT[f.status] ?? 0) * 10) / 10
  const mustFix = (f.status === 'fail' || f.status === 'error') && (f.severity === 'blocker' || (f.severity === 'high' && criticalAreas.length > 0))
  return { key: findingKey(f), finding: f, score, criticalAreas, bucket: mustFix ? 'must-fix' : 'defer', ...(accepted ? { accepted } : {}) }
}

/** Worst first: score, then severity, then check id and target for a stable order. */
export function compareRanked(a: RankedFinding, b: RankedFinding): number {
  return (
    b.score - a.score ||
    severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
    a.finding.checkId.localeCompare(b.finding.checkId) ||
    a.finding.target.localeCompare(b.finding.target)
  )
}

const AREA_WORD: Record<CriticalArea, string> = { signup: 'sign-up', login: 'log-in', payment: 'payment', email: 'email' }

export function areasText(areas: readonly CriticalArea[]): string {
  const words = areas.map((a) => AREA_WORD[a])
  if (words.length <= 1) return words[0] ?? ''
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The one count of a set of findings that every screen, message and the pack
 * use: a check that could not run is not "done", and problems are failures
 * and warnings.
 */
export function findingCounts(findings: readonly Pick<Finding, 'status'>[] | Readonly<Record<'pass' | 'warn' | 'fail' | 'error' | 'skipped', number>>): { total: number; ran: number; couldNotRun: number; problems: number; passed: number } {
  const by = Array.isArray(findings)
    ? findings.reduce<Record<string, number>>((m, f) => ((m[f.status] = (m[f.status] ?? 0) + 1), m), {})
    : (findings as Readonly<Record<string, number>>)
  const n = (s: string) => by[s] ?? 0
  const total = n('pass') + n('warn') + n('fail') + n('error') + n('skipped')
  return { total, ran: total - n('error'), couldNotRun: n('error'), problems: n('fail') + n('warn'), passed: n('pass') }
}

/** Must-fix items split the way the verdict counts them: failing, and important checks that could not run. */
export function mustFixCounts(mustFix: readonly RankedFinding[]): { failing: number; notChecked: number } {
  const notChecked = mustFix.filter((r) => r.finding.status === 'error').length
  return { failing: mustFix.length - notChecked, notChecked }
}

export interface RiskReportOptions {
  /** Set when the findings do not cover every check (no full run yet, or it was stopped): never a "go" then. */
  incomplete?: string
}

/** Builds the risk report from the current findings and the project's accepted risks. */
export function buildRiskReport(findings: readonly Finding[], vertical: Vertical, acceptedRisks: Record<string, AcceptedRiskInfo> = {}, opts: RiskReportOptions = {}): RiskReport {
  const counts = { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 }
  const mustFix: RankedFinding[] = []
  const defer: RankedFinding[] = []
  const accepted: RankedFinding[] = []
  for (const f of findings) {
    counts[f.status] += 1
    if (!isProblem(f)) continue
    const acc = acceptedRisks[findingKey(f)]
    const r = rankFinding(f, vertical, acc)
    if (acc) accepted.push(r)
    else if (r.bucket === 'must-fix') mustFix.push(r)
    else defer.push(r)
  }
  mustFix.sort(compareRanked)
  defer.sort(compareRanked)
  accepted.sort(compareRanked)
  let verdict = verdictFor(findings.length, mustFix, defer, accepted)
  if (opts.incomplete && findings.length > 0) {
    verdict =
      verdict.kind === 'go'
        ? { kind: 'incomplete', headline: 'Not sure yet: not every check has a result', reasons: [opts.incomplete, ...verdict.reasons.slice(1)] }
        : { ...verdict, reasons: [...verdict.reasons, opts.incomplete] }
  }
  return { mustFix, defer, accepted, counts, verdict }
}

/** Whether the current view rests on a full run that finished; the reason in plain words when not. */
export function viewCoverage(runs: readonly RunLike[]): { complete: boolean; reason?: string } {
  const full = runs.find(isFullRun)
  if (!full) return { complete: false, reason: 'Not every check has run yet: run all checks once to get a verdict.' }
  if (full.state === 'completed') return { complete: true }
  const why: Record<string, string> = {
    cancelled: 'The last full run was stopped before it finished, so some checks have no result yet.',
    deadline: 'The last full run hit its time limit, so some checks have no result yet.',
    failed: 'The last full run failed, so some checks have no result yet.',
    running: 'The checks are still running.',
  }
  return { complete: false, reason: why[full.state] ?? 'The last full run did not finish.' }
}

/** Problems that do not block launch: failing at high severity (fix this week), and the rest (after launch). */
export function splitDeferred(defer: readonly RankedFinding[]): { thisWeek: RankedFinding[]; later: RankedFinding[] } {
  const thisWeek = defer.filter((r) => r.finding.status === 'fail' && (r.finding.severity === 'high' || r.finding.severity === 'blocker'))
  return { thisWeek, later: defer.filter((r) => !thisWeek.includes(r)) }
}

function verdictFor(total: number, mustFix: RankedFinding[], defer: RankedFinding[], accepted: RankedFinding[]): Verdict {
  if (total === 0) {
    return { kind: 'incomplete', headline: 'Not checked yet', reasons: ['No checks have run for this project yet, so we cannot say whether it is safe to launch.'] }
  }
  const failing = mustFix.filter((r) => r.finding.status === 'fail')
  const unknown = mustFix.filter((r) => r.finding.status === 'error')
  const reasons: string[] = []
  // One root cause first: while the domain does not resolve, nothing that hangs off it (the site,
  // its certificates, email records) can be judged, so it leads and the rest are said to follow.
  const root = failing.find((r) => r.finding.checkId === 'dns.apex.resolves')
  const listed = root ? [root] : failing.slice(0, 5)
  for (const r of listed) {
    const flows = r.criticalAreas.length ? ` It affects ${areasText(r.criticalAreas)}.` : ''
    reasons.push(`${r.finding.title} (${r.finding.target}).${flows}${r === root ? ' Fix this first: the site, its certificates and its email records all depend on it.' : ''}`)
  }
  if (root && failing.length > 1) reasons.push(`${plural(failing.length - 1, 'more problem follows', 'more problems follow')} from it or must also be fixed; run the checks again once it resolves.`)
  else if (failing.length > 5) reasons.push(`${plural(failing.length - 5, 'more problem', 'more problems')} must also be fixed before launch.`)
  for (const r of root ? [] : unknown.slice(0, 3)) reasons.push(`We could not check “${r.finding.title.replace(/: could not check$/, '')}” on ${r.finding.target}: ${r.finding.summary}`)
  if (!root && unknown.length > 3) reasons.push(`${plural(unknown.length - 3, 'more important check', 'more important checks')} could not run.`)
  const tail: string[] = []
  // High-severity problems off the critical flows do not block launch, but they are not "smaller issues" either.
  const { thisWeek, later } = splitDeferred(defer)
  if (thisWeek.length) tail.push(`${plural(thisWeek.length, 'high-severity problem does', 'high-severity problems do')} not block launch but should be fixed this week: ${thisWeek.slice(0, 3).map((r) => r.finding.title).join('; ')}${thisWeek.length > 3 ? '; …' : ''}.`)
  if (later.length) tail.push(`${plural(later.length, 'smaller issue is', 'smaller issues are')} safe to fix after launch.`)
  if (accepted.length) tail.push(`You accepted ${plural(accepted.length, 'risk', 'risks')}; ${accepted.length === 1 ? 'it is' : 'they are'} listed with your reasons and not counted here.`)
  if (failing.length) {
    return {
      kind: 'no-go',
      // The same numbers as the must-fix list: its failing items, and its checks that could not run.
      headline: `Not ready: fix ${plural(failing.length, 'problem', 'problems')} before launch${unknown.length ? `; ${plural(unknown.length, 'important check', 'important checks')} could not run` : ''}`,
      reasons: [...reasons, ...tail],
    }
  }
  if (unknown.length) {
    return {
      kind: 'incomplete',
      headline: `Not sure yet: ${plural(unknown.length, 'important check', 'important checks')} could not run`,
      reasons: [...reasons, 'Run the checks again once the cause is fixed; until then we cannot say it is safe.', ...tail],
    }
  }
  return {
    kind: 'go',
    headline: thisWeek.length ? `Ready to launch; fix ${plural(thisWeek.length, 'high-severity problem', 'high-severity problems')} this week` : 'Ready to launch',
    reasons: ['Nothing that blocks launch is failing: no blocker, and no high-severity problem on sign-up, log-in, payment or email.', ...tail],
  }
}

/* ---------- diff against the previous run ---------- */

export interface ChangedFinding {
  key: string
  before: Finding
  after: Finding
}

export interface RunDiff {
  /** Problems in the previous view that now pass (or are no longer reported where the new run looked). */
  fixed: Finding[]
  /** Problems that were not problems before. */
  new: Finding[]
  /** Problems with the same status and severity as before. */
  unchanged: Finding[]
  /** Problems whose status or severity moved (a warning turned into a failure, …). */
  changed: ChangedFinding[]
}

/**
 * Compares two views of a project (findings by key). `covers` says whether
 * the newer view looked at a finding's check and target at all; a problem the
 * newer view did not look at is neither fixed nor unchanged, it is left out.
 */
export function diffFindings(previous: readonly Finding[], current: readonly Finding[], covers: (f: Finding) => boolean = () => true): RunDiff {
  const prev = new Map(previous.map((f) => [findingKey(f), f]))
  const cur = new Map(current.map((f) => [findingKey(f), f]))
  const out: RunDiff = { fixed: [], new: [], unchanged: [], changed: [] }
  for (const [key, after] of cur) {
    const before = prev.get(key)
    if (!isProblem(after)) {
      if (before && isProblem(before)) out.fixed.push(after)
      continue
    }
    if (!before || !isProblem(before)) out.new.push(after)
    else if (before.status === after.status && before.severity === after.severity) out.unchanged.push(after)
    else out.changed.push({ key, before, after })
  }
  for (const [key, before] of prev) {
    if (!cur.has(key) && isProblem(before) && covers(before)) out.fixed.push(before)
  }
  return out
}

/* ---------- the current view over a run history ---------- */

export interface RunLike {
  id: string
  startedAt: string
  state: string
  scope: { stage?: number | undefined; checkIds?: string[] | undefined; targets?: string[] | undefined }
  findings: Finding[]
}

/** A run without a scope looked at everything. */
export const isFullRun = (r: RunLike): boolean => !r.scope.stage && !r.scope.checkIds?.length && !r.scope.targets?.length

/** Whether a run looked at this finding's check and target. */
export function runCovers(r: RunLike, f: Pick<Finding, 'checkId' | 'stage' | 'target'>): boolean {
  const s = r.scope
  if (s.stage && f.stage !== s.stage) return false
  if (s.checkIds?.length && !s.checkIds.includes(f.checkId)) return false
  if (s.targets?.length && !s.targets.includes(f.target)) return false
  return true
}

/**
 * What the project looks like now, from its run history (newest first): the
 * newest full audit, with every later scoped run ("Check again", a stage
 * re-run) laid over it, newest finding per key winning. Cancelled runs count
 * for what they finished.
 */
export function currentView(runs: readonly RunLike[]): { findings: Finding[]; runs: RunLike[] } {
  const fullIdx = runs.findIndex(isFullRun)
  const used = fullIdx === -1 ? [...runs] : runs.slice(0, fullIdx + 1)
  const byKey = new Map<string, Finding>()
  for (const r of [...used].reverse()) {
    // A finished re-run of whole checks (a stage, the email checks) replaces what it covered: a
    // problem it no longer reports is gone. Runs aimed at single addresses, or stopped, only add.
    if ((r.state === 'completed' || r.state === 'deadline') && !isFullRun(r) && !r.scope.targets?.length) {
      for (const [k, f] of byKey) if (runCovers(r, f)) byKey.delete(k)
    }
    for (const f of r.findings) byKey.set(findingKey(f), f)
  }
  return { findings: [...byKey.values()], runs: used }
}

/** The current view and the one before the newest run, with their diff. */
export function diffLatest(runs: readonly RunLike[]): { findings: Finding[]; diff: RunDiff | null; previousRunId?: string } {
  const [latest] = runs
  const now = currentView(runs)
  if (!latest || runs.length < 2) return { findings: now.findings, diff: null }
  const before = currentView(runs.slice(1))
  return {
    findings: now.findings,
    diff: diffFindings(before.findings, now.findings, (f) => runCovers(latest, f)),
    previousRunId: runs[1]!.id,
  }
}
