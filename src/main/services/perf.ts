/**
 * Stage 5 handlers: perf.measure (TTFB, critical-route latency, payload),
 * the load sanity test (started, streamed and cancelled here; it runs as
 * async I/O in the main process, never in the renderer) and perf.latest for
 * the comparison with the previous run. Credentials are read from the vault
 * here and only here; nothing the renderer receives contains them.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { Finding, Project, Run } from '../../shared/model'
import { findingKey } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import { VERTICAL_INFO } from '../../shared/verticals'
import { LOAD_LIMITS, type PerfComparison, type PerfLatest, type PerfRunView } from '../../shared/contract/perf'
import type { Resolver, SuiteContext } from '../engine/types'
import { readCaFile, toAuditTarget } from '../engine/run/engine-deps'
import { systemClock } from '../engine/types'
import { createPerfSuite, PERF_SUITE_IDS, type PerfSuiteOptions } from '../engine/perf/suite'
import type { LoadOptions } from '../engine/perf/load'
import { runLoadOffThread } from '../engine/perf/load-runner'
import { loadFinding } from '../engine/perf/load-finding'
import { errorFinding } from '../engine/finding'
import { criticalRoutes, isOwnHost } from '../engine/perf/routes'
import { authHeaders, type AuthSpec } from '../engine/perf/measure'
import { systemLookup, udpLookup } from '../engine/perf/lookup'
import type { LookupFn } from '../engine/perf/wire'

export interface PerfServiceDeps {
  /** How to resolve names for a project (default: its DNS server setting, else the system). */
  lookupFor?: (p: Project) => LookupFn
  /** Extra CAs for a project (default: its CA file). */
  caFor?: (p: Project) => string[] | undefined
  suite?: PerfSuiteOptions
  /** Load-test knobs for tests (progress interval, request cap). */
  load?: Partial<Pick<LoadOptions, 'progressIntervalMs' | 'maxRequests' | 'timeoutMs' | 'baselineSamples'>>
  /** Whole-run deadline for perf.measure, ms (default 5 min). */
  deadlineMs?: number
  /**
   * Built worker entry for the load test (src/main/engine/perf/load-worker.ts). With it the
   * generator runs on a worker thread; without it, as async I/O on the main thread.
   * Default: `perf-load-worker.js` next to the running main bundle, when the build emits it.
   */
  loadWorkerEntry?: string | URL
}

/** The app's build emits the worker entry beside the main bundle (electron-vite input `perf-load-worker`). */
export function builtLoadWorker(): URL | undefined {
  try {
    const u = new URL('./perf-load-worker.js', import.meta.url)
    return u.protocol === 'file:' && existsSync(fileURLToPath(u)) ? u : undefined
  } catch {
    return undefined
  }
}

type PerfChannel = 'perf.measure' | 'perf.startLoad' | 'perf.cancelLoad' | 'perf.latest'

const PERF_IDS = new Set<string>(PERF_SUITE_IDS)
const stripDot = (h: string) => h.toLowerCase().replace(/\.$/, '')

/** The perf suite resolves through its own lookup; these stand in for the seams it does not use. */
const noResolver: Resolver = {
  query: () => Promise.reject(new Error('not used by the perf checks')),
  servers: () => [],
}

