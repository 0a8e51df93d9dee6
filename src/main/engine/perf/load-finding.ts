/** perf.load's finding: SPEC fails it on any error, any timeout, or p95 above 2x the target. */
import { makeFinding } from '../finding'
import type { Finding } from '../../../shared/model'
import { fmtMs } from './stats'
import type { LoadResult } from './load'

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`

export function loadEvidence(r: LoadResult): Record<string, unknown> {
  return {
    mode: r.mode,
    urls: r.urls,
    users: r.users,
    durationS: r.durationS,
    ...(r.rate !== undefined ? { rate: r.rate } : {}),
    targetMs: r.targetMs,
    baselineMs: r.baselineMs,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    maxMs: r.maxMs,
    samples: r.samples,
    requests: r.requests,
    errors: r.errors,
    errorRate: r.errorRate,
    timeouts: r.timeouts,
    throughputRps: r.throughputRps,
    bottleneckUsers: r.bottleneckUsers,
    ...(r.bottleneckReason ? { bottleneckReason: r.bottleneckReason } : {}),
    stoppedBy: r.stoppedBy,
    ...(r.stopMessage ? { stopMessage: r.stopMessage } : {}),
    statusCounts: r.statusCounts,
    ...(r.errorMessages.length ? { errorMessages: r.errorMessages } : {}),
    steps: r.steps,
    series: r.series,
    durationMs: r.durationMs,
  }
}

export function loadFinding(target: string, r: LoadResult): Finding {
  const evidence = loadEvidence(r)
  const durationMs = r.durationMs
  const peak = r.mode === 'open' ? `${r.rate} requests a second` : `${r.users} people`
  const at = r.bottleneckUsers !== null ? (r.mode === 'open' ? `${r.bottleneckUsers} requests in flight` : `${r.bottleneckUsers} people at once`) : undefined
  if (r.stoppedBy === 'cancelled') {
    return makeFinding('perf.load', target, 'error', {
      title: 'The load test was stopped before it finished',
      summary: `You stopped the load test after ${Math.round(durationMs / 1000)} s, so it cannot say how the site holds up with ${peak}.`,
      evidence: { ...evidence, reason: 'cancelled' },
      durationMs,
    })
  }
  const aborted = r.stoppedBy === 'error-rate' || r.stoppedBy === 'latency'
  const over2x = r.p95Ms !== null && r.p95Ms > 2 * r.targetMs
  const failing = aborted || r.errors > 0 || r.timeouts > 0 || over2x
  const warn = !failing && r.p95Ms !== null && r.p95Ms > r.targetMs
  let summary: string
  if (r.stoppedBy === 'error-rate') {
    summary = `With ${at ?? peak}, more than one request in five failed, so we stopped the test to protect your site.`
  } else if (r.stoppedBy === 'latency') {
    summary = `With ${at ?? peak}, answers slowed to more than ten times the single-user ${fmtMs(r.baselineMs)}, so we stopped the test to protect your site.`
  } else if (r.errors > 0 || r.timeouts > 0) {
    summary = `${pct(r.errorRate)} of requests failed${r.timeouts ? ` (${r.timeouts} timed out)` : ''} with up to ${peak}; the first problems started at ${at ?? 'the start'}.`
  } else if (over2x || warn) {
    summary = `With ${at ?? peak}, one request in 20 took longer than ${fmtMs(r.p95Ms)}, above the ${r.targetMs} ms target; half took more than ${fmtMs(r.p50Ms)}.`
  } else {
    summary = `${peak[0]!.toUpperCase()}${peak.slice(1)} at once got answers within ${fmtMs(r.p95Ms)} for 19 requests in 20, with no errors or timeouts.`
  }
  return makeFinding('perf.load', target, failing ? 'fail' : warn ? 'warn' : 'pass', {
    title: failing ? `The site struggles with ${at ?? peak}` : warn ? 'The site slows down under load' : `The site holds up with ${peak} at once`,
    summary,
    impact: failing ? 'On launch day, when your first users arrive together, some of them will see errors or wait so long that sign-ups and logins fail.' : undefined,
    evidence,
    fix: failing || warn
      ? [
          { text: `Look at the server's CPU, memory and database connections while ${at ?? peak} are active: the first limit you hit there is the bottleneck.` },
          { text: 'Raise the database connection pool and the number of app workers or instances (most hosts let you add one in the dashboard), then run this test again.' },
          { text: 'Cache pages and API reads that are the same for everyone at the CDN, so they never reach the app server.' },
        ]
      : [],
    durationMs,
  })
}
