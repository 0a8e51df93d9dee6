/**
 * Runs audit suites concurrently under one whole-run deadline, cancellable
 * through an AbortSignal, streaming progress as each check starts and ends.
 * A check that cannot finish (deadline, a suite that throws, a suite that
 * starts a check and never reports it) ends as an `error` finding with the
 * reason: the run never turns silence into a pass. Pure engine: every effect
 * (resolver, HTTP client, clock) comes in through EngineDeps.
 */
import { setMaxListeners } from 'node:events'
import type { Finding, RunScope } from '../../../shared/model'
import { findingKey } from '../../../shared/model'
import { catalogEntry } from '../../../shared/catalog'
import type { AuditTarget, CheckSuite, EngineDeps, SuiteContext } from '../types'
import { errorFinding } from '../finding'
import { inScope, normalizeScope, scopeCheckIds, suitesInScope } from './scope'
import { collectArtifacts } from './artifacts'

export type RunState = 'completed' | 'cancelled' | 'deadline' | 'failed'

export interface RunningCheck {
  checkId: string
  target: string
}

export type RunEvent =
  | { type: 'planned'; done: 0; total: number; running: RunningCheck[] }
  | { type: 'started'; checkId: string; target: string; done: number; total: number; running: RunningCheck[] }
  | { type: 'finding'; finding: Finding; done: number; total: number; running: RunningCheck[] }
  | { type: 'finished'; state: RunState; done: number; total: number; running: RunningCheck[] }

export interface AuditRunOptions {
  suites: readonly CheckSuite[]
  deps: EngineDeps
  target: AuditTarget
  scope?: RunScope
  /** Cancels the run (the user pressed Cancel). */
  signal?: AbortSignal
  /** Whole-run budget, ms. */
  deadlineMs: number
  activeProbes?: boolean
  onEvent?: (e: RunEvent) => void
}

export interface AuditRunResult {
  state: RunState
  scope: RunScope
  findings: Finding[]
  /** Run artifacts (RUN_META keys) plus `kind`, timings and the planned total. */
  meta: Record<string, unknown>
  startedAt: string
  finishedAt: string
}

interface Started extends RunningCheck {
  suite: string
  t0: number
}