export function perfHandlers(ctx: ServiceContext, deps: PerfServiceDeps = {}): PartialHandlers<PerfChannel> {
  const lookupFor = deps.lookupFor ?? ((p: Project) => (p.dnsServer ? udpLookup(p.dnsServer) : systemLookup))
  const caFor = deps.caFor ?? ((p: Project) => (p.caFile ? [readCaFile(p.caFile)] : undefined))
  const measuring = new Set<string>()
  const loads = new Map<string, { projectId: string; ac: AbortController }>()

  const perfRuns = (projectId: string) => ctx.runs.list(projectId).filter((r) => r.findings.some((f) => PERF_IDS.has(f.checkId)))
  const view = (r: Run): PerfRunView => ({ runId: r.id, at: r.finishedAt ?? r.startedAt, findings: r.findings.filter((f) => f.checkId.startsWith('perf.')) })

  function latest(projectId: string): PerfLatest {
    const runs = perfRuns(projectId)
    const [a, b] = runs
    const loadFindings = ctx.runs
      .list(projectId)
      .flatMap((r) => r.findings.filter((f) => f.checkId === 'perf.load'))
      .slice(0, 2)
    const running = [...loads.entries()].find(([, v]) => v.projectId === projectId)?.[0]
    return {
      ...(a ? { latest: view(a) } : {}),
      ...(b ? { previous: view(b) } : {}),
      comparison: a && b ? compare(view(b), view(a)) : [],
      loads: loadFindings,
      ...(running ? { runningLoadId: running } : {}),
    }
  }

  return {
    'perf.latest': ({ projectId }) => {
      ctx.projects.get(projectId)
      return latest(projectId)
    },

    'perf.measure': async ({ projectId, samples, only }) => {
      const project = ctx.projects.get(projectId)
      if (measuring.has(projectId)) throw new UserFacingError('busy', 'Performance is already being measured for this project; wait for it to finish.')
      measuring.add(projectId)
      const runId = randomUUID()
      const startedAt = new Date().toISOString()
      const findings: Finding[] = []
      try {
        const suite = createPerfSuite({ ...deps.suite, ...(samples ? { samples } : {}), lookup: lookupFor(project) })
        const ac = new AbortController()
        const deadline = Date.now() + (deps.deadlineMs ?? 5 * 60_000)
        const timer = setTimeout(() => ac.abort(), deps.deadlineMs ?? 5 * 60_000)
        const extraCa = caFor(project)
        const sctx: SuiteContext = {
          resolver: noResolver,
          http: { request: () => Promise.reject(new Error('not used by the perf checks')) },
          clock: systemClock,
          ...(extraCa ? { extraCa } : {}),
          secrets: { get: (name) => ctx.vault.get(name) },
          target: toAuditTarget(project, { discoverCommonSubdomains: false }),
          signal: ac.signal,
          deadline,
          activeProbes: false,
          ...(only ? { only: new Set(only) } : {}),
          shared: new Map(),
        }
        const total = await suite.plan(sctx)
        try {
          await suite.run(sctx, {
            start: (checkId, target) => ctx.emit('perf.progress', { projectId, runId, checkId, target, done: findings.length, total }),
            finding: (f) => {
              findings.push(f)
              ctx.emit('perf.progress', { projectId, runId, checkId: f.checkId, target: f.target, done: findings.length, total, finding: f })
            },
          })
        } finally {
          clearTimeout(timer)
        }
        const run: Run = {
          id: runId,
          projectId,
          startedAt,
          finishedAt: new Date().toISOString(),
          state: ac.signal.aborted ? 'deadline' : 'completed',
          scope: { stage: 5, checkIds: only ?? [...PERF_SUITE_IDS] },
          findings,
          meta: { kind: 'perf', samples: samples ?? deps.suite?.samples ?? 20 },
        }
        ctx.runs.save(run)
        return { runId, ...latest(projectId) }
      } finally {
        measuring.delete(projectId)
      }
    },

    'perf.startLoad': async (input) => {
      const project = ctx.projects.get(input.projectId)
      const urls = [input.url, ...(input.coreUrl ? [input.coreUrl] : [])].map((u) => new URL(u))
      for (const u of urls) {
        if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UserFacingError('invalid-url', 'The load test needs an http:// or https:// address.')
        if (!isOwnHost(u.hostname, project.domain)) {
          throw new UserFacingError('not-own-host', `${u.hostname} is not part of ${project.domain}. The load test only runs against your own site.`)
        }
      }
      const host = stripDot(urls[0]!.hostname)
      if (stripDot(input.confirmHost) !== host) {
        throw new UserFacingError('confirm-mismatch', `To start, type the host name exactly as shown: ${host}`, [{ path: 'confirmHost', message: `Type ${host}` }])
      }
      if (loads.size > 0) throw new UserFacingError('busy', 'A load test is already running. Wait for it to finish or stop it first.')
      // Credentials: a critical flow with the same address and a credential, sent to its own origin only.
      const auths = new Map<string, AuthSpec>()
      for (const r of criticalRoutes(toAuditTarget(project, { discoverCommonSubdomains: false }))) {
        if (!r.credential) continue
        const hit = urls.find((u) => u.href === new URL(r.url).href)
        if (!hit) continue
        const value = await ctx.vault.get(r.credential)
        if (!value) throw new UserFacingError('credential-missing', `The credential “${r.credential}” for ${r.label} is not in the keychain. Add it under Credentials first.`)
        auths.set(hit.href, { kind: r.authKind ?? 'bearer', value, name: r.credential, ...(r.authHeader ? { header: r.authHeader } : {}) })
      }
      const loadId = randomUUID()
      const ac = new AbortController()
      loads.set(loadId, { projectId: project.id, ac })
      const startedAt = new Date().toISOString()
      const lookup = lookupFor(project)
      const ca = caFor(project)
      const base = { projectId: project.id, loadId }
      void runLoadOffThread({
        urls: urls.map((u) => u.href),
        users: input.users,
        durationS: input.durationS,
        ...(input.rate ? { rate: input.rate } : {}),
        maxRequests: deps.load?.maxRequests ?? LOAD_LIMITS.maxRequests,
        targetMs: VERTICAL_INFO[project.vertical].p95TargetMs,
        ...(deps.load?.timeoutMs ? { timeoutMs: deps.load.timeoutMs } : {}),
        ...(deps.load?.baselineSamples !== undefined ? { baselineSamples: deps.load.baselineSamples } : {}),
        progressIntervalMs: deps.load?.progressIntervalMs ?? 500,
        // The load test never follows redirects: each request goes to exactly the URL it was built for.
        headersFor: (u) => {
          const a = auths.get(u.href)
          return a ? authHeaders(a) : {}
        },
        lookup,
        ...(ca ? { ca } : {}),
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'done') return // the final event carries the finding
          ctx.emit('perf.loadProgress', { ...base, ...p })
        },
      }, deps.loadWorkerEntry ?? builtLoadWorker())
        .then((r) => {
          const finding = loadFinding(host, r)
          ctx.runs.save({ id: loadId, projectId: project.id, startedAt, finishedAt: new Date().toISOString(), state: r.stoppedBy === 'cancelled' ? 'cancelled' : 'completed', scope: { stage: 5, checkIds: ['perf.load'] }, findings: [finding], meta: { kind: 'perf-load' } })
          const last = r.series.at(-1)
          ctx.emit('perf.loadProgress', { ...base, phase: 'done', elapsedS: r.durationMs / 1000, users: r.users, requests: r.requests, errors: r.errors, timeouts: r.timeouts, p95Ms: r.p95Ms, rps: r.throughputRps, ...(last ? { point: last } : {}), finding })
        })
        .catch((e: unknown) => {
          const message = `The load test could not run: ${e instanceof Error ? e.message : String(e)}.`
          const finding = errorFinding('perf.load', host, message)
          ctx.runs.save({ id: loadId, projectId: project.id, startedAt, finishedAt: new Date().toISOString(), state: 'failed', scope: { stage: 5, checkIds: ['perf.load'] }, findings: [finding], meta: { kind: 'perf-load' } })
          ctx.emit('perf.loadProgress', { ...base, phase: 'failed', elapsedS: 0, users: 0, requests: 0, errors: 0, timeouts: 0, p95Ms: null, rps: 0, message, finding })
        })
        .finally(() => loads.delete(loadId))
      return { loadId }
    },

    'perf.cancelLoad': ({ loadId }) => {
      const l = loads.get(loadId)
      if (!l) return { cancelled: false }
      l.ac.abort()
      return { cancelled: true }
    },
  }
}

/** p95 before -> after for each check/target measured in both runs. */
export function compare(before: PerfRunView, after: PerfRunView): PerfComparison[] {
  const prev = new Map(before.findings.map((f) => [findingKey(f), f]))
  const out: PerfComparison[] = []
  for (const f of after.findings) {
    const b = prev.get(findingKey(f))
    if (!b) continue
    const p95 = (x: Finding) => (typeof x.evidence.p95Ms === 'number' ? x.evidence.p95Ms : null)
    if (p95(f) === null && p95(b) === null) continue
    out.push({
      checkId: f.checkId,
      target: f.target,
      ...(typeof f.evidence.route === 'string' ? { label: f.evidence.route } : {}),
      beforeP95Ms: p95(b),
      afterP95Ms: p95(f),
      beforeStatus: b.status,
      afterStatus: f.status,
      ...(b.ranAt ? { beforeAt: b.ranAt } : {}),
      ...(f.ranAt ? { afterAt: f.ranAt } : {}),
    })
  }
  return out
}
