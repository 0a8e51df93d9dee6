/**
 * Exact latency statistics: every sample is kept (Float64Array, sub-ms
 * resolution) and percentiles use the nearest-rank method on the sorted
 * samples, so a p95 is a latency some request really had. At the sizes the
 * perf checks produce (≤ a few hundred thousand samples) sorting is cheap.
 */
export class Samples {
  private data: Float64Array
  private n = 0
  private sorted: Float64Array | null = null

  constructor(capacity = 64) {
    this.data = new Float64Array(Math.max(4, capacity))
  }

  add(v: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.n++] = v
    this.sorted = null
  }

  get count(): number {
    return this.n
  }

  values(): Float64Array {
    return this.data.subarray(0, this.n)
  }

  private sortedView(): Float64Array {
    if (!this.sorted) this.sorted = Float64Array.from(this.values()).sort()
    return this.sorted
  }

  /** Nearest-rank percentile, p in (0, 100]. NaN when empty. */
  percentile(p: number): number {
    const s = this.sortedView()
    if (s.length === 0) return Number.NaN
    const rank = Math.ceil((p / 100) * s.length)
    return s[Math.min(s.length, Math.max(1, rank)) - 1]!
  }

  max(): number {
    const s = this.sortedView()
    return s.length ? s[s.length - 1]! : Number.NaN
  }

  min(): number {
    const s = this.sortedView()
    return s.length ? s[0]! : Number.NaN
  }

  mean(): number {
    if (this.n === 0) return Number.NaN
    let t = 0
    for (let i = 0; i < this.n; i++) t += this.data[i]!
    return t / this.n
  }

  summary(): LatencySummary {
    return summarize(this)
  }
}

export interface LatencySummary {
  samples: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
  minMs: number | null
  maxMs: number | null
  meanMs: number | null
}

/** Rounds to 0.01 ms: sub-millisecond resolution without float noise in JSON. */
export const r2 = (v: number): number => Math.round(v * 100) / 100
const orNull = (v: number): number | null => (Number.isFinite(v) ? r2(v) : null)

export function summarize(s: Samples): LatencySummary {
  return {
    samples: s.count,
    p50Ms: orNull(s.percentile(50)),
    p95Ms: orNull(s.percentile(95)),
    p99Ms: orNull(s.percentile(99)),
    minMs: orNull(s.min()),
    maxMs: orNull(s.max()),
    meanMs: orNull(s.mean()),
  }
}

export function fromValues(values: Iterable<number>): Samples {
  const s = new Samples()
  for (const v of values) s.add(v)
  return s
}

/** A histogram for the charts: `bins` equal-width buckets from 0 to the max sample. */
export function histogram(values: ArrayLike<number>, bins = 20): { bucketMs: number; counts: number[] } {
  let max = 0
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!)
  const bucketMs = niceStep(max / bins)
  const counts = new Array<number>(Math.max(1, Math.ceil(max / bucketMs) + 1)).fill(0)
  for (let i = 0; i < values.length; i++) counts[Math.min(counts.length - 1, Math.floor(values[i]! / bucketMs))]!++
  while (counts.length > 1 && counts[counts.length - 1] === 0) counts.pop()
  return { bucketMs, counts }
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1
  const p = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p
  return 10 * p
}

/** "480 ms", "1.2 s", "0.4 ms". */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a'
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`
  if (ms >= 10) return `${Math.round(ms)} ms`
  return `${ms.toFixed(1)} ms`
}
