/**
 * The runs area: start an audit (whole, one stage, or one check on one
 * target), stream its progress, cancel it, keep it in the project's history,
 * show the current view with its diff, and accept or un-accept a risk.
 * One run at a time per project. The engine's effects (resolver, HTTP
 * client, CA) come from the project's settings through `engineFor`.
 */
import { randomUUID } from 'node:crypto'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { Project, Run } from '../../shared/model'
import { catalogEntry } from '../../shared/catalog'
import { UserFacingError } from '../../shared/result'
import { runArtifacts, RunArtifacts } from '../../shared/audit-data'
import { diffLatest, viewCoverage } from '../../shared/risk'
import type { ActiveRun, RunSummary, RunsLatest, ScanProgress } from '../../shared/contract/runs'
import type { CheckSuite, EngineDeps } from '../engine/types'
import { auditSuites } from '../engine/suites'
import { describeScope, normalizeScope, runAudit, type RunEvent } from '../engine/run'
import { engineDepsFor, toAuditTarget } from '../engine/run/engine-deps'
import { parseServer } from '../engine/dns/client'

type RunsChannel = 'runs.start' | 'runs.cancel' | 'runs.list' | 'runs.get' | 'runs.latest' | 'runs.acceptRisk' | 'runs.unacceptRisk'

export interface RunsServiceDeps {
  /** The suites an audit runs (default: auditSuites()). */
  suites?: (project: Project, hooks: { onRepoProgress(p: ScanProgress): void }) => CheckSuite[]
  /** Resolver, HTTP client, clock and extra CA for a project (default: its dnsServer and caFile settings). */
  engineFor?: (project: Project) => (EngineDeps & { close?(): void }) | Promise<EngineDeps & { close?(): void }>
  /** Connect to other ports than the URLs' (the e2e harness and the offline demo serve on loopback ports). */
  portMap?: Readonly<Record<number, number>>
  /** Whole-run deadline, ms (default 120 s). */
  deadlineMs?: number
  /** Per-operation timeout handed to the suites, ms (default 10 s). */
  timeoutMs?: number
}

export const DEFAULT_RUN_DEADLINE_MS = 120_000
export const DEFAULT_OP_TIMEOUT_MS = 10_000

/**
 * Runs of the audit's checks: full audits, stage re-runs and "Check again"
 * (kind `audit`) and the Stage 2 email panel's re-checks (kind `email`).
 * Perf measurements share the history store but are shown by Stage 5.
 */
export const isAuditRun = (r: Run): boolean => ['audit', 'email', 'db', 'env', 'smoke', 'monitor'].includes(String(r.meta.kind))

export function summarizeRun(r: Run): RunSummary {
  const counts = { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 }
  for (const f of r.findings) counts[f.status] += 1
  const timings = r.meta.timings as { totalMs?: unknown } | undefined
  return {
    id: r.id,
    startedAt: r.startedAt,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
    state: r.state,
    scope: r.scope,
    scopeText: ({ email: 'the email checks', db: 'the database checks', env: 'the environment inventory', smoke: 'the smoke test', monitor: 'the uptime coverage' } as Record<string, string>)[String(r.meta.kind)] ?? describeScope(r.scope),
    counts,
    ...(typeof timings?.totalMs === 'number' ? { durationMs: timings.totalMs } : {}),
  }
}

/** Each artifact from the newest run that has it. */
export function latestArtifacts(runs: readonly Run[]): RunArtifacts {
  const out: Record<string, unknown> = {}
  for (const r of runs) {
    const a = runArtifacts(r.meta)
    for (const [k, v] of Object.entries(a)) if (!(k in out) && v !== undefined) out[k] = v
  }
  return out as RunArtifacts
}

interface Active extends ActiveRun {
  projectId: string
  ac: AbortController
  done$: Promise<void>
}

const KEY = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)@(.+)$/

export interface RunsService {
  handlers: PartialHandlers<RunsChannel>
  /** Resolves when no run is in progress (shutdown, tests). */
  waitIdle(): Promise<void>
  /** Cancels every run in progress (quit). */
  cancelAll(): void
}

export function runsHandlers(ctx: ServiceContext, deps: RunsServiceDeps = {}): PartialHandlers<RunsChannel> {
  return createRunsService(ctx, deps).handlers
}

