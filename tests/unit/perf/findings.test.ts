import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureUrl } from '../../../src/main/engine/perf/measure'
import { latencyFinding, payloadFinding, ttfbFinding } from '../../../src/main/engine/perf/findings'
import { FIXTURE_TOKEN, startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'

let srv: PerfFixture
beforeAll(async () => {
  srv = await startPerfFixture()
})
afterAll(async () => {
  await srv.close()
})
const base = { samples: 5, spacingMs: 0, timeoutMs: 5000 }
const route = { label: 'Feed', fromVertical: false }

describe('perf findings', () => {
  it('fails a slow route in plain words, with the numbers and a fix', async () => {
    const m = await measureUrl({ ...base, url: srv.url('/fixed?ms=40') })
    const f = latencyFinding(m, route, 20, 100)
    expect(f).toMatchObject({ checkId: 'perf.latency', status: 'fail', severity: 'high', stage: 5 })
    expect(f.summary).toMatch(/^Half your users wait more than \d+ ms for “Feed”/)
    expect(f.summary).toMatch(/target 20 ms/)
    expect(f.fix.length).toBeGreaterThan(0)
    expect(f.evidence).toMatchObject({ samples: 5, targetMs: 20 })
    expect((f.evidence.samplesMs as number[]).length).toBe(5)
  })

  it('passes a fast public page and reports cold and warm connections apart', async () => {
    const m = await measureUrl({ ...base, samples: 10, url: srv.url('/fixed?ms=1') })
    const f = ttfbFinding(m, 200, 50)
    expect(f.status).toBe('pass')
    const ev = f.evidence as { cold: { samples: number }; warm: { samples: number } }
    expect(ev.cold.samples + ev.warm.samples).toBe(10)
    expect(ev.cold.samples).toBeGreaterThanOrEqual(2)
  })

  it('never passes a signed-in route that bounced to the login page', async () => {
    const m = await measureUrl({ ...base, url: srv.url('/members'), auth: { kind: 'bearer', value: 'expired-token', name: 'api' } })
    expect(m.status).toBe(200)
    const f = latencyFinding(m, route, 300, 10)
    expect(f.status).toBe('error')
    expect(f.summary).toMatch(/not accepted/)
    const ok = await measureUrl({ ...base, url: srv.url('/members'), auth: { kind: 'bearer', value: FIXTURE_TOKEN, name: 'api' } })
    expect(latencyFinding(ok, route, 300, 10).status).toBe('pass')
  })

  it('marks a vertical default that does not exist as skipped, and a project route error as error', async () => {
    const m = await measureUrl({ ...base, samples: 1, url: srv.url('/api/feed') })
    expect(latencyFinding(m, { label: 'Feed', fromVertical: true }, 300, 1).status).toBe('skipped')
    expect(latencyFinding(m, route, 300, 1).status).toBe('error')
  })

  it('flags API responses over 1 MB', async () => {
    const big = await measureUrl({ ...base, samples: 1, url: srv.url('/api/big') })
    const small = await measureUrl({ ...base, samples: 1, url: srv.url('/fixed?ms=1') })
    const f = payloadFinding('127.0.0.1', [big, small], 0)
    expect(f.status).toBe('fail')
    expect(f.summary).toMatch(/\/api\/big sends 1\.\d MB/)
    const rows = f.evidence.responses as { compressedBytes: number | null; uncompressedBytes: number }[]
    expect(rows[0]!.compressedBytes).toBeLessThan(rows[0]!.uncompressedBytes)
    expect(payloadFinding('127.0.0.1', [small], 0).status).toBe('pass')
  })
})
