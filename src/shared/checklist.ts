/**
 * What the automated checks say about a checklist item: each covering check's
 * latest status, whether the item may be ticked without a word, and how a
 * tick reads ("done", "done, with N failing checks accepted"). The wizard,
 * the sidebar counts and the handover pack all read it from here.
 */
import { catalogEntry, type Status } from './catalog'
import type { ChecklistState, Finding } from './model'

/**
 * The checks this build really runs (the audit's families, the perf
 * measurements and the load test). A checklist cover naming anything else
 * says plainly that it does not run yet. tests/unit/runs/automated.test.ts
 * keeps this equal to the engine's suites.
 */
export const AUTOMATED_CHECK_IDS: ReadonlySet<string> = new Set([
  'dns.apex.resolves', 'dns.www.resolves', 'dns.subdomain.resolves', 'dns.cname-at-apex', 'dns.dangling', 'dns.private-address', 'dns.ttl', 'dns.ns-consistency', 'dns.propagation', 'dns.expected', 'dns.caa',
  'email.mx', 'email.spf.present', 'email.spf.syntax', 'email.spf.lookups', 'email.spf.all', 'email.spf.authorizes', 'email.dkim', 'email.dmarc.present', 'email.dmarc.policy', 'email.mta-sts', 'email.tls-rpt',
  'http.reachable', 'http.https-redirect', 'http.canonical', 'http.redirect-loop', 'http.redirect-chain', 'http.redirect-preserves-path', 'http.mixed-content', 'http.subdomain', 'http.health', 'http.version',
  'tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.chain-complete', 'tls.protocol', 'tls.hsts',
  'edge.cdn', 'edge.static-cache', 'edge.private-cache', 'edge.compression', 'edge.security-headers', 'edge.cors', 'edge.rate-limit', 'edge.admin-exposed', 'monitor.request-id',
  'perf.ttfb', 'perf.latency', 'perf.payload', 'perf.load',
  'secrets.repo', 'secrets.history', 'secrets.env-committed', 'secrets.build-output', 'secrets.bundle', 'secrets.sourcemaps',
  'db.stats', 'db.slow-queries', 'db.missing-index', 'db.fk-index', 'db.duplicate-index', 'db.unused-index', 'db.invalid-index', 'db.no-primary-key',
  'deploy.env-inventory', 'deploy.env-parity', 'deploy.smoke',
  'monitor.error-tracking', 'monitor.uptime', 'monitor.alerts',
])

export type CoverState = Status | 'not-run' | 'not-automated' | 'needs-setup'

/** Checks that run only once the project names its code folder (the local secret scan). */
export const NEEDS_REPO_IDS: ReadonlySet<string> = new Set(['secrets.repo', 'secrets.history', 'secrets.env-committed', 'secrets.build-output'])
/** Checks that run only once the project has a database connection (the advisor). */
export const isDbCheck = (id: string): boolean => id.startsWith('db.')

/** What a check still needs before it can run: `repo` (the code folder), `db` (a database connection), or nothing. */
export function setupNeeded(checkId: string, setup: { repoChosen?: boolean; dbChosen?: boolean }): 'repo' | 'db' | undefined {
  if (NEEDS_REPO_IDS.has(checkId) && !setup.repoChosen) return 'repo'
  if (isDbCheck(checkId) && !setup.dbChosen) return 'db'
  return undefined
}

export interface CoverStatus {
  checkId: string
  name: string
  /** The worst latest result over its targets; `not-run` when it runs but has no result yet; `not-automated` when this build has no such check; `needs-setup` when it runs once the project says where its code is. */
  state: CoverState
  /** Targets that fail or could not be checked. */
  failingTargets: string[]
}

const WORST: Status[] = ['fail', 'error', 'warn', 'pass', 'skipped']

/** Each covering check's latest status for an item, from the project's current findings. */
export function coverStatuses(checks: readonly string[] | undefined, findings: readonly Finding[], setup: { repoChosen?: boolean; dbChosen?: boolean } = {}): CoverStatus[] {
  return (checks ?? []).map((checkId) => {
    const name = catalogEntry(checkId)?.name ?? checkId
    if (!AUTOMATED_CHECK_IDS.has(checkId)) return { checkId, name, state: 'not-automated', failingTargets: [] }
    const mine = findings.filter((f) => f.checkId === checkId)
    if (mine.length === 0) return { checkId, name, state: setupNeeded(checkId, setup) ? 'needs-setup' : 'not-run', failingTargets: [] }
    const state = WORST.find((s) => mine.some((f) => f.status === s)) ?? 'pass'
    return { checkId, name, state, failingTargets: mine.filter((f) => f.status === 'fail' || f.status === 'error').map((f) => f.target) }
  })
}

/** Covering checks that fail or could not run: ticking the item over them needs a reason. */
export const failingCovers = (covers: readonly CoverStatus[]): CoverStatus[] => covers.filter((c) => c.state === 'fail' || c.state === 'error')

export type TickState = 'todo' | 'done' | 'done-accepted' | 'done-but-failing'

/** How a tick reads: done, done with failing checks accepted (with a reason), or done while checks fail and nobody said why. */
export function tickState(state: Pick<ChecklistState, 'done' | 'acceptedFailing'> | undefined, covers: readonly CoverStatus[]): TickState {
  if (!state?.done) return 'todo'
  const failing = failingCovers(covers)
  if (failing.length === 0) return 'done'
  return state.acceptedFailing?.reason ? 'done-accepted' : 'done-but-failing'
}

export function tickWords(t: TickState, failing: number): string {
  if (t === 'todo') return 'To do'
  if (t === 'done') return 'Done'
  const n = `${failing} failing check${failing === 1 ? '' : 's'}`
  return t === 'done-accepted' ? `Done, with ${n} accepted` : `Ticked, but ${n}`
}