export function createRunsService(ctx: ServiceContext, deps: RunsServiceDeps = {}): RunsService {
  const active = new Map<string, Active>() // by project id
  const deadlineMs = deps.deadlineMs ?? DEFAULT_RUN_DEADLINE_MS
  const timeoutMs = deps.timeoutMs ?? DEFAULT_OP_TIMEOUT_MS
  const suitesFor = deps.suites ?? ((_: Project, hooks: { onRepoProgress(p: ScanProgress): void }) => auditSuites({ timeoutMs, onRepoProgress: hooks.onRepoProgress }))
  const engineFor = deps.engineFor ?? ((p: Project) => engineDepsFor(p, { timeoutMs, ...(deps.portMap ? { portMap: deps.portMap } : {}) }))
  const audits = (projectId: string) => ctx.runs.list(projectId).filter(isAuditRun)

  function setRisk(projectId: string, key: string, value: { reason: string; at: string } | undefined): Project {
    const m = KEY.exec(key)
    if (!m || !catalogEntry(m[1]!)) throw new UserFacingError('invalid-input', 'That finding is not one we know; run the checks again and retry.')
    const project = ctx.projects.get(projectId)
    const next = { ...project.acceptedRisks }
    if (value) next[key] = value
    else delete next[key]
    return ctx.projects.update(projectId, { acceptedRisks: next })
  }

  const handlers: PartialHandlers<RunsChannel> = {
    'runs.start': async ({ projectId, scope, activeProbes }) => {
      const project = await (ctx.demo?.refresh(ctx.projects.get(projectId)) ?? ctx.projects.get(projectId))
      if (active.has(projectId)) {
        throw new UserFacingError('busy', 'Checks are already running for this project. Wait for them to finish, or cancel them, before starting again.')
      }
      const s = normalizeScope(scope)
      for (const id of s.checkIds ?? []) {
        if (!catalogEntry(id)) throw new UserFacingError('invalid-input', `There is no check called ${id}.`)
      }
      if (project.dnsServer) {
        try {
          parseServer(project.dnsServer)
        } catch (e) {
          throw new UserFacingError('dns-server', `The DNS server in the project settings is not usable: ${(e as Error).message}`, [{ path: 'dnsServer', message: (e as Error).message }])
        }
      }
      const runId = randomUUID()
      // Repository scans report files and commits read (throttled by the scan itself) between check events.
      const onRepoProgress = (p: ScanProgress) => {
        const a = active.get(projectId)
        if (a?.runId !== runId) return
        a.scan = p
        ctx.emit('runs.progress', { projectId, runId, type: 'scan', done: a.done, total: a.total, running: a.running, scan: p })
      }
      const engine = await engineFor(project)
      const suites = suitesFor(project, { onRepoProgress })
      if (suites.length === 0) {
        throw new UserFacingError('no-checks', 'This build has no automated checks to run yet. Your checklist still works by hand.')
      }
      const ac = new AbortController()
      const startedAt = new Date().toISOString()
      const a: Active = { runId, projectId, scope: s, done: 0, total: 0, running: [], startedAt, ac, done$: Promise.resolve() }
      active.set(projectId, a)
      const emit = (e: RunEvent | { type: 'finished'; state: 'failed'; done: number; total: number; running: []; message: string }) => {
        a.done = e.done
        a.total = e.total
        a.running = e.running
        ctx.emit('runs.progress', {
          projectId,
          runId,
          type: e.type,
          done: e.done,
          total: e.total,
          running: e.running,
          ...(e.type === 'started' ? { checkId: e.checkId, target: e.target } : {}),
          ...(e.type === 'finding' ? { checkId: e.finding.checkId, target: e.finding.target, finding: e.finding } : {}),
          ...(e.type === 'finished' ? { state: e.state, ...('message' in e ? { message: e.message } : {}) } : {}),
        })
      }
      a.done$ = runAudit({ suites, deps: engine, target: toAuditTarget(project), scope: s, signal: ac.signal, deadlineMs, activeProbes: activeProbes ?? false, onEvent: emit })
        .then((r) => {
          ctx.runs.save({ id: runId, projectId, startedAt: r.startedAt, finishedAt: r.finishedAt, state: r.state, scope: r.scope, findings: r.findings, meta: r.meta })
        })
        .catch((e: unknown) => {
          ctx.log.error('audit run failed', e instanceof Error ? e.stack : e)
          const message = 'The checks stopped because of a problem on our side. Nothing was changed on your site; please run them again.'
          ctx.runs.save({ id: runId, projectId, startedAt, finishedAt: new Date().toISOString(), state: 'failed', scope: s, findings: [], meta: { kind: 'audit', message } })
          emit({ type: 'finished', state: 'failed', done: a.done, total: a.total, running: [], message })
        })
        .finally(() => {
          active.delete(projectId)
          engine.close?.()
        })
      return { runId }
    },

    'runs.cancel': ({ runId }) => {
      const a = [...active.values()].find((x) => x.runId === runId)
      if (!a) return { cancelled: false }
      a.ac.abort()
      return { cancelled: true }
    },

    'runs.list': ({ projectId }) => {
      ctx.projects.get(projectId)
      return audits(projectId).map(summarizeRun)
    },

    'runs.get': ({ runId }) => {
      const r = ctx.runs.get(runId)
      if (!r) throw new UserFacingError('not-found', 'That run is no longer in the history (only the last 20 are kept).')
      return r
    },

    'runs.latest': ({ projectId }) => {
      ctx.projects.get(projectId)
      const runs = audits(projectId)
      const { findings, diff, previousRunId } = diffLatest(runs)
      const a = active.get(projectId)
      const latest: RunsLatest = {
        ...(runs[0] ? { latest: summarizeRun(runs[0]) } : {}),
        findings,
        diff,
        ...(previousRunId ? { previousRunId } : {}),
        artifacts: latestArtifacts(runs),
        coverage: viewCoverage(runs),
        ...(a ? { active: { runId: a.runId, scope: a.scope, done: a.done, total: a.total, running: a.running, startedAt: a.startedAt, ...(a.scan ? { scan: a.scan } : {}) } } : {}),
      }
      return latest
    },

    'runs.acceptRisk': ({ projectId, key, reason }) => setRisk(projectId, key, { reason, at: new Date().toISOString() }),

    'runs.unacceptRisk': ({ projectId, key }) => setRisk(projectId, key, undefined),
  }
  return {
    handlers,
    async waitIdle() {
      await Promise.all([...active.values()].map((a) => a.done$))
    },
    cancelAll() {
      for (const a of active.values()) a.ac.abort()
    },
  }
}
