import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureUrl } from '../../../src/main/engine/perf/measure'
import { buildRequest, originOf, WireConnection } from '../../../src/main/engine/perf/wire'
import { staticLookup } from '../../../src/main/engine/perf/lookup'
import { FIXTURE_TOKEN, startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'

let own: PerfFixture
let other: PerfFixture

beforeAll(async () => {
  other = await startPerfFixture({ host: '127.0.0.2' })
  own = await startPerfFixture({ otherOrigin: other.origin })
})
afterAll(async () => {
  await own.close()
  await other.close()
})

const base = { samples: 6, spacingMs: 0, timeoutMs: 5000, coldEvery: 3 }

describe('wire client', () => {
  it('parses content-length, chunked and 404 answers on one kept-alive connection', async () => {
    const conn = await WireConnection.open(originOf(new URL(own.origin)), { timeoutMs: 2000 })
    expect(conn.timings.connectMs).toBeGreaterThanOrEqual(0)
    const a = await conn.send(buildRequest(new URL(own.url('/trivial'))), { timeoutMs: 2000, keepBody: true })
    expect(a.status).toBe(200)
    expect(a.body?.toString()).toBe('ok')
    const b = await conn.send(buildRequest(new URL(own.url('/chunked'))), { timeoutMs: 2000, keepBody: true })
    expect(b.status).toBe(200)
    expect(b.wireBytes).toBe(1500)
    const c = await conn.send(buildRequest(new URL(own.url('/nope'))), { timeoutMs: 2000 })
    expect(c.status).toBe(404)
    expect(c.totalMs).toBeGreaterThanOrEqual(c.waitMs)
    conn.close()
  })

  it('times out with a plain message', async () => {
    const conn = await WireConnection.open(originOf(new URL(own.origin)), { timeoutMs: 2000 })
    await expect(conn.send(buildRequest(new URL(own.url('/fixed?ms=2000'))), { timeoutMs: 150 })).rejects.toThrow(/no complete answer/)
    conn.close()
  })

  it('reports a refused connection plainly', async () => {
    await expect(WireConnection.open({ protocol: 'http:', hostname: '127.0.0.1', port: 1 }, { timeoutMs: 2000 })).rejects.toThrow(/refused/)
  })

  it('refuses header injection', () => {
    expect(() => buildRequest(new URL(own.url('/')), { headers: { 'X-A': 'x\r\nEvil: 1' } })).toThrow()
  })
})

describe('measureUrl', () => {
  it('splits cold and warm samples with phase timings', async () => {
    const m = await measureUrl({ ...base, url: own.url('/fixed?ms=10') })
    expect(m.samples).toHaveLength(6)
    expect(m.errors).toEqual([])
    const cold = m.samples.filter((s) => s.cold)
    const warm = m.samples.filter((s) => !s.cold)
    expect(cold.length).toBeGreaterThanOrEqual(2)
    expect(warm.length).toBeGreaterThanOrEqual(2)
    for (const s of cold) expect(s.connectMs).toBeGreaterThanOrEqual(0)
    for (const s of warm) expect(s.connectMs).toBeUndefined()
    for (const s of m.samples) {
      expect(s.waitMs).toBeGreaterThanOrEqual(9)
      expect(s.ttfbMs).toBeGreaterThanOrEqual(s.waitMs)
      expect(s.totalMs).toBeGreaterThanOrEqual(s.ttfbMs)
    }
  })

  it('resolves names through the injected lookup', async () => {
    const m = await measureUrl({ ...base, samples: 2, url: `http://app.example.com:${own.port}/trivial`, lookup: staticLookup({ 'app.example.com': '127.0.0.1' }) })
    expect(m.samples).toHaveLength(2)
    expect(own.seen.some((s) => s.host === `app.example.com:${own.port}`)).toBe(true)
  })

  it('sends the credential to its own origin and reports it without the value', async () => {
    const m = await measureUrl({ ...base, samples: 3, url: own.url('/auth'), auth: { kind: 'bearer', value: FIXTURE_TOKEN, name: 'api' } })
    expect(m.status).toBe(200)
    expect(m.auth).toMatchObject({ name: 'api', kind: 'bearer', sent: true })
    expect(JSON.stringify(m)).not.toContain(FIXTURE_TOKEN)
    expect(own.seen.filter((s) => s.path === '/auth' && s.credential).length).toBe(3)
  })

  it('supports cookie and named-header credentials', async () => {
    const c = await measureUrl({ ...base, samples: 1, url: own.url('/auth'), auth: { kind: 'cookie', value: `session=${FIXTURE_TOKEN}`, name: 'c' } })
    const h = await measureUrl({ ...base, samples: 1, url: own.url('/auth'), auth: { kind: 'header', header: 'X-Api-Key', value: FIXTURE_TOKEN, name: 'h' } })
    expect(c.status).toBe(200)
    expect(h.status).toBe(200)
  })

  it('drops the credential when a redirect leads to another origin', async () => {
    const before = other.seen.length
    const m = await measureUrl({ ...base, samples: 3, url: own.url('/redirect-other'), auth: { kind: 'bearer', value: FIXTURE_TOKEN, name: 'api' } })
    expect(m.redirects).toHaveLength(1)
    expect(m.finalUrl.startsWith(other.origin)).toBe(true)
    expect(m.status).toBe(401)
    const arrived = other.seen.slice(before)
    expect(arrived.length).toBeGreaterThan(0)
    expect(arrived.every((s) => !s.anyAuthHeader)).toBe(true)
    expect(m.auth?.withheldFrom).toEqual([new URL(other.origin).host])
    // the original origin did get it (the first hop)
    expect(own.seen.some((s) => s.path === '/redirect-other' && s.credential)).toBe(true)
  })

  it('keeps the credential over a same-origin redirect', async () => {
    const m = await measureUrl({ ...base, samples: 2, url: own.url('/redirect-same'), auth: { kind: 'bearer', value: FIXTURE_TOKEN, name: 'api' } })
    expect(m.status).toBe(200)
    expect(m.auth?.withheldFrom).toBeUndefined()
  })

  it('reports compressed and uncompressed sizes', async () => {
    const m = await measureUrl({ ...base, samples: 1, url: own.url('/api/big') })
    expect(m.contentEncoding).toBe('gzip')
    expect(m.decodedBytes!).toBeGreaterThan(1024 * 1024)
    expect(m.wireBytes!).toBeLessThan(m.decodedBytes!)
  })

  it('sends a writing route with its body, at most 10 times', async () => {
    const m = await measureUrl({ ...base, samples: 30, url: own.url('/create'), method: 'POST', body: '{"email":"test@example.com"}' })
    expect(m.samples.length).toBe(10)
    const posts = own.seen.filter((s) => s.path === '/create')
    expect(posts.every((s) => s.method === 'POST' && s.body.includes('test@example.com'))).toBe(true)
  })

  it('gives up early on an unreachable host and says why', async () => {
    const m = await measureUrl({ ...base, url: 'http://127.0.0.1:1/' })
    expect(m.samples).toHaveLength(0)
    expect(m.errors[0]).toMatch(/refused/)
  })

  it('stops after repeated timeouts instead of waiting out every sample', async () => {
    const t0 = performance.now()
    const m = await measureUrl({ ...base, samples: 20, timeoutMs: 100, url: own.url('/fixed?ms=1000') })
    expect(m.samples).toHaveLength(0)
    expect(m.errors.length).toBeLessThanOrEqual(4)
    expect(m.errors[0]).toMatch(/no complete answer/)
    expect(performance.now() - t0).toBeLessThan(3000)
  })
})