const secs = (ms: number) => (ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`)

export async function runAudit(opts: AuditRunOptions): Promise<AuditRunResult> {
  const { deps, target } = opts
  const clock = deps.clock
  const scope = normalizeScope(opts.scope)
  const only = scopeCheckIds(scope)
  const suites = suitesInScope(opts.suites, only)
  const startedAtMs = clock.now()
  const t0 = clock.monotonic()
  const ac = new AbortController()
  // Every concurrent operation of every suite listens on this one signal.
  setMaxListeners(0, ac.signal)
  let stopReason: 'cancelled' | 'deadline' | undefined
  const stop = (why: 'cancelled' | 'deadline') => {
    if (stopReason) return
    stopReason = why
    ac.abort(new Error(why === 'deadline' ? 'The audit reached its time limit.' : 'The audit was cancelled.'))
  }
  const onCancel = () => stop('cancelled')
  if (opts.signal?.aborted) stop('cancelled')
  opts.signal?.addEventListener('abort', onCancel, { once: true })
  const timer = setTimeout(() => stop('deadline'), Math.max(0, opts.deadlineMs))
  const stopped = new Promise<void>((resolve) => (ac.signal.aborted ? resolve() : ac.signal.addEventListener('abort', () => resolve(), { once: true })))

  const ctx: SuiteContext = {
    ...deps,
    target,
    signal: ac.signal,
    deadline: startedAtMs + opts.deadlineMs,
    activeProbes: opts.activeProbes ?? false,
    ...(only ? { only } : {}),
    shared: new Map(),
  }

  const findings = new Map<string, Finding>()
  const started = new Map<string, Started>()
  const suiteMs: Record<string, number> = {}
  let total = 0
  let closed = false
  const running = (): RunningCheck[] => [...started.values()].slice(0, 5).map(({ checkId, target: t }) => ({ checkId, target: t }))
  const bump = () => {
    total = Math.max(total, findings.size + started.size)
  }
  const emit = (e: RunEvent) => {
    try {
      opts.onEvent?.(e)
    } catch {
      /* a broken listener must not break the run */
    }
  }
  const record = (f: Finding) => {
    const key = findingKey(f)
    started.delete(key)
    findings.set(key, f)
    bump()
    emit({ type: 'finding', finding: f, done: findings.size, total, running: running() })
  }

  // Plan: each suite estimates its check/target pairs, for determinate progress.
  const planned = await Promise.all(
    suites.map(async (s) => {
      try {
        const n = await Promise.race([Promise.resolve(s.plan(ctx)), stopped.then(() => 0)])
        return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
      } catch {
        return 0
      }
    }),
  )
  total = planned.reduce((a, b) => a + b, 0)
  const plannedTotal = total
  emit({ type: 'planned', done: 0, total, running: [] })

  const runSuite = async (suite: CheckSuite): Promise<void> => {
    const s0 = clock.monotonic()
    const sink = {
      start(checkId: string, t: string) {
        if (closed || !inScope(scope, only, { checkId, target: t })) return
        const key = findingKey({ checkId, target: t })
        if (findings.has(key)) findings.delete(key) // a re-check of the same pair replaces the old result
        started.set(key, { checkId, target: t, suite: suite.id, t0: clock.monotonic() })
        bump()
        emit({ type: 'started', checkId, target: t, done: findings.size, total, running: running() })
      },
      finding(f: Finding) {
        if (closed || !inScope(scope, only, f)) return
        record(f)
      },
      drop(checkId: string, t: string) {
        if (closed) return
        started.delete(findingKey({ checkId, target: t }))
      },
    }
    let failure: unknown
    let finished = false
    const work = Promise.resolve()
      .then(() => suite.run(ctx, sink))
      .then(
        () => void (finished = true),
        (e: unknown) => {
          finished = true
          failure = e
        },
      )
    await Promise.race([work, stopped])
    suiteMs[suite.id] = Math.round(clock.monotonic() - s0)
    if (closed) return
    if (!finished) {
      // Stopped from outside: the deadline (errors for what it left undone) or the user (keep what finished).
      if (stopReason === 'deadline') closeSuite(suite, (s) => `This check did not finish within the audit's time limit of ${secs(opts.deadlineMs)}${s ? ` (it had been running for ${secs(clock.monotonic() - s.t0)})` : ''}, so we cannot say it passed.`, stopReason === 'deadline')
      return
    }
    if (failure !== undefined && !stopReason) {
      const why = failure instanceof Error ? failure.message : String(failure)
      closeSuite(suite, () => `This check stopped unexpectedly (${why}), so we cannot say it passed. Try again; if it keeps happening, tell us.`, true)
      return
    }
    if (stopReason === 'deadline') {
      closeSuite(suite, () => `This check did not finish within the audit's time limit of ${secs(opts.deadlineMs)}, so we cannot say it passed.`, true)
      return
    }
    // Finished normally: a check it started and never reported is an error, never a silent pass.
    closeSuite(suite, () => 'This check started but reported no result, so we cannot say it passed. Try again.', false)
    // "Check again" on one address: if the check no longer reports on it, say so instead of leaving the old result standing.
    if (scope.checkIds?.length && scope.targets?.length) {
      for (const id of scope.checkIds) {
        if (!suite.checkIds.includes(id) || !catalogEntry(id)) continue
        for (const t of scope.targets) {
          if (findings.has(findingKey({ checkId: id, target: t }))) continue
          record(errorFinding(id, t, `This check no longer reports on ${t} (the address may have changed or gone), so we could not re-check it here. Run all checks to refresh this result.`))
        }
      }
    }
  }

  /** Error findings for this suite's started checks, and (when `missing`) for its in-scope checks that produced nothing. */
  function closeSuite(suite: CheckSuite, reason: (s?: Started) => string, missing: boolean) {
    for (const [key, s] of [...started]) {
      if (s.suite !== suite.id) continue
      started.delete(key)
      record(errorFinding(s.checkId, s.target, reason(s), Math.round(clock.monotonic() - s.t0)))
    }
    if (!missing) return
    const seen = new Set([...findings.values()].map((f) => f.checkId))
    for (const id of suite.checkIds) {
      if (seen.has(id) || (only && !only.has(id)) || !catalogEntry(id)) continue
      const t = scope.targets?.[0] ?? target.domain
      if (!inScope(scope, only, { checkId: id, target: t })) continue
      record(errorFinding(id, t, reason()))
    }
  }

  await Promise.all(suites.map(runSuite))
  closed = true
  clearTimeout(timer)
  opts.signal?.removeEventListener('abort', onCancel)
  if (!stopReason) ac.abort(new Error('The audit finished.')) // lets suites drop timers and sockets still open

  const artifacts = await collectArtifacts(ctx.shared, stopReason ? 50 : 2000)
  const state: RunState = stopReason ?? 'completed'
  const done = findings.size
  emit({ type: 'finished', state, done, total: state === 'completed' ? done : Math.max(total, done), running: [] })
  return {
    state,
    scope,
    findings: [...findings.values()],
    meta: {
      kind: 'audit',
      ...artifacts,
      timings: { totalMs: Math.round(clock.monotonic() - t0), deadlineMs: opts.deadlineMs, suites: suiteMs },
      plannedTotal,
    },
    startedAt: new Date(startedAtMs).toISOString(),
    finishedAt: new Date(clock.now()).toISOString(),
  }
}
