/* Channels of the perf area (Stage 5); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel, event } from './define'
import { Finding } from '../model'

const ProjectId = z.string().min(1).max(100)

/** Hard limits of the load sanity test (SPEC.md: 20–50 users, bounded in requests and time). */
export const LOAD_LIMITS = { maxUsers: 50, defaultUsers: 20, maxDurationS: 60, defaultDurationS: 30, maxRate: 500, maxRequests: 20_000 } as const

export const PerfMeasureInput = z.object({
  projectId: ProjectId,
  /** Requests per page or route (default 20). */
  samples: z.number().int().min(1).max(100).optional(),
  /** Only these perf checks (default perf.ttfb, perf.latency and perf.payload). */
  only: z.array(z.enum(['perf.ttfb', 'perf.latency', 'perf.payload'])).optional(),
})

export const PerfStartLoadInput = z.object({
  projectId: ProjectId,
  /** The login page (or the first URL to load). */
  url: z.string().url('Enter the full address, starting with https://').max(2048),
  /** One core flow, tested alongside the login page. */
  coreUrl: z.string().url('Enter the full address, starting with https://').max(2048).optional(),
  users: z.number().int().min(1).max(LOAD_LIMITS.maxUsers, `At most ${LOAD_LIMITS.maxUsers} users.`).default(LOAD_LIMITS.defaultUsers),
  durationS: z.number().int().min(5).max(LOAD_LIMITS.maxDurationS, `At most ${LOAD_LIMITS.maxDurationS} seconds.`).default(LOAD_LIMITS.defaultDurationS),
  /** Open model: requests per second at the top of the ramp. Absent: closed loop of virtual users. */
  rate: z.number().positive().max(LOAD_LIMITS.maxRate).optional(),
  /** The host name, typed by the user to confirm. */
  confirmHost: z.string().trim().min(1, 'Type the host name to confirm.').max(253),
})
export type PerfStartLoadInput = z.input<typeof PerfStartLoadInput>

export const SeriesPoint = z.object({
  tS: z.number(),
  users: z.number(),
  requests: z.number(),
  errors: z.number(),
  timeouts: z.number(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  rps: z.number(),
})
export type SeriesPoint = z.infer<typeof SeriesPoint>

export interface PerfComparison {
  checkId: string
  target: string
  label?: string
  beforeP95Ms: number | null
  afterP95Ms: number | null
  beforeStatus: string
  afterStatus: string
  beforeAt?: string
  afterAt?: string
}

export interface PerfRunView {
  runId: string
  at: string
  findings: Finding[]
}

export interface PerfLatest {
  latest?: PerfRunView
  previous?: PerfRunView
  /** p95 before -> after for every check/target both runs measured. */
  comparison: PerfComparison[]
  /** The last two load tests (perf.load findings), newest first. */
  loads: Finding[]
  /** A load test still running for this project. */
  runningLoadId?: string
}

export interface PerfMeasureResult extends PerfLatest {
  runId: string
}

export const perfChannels = {
  /** Measures TTFB, critical-route latency and payload for the project; stores a run. */
  'perf.measure': channel<PerfMeasureResult>()(PerfMeasureInput),
  /** Starts the load sanity test in the background; progress arrives as perf.loadProgress. */
  'perf.startLoad': channel<{ loadId: string }>()(PerfStartLoadInput),
  'perf.cancelLoad': channel<{ cancelled: boolean }>()(z.object({ loadId: z.string().min(1).max(100) })),
  /** The newest and previous perf runs, with the comparison. */
  'perf.latest': channel<PerfLatest>()(z.object({ projectId: ProjectId })),
}

export const perfEvents = {
  'perf.progress': event(
    z.object({
      projectId: z.string(),
      runId: z.string(),
      checkId: z.string(),
      target: z.string(),
      done: z.number(),
      total: z.number(),
      finding: Finding.optional(),
    }),
  ),
  'perf.loadProgress': event(
    z.object({
      projectId: z.string(),
      loadId: z.string(),
      phase: z.enum(['baseline', 'running', 'done', 'failed']),
      elapsedS: z.number(),
      users: z.number(),
      rate: z.number().optional(),
      requests: z.number(),
      errors: z.number(),
      timeouts: z.number(),
      p95Ms: z.number().nullable(),
      rps: z.number(),
      point: SeriesPoint.optional(),
      /** With phase `done`: the perf.load finding. */
      finding: Finding.optional(),
      /** With phase `failed`: why, in plain words. */
      message: z.string().optional(),
    }),
  ),
}
