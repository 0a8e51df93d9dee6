import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoad, type LoadProgress } from '../../../src/main/engine/perf/load'
import { loadFinding } from '../../../src/main/engine/perf/load-finding'
import { startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'

let srv: PerfFixture
beforeAll(async () => {
  srv = await startPerfFixture()
})
afterAll(async () => {
  await srv.close()
})

const common = { maxRequests: 5000, targetMs: 100, timeoutMs: 5000, baselineSamples: 4, progressIntervalMs: 200 }

describe('runLoad (closed loop)', () => {
  it('ramps users, reports percentiles, series and a pass on a healthy route', async () => {
    const progress: LoadProgress[] = []
    const r = await runLoad({ ...common, urls: [srv.url('/fixed?ms=5'), srv.url('/trivial')], users: 4, durationS: 2, onProgress: (p) => progress.push(p) })
    expect(r.stoppedBy).toBe('completed')
    expect(r.steps.map((s) => s.users)).toEqual([1, 2, 3, 4])
    expect(r.errors).toBe(0)
    expect(r.requests).toBeGreaterThan(20)
    expect(r.p50Ms).not.toBeNull()
    expect(r.p95Ms!).toBeGreaterThanOrEqual(r.p50Ms!)
    expect(r.series.length).toBeGreaterThanOrEqual(1)
    expect(progress.some((p) => p.phase === 'baseline')).toBe(true)
    expect(progress.at(-1)?.phase).toBe('done')
    expect(srv.maxInFlight()).toBeLessThanOrEqual(4)
    const f = loadFinding('127.0.0.1', r)
    expect(f.status).toBe('pass')
    expect(f.evidence).toMatchObject({ requests: r.requests, errorRate: 0, timeouts: 0, bottleneckUsers: null })
  })

  it('names the concurrency where a route slowing under load crosses the target', async () => {
    // each request in flight adds 30 ms: p95 crosses 100 ms around 4 users
    const r = await runLoad({ ...common, urls: [srv.url('/slow-under-load?per=30')], users: 8, durationS: 3, steps: 8, abort: false })
    expect(r.bottleneckReason).toBe('latency')
    expect(r.bottleneckUsers).toBeGreaterThanOrEqual(2)
    expect(r.bottleneckUsers).toBeLessThanOrEqual(8)
    expect(r.steps.at(-1)!.p95Ms!).toBeGreaterThan(r.steps[0]!.p95Ms!)
    expect(loadFinding('x', r).status).not.toBe('pass')
  })

  it('aborts by itself when more than 20% of requests fail', async () => {
    const r = await runLoad({ ...common, urls: [srv.url('/fail-under-load?limit=1')], users: 10, durationS: 10, steps: 5 })
    expect(r.stoppedBy).toBe('error-rate')
    expect(r.durationMs).toBeLessThan(9000)
    expect(r.bottleneckReason).toBe('errors')
    const f = loadFinding('127.0.0.1', r)
    expect(f.status).toBe('fail')
    expect(f.summary).toMatch(/stopped the test/)
  })

  it('aborts when p95 passes 10x the single-user baseline', async () => {
    // each request in flight adds 30 ms: ~30 ms alone, ~900 ms with 30 users, far past 10x
    const r = await runLoad({ ...common, urls: [srv.url('/slow-under-load?per=30')], users: 30, durationS: 6, steps: 4, abort: { minLatencyMs: 0 } })
    expect(r.stoppedBy).toBe('latency')
    expect(r.stopMessage).toMatch(/single-user/)
  })

  it('stops at the hard request cap', async () => {
    const r = await runLoad({ ...common, maxRequests: 50, urls: [srv.url('/trivial')], users: 3, durationS: 10, ramp: false })
    expect(r.stoppedBy).toBe('request-cap')
    expect(r.requests).toBeLessThanOrEqual(50 + 3)
  })

  it('is cancellable at any moment', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 300)
    const r = await runLoad({ ...common, urls: [srv.url('/fixed?ms=5')], users: 3, durationS: 30, signal: ac.signal })
    expect(r.stoppedBy).toBe('cancelled')
    expect(r.durationMs).toBeLessThan(5000)
    expect(loadFinding('x', r).status).toBe('error')
  })
})

describe('runLoad (open model)', () => {
  it('keeps the arrival rate and counts queueing delay from the due time', async () => {
    // one slot and 40 ms service time at 50 req/s: requests queue, so latency grows well past 40 ms
    const r = await runLoad({ ...common, urls: [srv.url('/fixed?ms=40')], users: 1, rate: 50, durationS: 1.5, ramp: false, abort: false })
    expect(r.mode).toBe('open')
    expect(r.requests).toBeGreaterThan(5)
    expect(r.p95Ms!).toBeGreaterThan(150)
    const closed = await runLoad({ ...common, urls: [srv.url('/fixed?ms=40')], users: 1, durationS: 1, ramp: false, abort: false })
    expect(closed.p95Ms!).toBeLessThan(r.p95Ms!)
  })
})
