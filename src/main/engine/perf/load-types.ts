/** Options and results of the load sanity test (see load.ts). */
import type { LookupFn } from './origin'
import type { LatencySummary } from './stats'

export interface LoadOptions {
  urls: string[]
  /** Closed loop: peak virtual users. Open model: most requests in flight at once. */
  users: number
  durationS: number
  /** Open model: arrivals per second at the top of the ramp. Absent = closed loop. */
  rate?: number
  /** Ramp 1 -> users (default); false holds `users` for the whole run. */
  ramp?: boolean
  steps?: number
  maxRequests: number
  /** p95 target used to find the first bottleneck. */
  targetMs: number
  timeoutMs?: number
  /** Extra headers per URL (the credential, same origin only: the caller decides). */
  headersFor?: (url: URL) => Record<string, string>
  lookup?: LookupFn
  ca?: string[]
  signal?: AbortSignal
  onProgress?: (p: LoadProgress) => void
  progressIntervalMs?: number
  baselineSamples?: number
  abort?: { errorRate?: number; latencyFactor?: number; minLatencyMs?: number } | false
  /** Return every latency (benchmarks). */
  keepSamples?: boolean
}

export interface LoadProgress {
  phase: 'baseline' | 'running' | 'done'
  elapsedS: number
  users: number
  rate?: number
  requests: number
  errors: number
  timeouts: number
  /** p95 over the last second, ms. */
  p95Ms: number | null
  rps: number
  point?: SeriesPoint
}

export interface LoadStep extends LatencySummary {
  users: number
  rate?: number
  /** Most requests in flight during the step. */
  peakInFlight: number
  startS: number
  requests: number
  errors: number
  timeouts: number
  rps: number
}

export interface SeriesPoint {
  tS: number
  users: number
  requests: number
  errors: number
  timeouts: number
  p50Ms: number | null
  p95Ms: number | null
  rps: number
}

export type StopReason = 'completed' | 'request-cap' | 'error-rate' | 'latency' | 'cancelled'

export interface LoadResult extends LatencySummary {
  mode: 'closed' | 'open'
  urls: string[]
  users: number
  durationS: number
  rate?: number
  targetMs: number
  baselineMs: number | null
  requests: number
  errors: number
  timeouts: number
  errorRate: number
  statusCounts: Record<string, number>
  errorMessages: string[]
  throughputRps: number
  steps: LoadStep[]
  series: SeriesPoint[]
  bottleneckUsers: number | null
  bottleneckReason?: 'latency' | 'errors'
  stoppedBy: StopReason
  stopMessage?: string
  durationMs: number
  latenciesMs?: Float64Array
}
