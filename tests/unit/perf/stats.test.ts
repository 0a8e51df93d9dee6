import { describe, expect, it } from 'vitest'
import { fmtMs, fromValues, histogram, Samples } from '../../../src/main/engine/perf/stats'

describe('Samples', () => {
  it('uses nearest-rank percentiles on exact sub-ms values', () => {
    // 100 values 1..100 ms plus a fraction: p50 is the 50th, p95 the 95th, p99 the 99th.
    const s = fromValues(Array.from({ length: 100 }, (_, i) => i + 1.25))
    expect(s.percentile(50)).toBe(50.25)
    expect(s.percentile(95)).toBe(95.25)
    expect(s.percentile(99)).toBe(99.25)
    expect(s.percentile(100)).toBe(100.25)
  })

  it('matches the every-5th-slow distribution exactly', () => {
    const s = new Samples(2)
    for (let i = 1; i <= 200; i++) s.add(i % 5 === 0 ? 250.4 : 50.2)
    expect(s.percentile(50)).toBe(50.2)
    expect(s.percentile(95)).toBe(250.4)
    expect(s.summary()).toMatchObject({ samples: 200, p50Ms: 50.2, p95Ms: 250.4, p99Ms: 250.4 })
  })

  it('reports empty sets as null, never zero', () => {
    expect(new Samples().summary()).toMatchObject({ samples: 0, p50Ms: null, p95Ms: null })
  })

  it('builds a histogram that keeps every sample', () => {
    const values = [0.4, 1.2, 3, 3.1, 9.9, 40]
    const h = histogram(values, 10)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length)
    expect(h.bucketMs).toBeGreaterThan(0)
  })

  it('formats durations in plain units', () => {
    expect(fmtMs(480)).toBe('480 ms')
    expect(fmtMs(1234)).toBe('1.2 s')
    expect(fmtMs(0.42)).toBe('0.4 ms')
    expect(fmtMs(null)).toBe('n/a')
  })
})
