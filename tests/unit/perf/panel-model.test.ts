import { describe, expect, it } from 'vitest'
import type { Finding } from '../../../src/shared/model'

// The renderer's pure helpers; loaded by path because tsconfig.node does not cover renderer files
// (tsconfig.web typechecks them).
const MODEL = '../../../src/renderer/src/features/perf/model'
type Bar = { overTarget: boolean; count: number }
const m = (await import(/* @vite-ignore */ MODEL)) as {
  comparisonText(c: { beforeP95Ms: number | null; afterP95Ms: number | null }): string
  histogramBars(e: Record<string, unknown>): Bar[]
  confirmMatches(typed: string, url: string): boolean
  loadDefaults(p: unknown): { url: string; coreUrl: string }
  phaseRows(f: Finding[]): unknown[]
}
const { comparisonText, confirmMatches, histogramBars, loadDefaults, phaseRows } = m

describe('Stage 5 panel model', () => {
  it('writes the comparison the way the founder reads it', () => {
    expect(comparisonText({ beforeP95Ms: 480, afterP95Ms: 210 })).toBe('p95 480 ms -> 210 ms (56% faster)')
    expect(comparisonText({ beforeP95Ms: 200, afterP95Ms: 300 })).toBe('p95 200 ms -> 300 ms (50% slower)')
    expect(comparisonText({ beforeP95Ms: 200, afterP95Ms: 204 })).toMatch(/about the same/)
    expect(comparisonText({ beforeP95Ms: null, afterP95Ms: 120 })).toBe('p95 n/a -> 120 ms')
  })

  it('marks histogram buckets at or past the target', () => {
    const bars = histogramBars({ targetMs: 300, histogram: { bucketMs: 100, counts: [3, 10, 0, 2, 1] } })
    expect(bars.map((b) => b.overTarget)).toEqual([false, false, false, true, true])
    expect(bars.reduce((n, b) => n + b.count, 0)).toBe(16)
    expect(histogramBars({})).toEqual([])
  })

  it('needs the typed host to match exactly (case and trailing dot aside)', () => {
    expect(confirmMatches('App.Acme.com.', 'https://app.acme.com/login')).toBe(true)
    expect(confirmMatches('acme.com', 'https://app.acme.com/login')).toBe(false)
    expect(confirmMatches('', 'not a url')).toBe(false)
  })

  it('defaults the load test to the login page and the first core read', () => {
    const d = loadDefaults({ domain: 'acme.com', canonicalHost: 'www', vertical: 'community', criticalFlows: [] })
    expect(d).toEqual({ url: 'https://www.acme.com/login', coreUrl: 'https://www.acme.com/api/feed' })
  })

  it('builds one phase row per timed finding', () => {
    const f = { checkId: 'perf.latency', target: 'https://a.com/api/feed', evidence: { route: 'Feed', phases: { dnsMs: 1, connectMs: 2, tlsMs: 3, waitMs: 40, downloadMs: 1 } } } as unknown as Finding
    expect(phaseRows([f])).toEqual([{ name: 'Feed', dns: 1, connect: 2, tls: 3, wait: 40, download: 1 }])
  })
})
