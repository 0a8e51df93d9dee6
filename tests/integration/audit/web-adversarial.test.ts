/** Adversarial web servers: each case ends within its deadline with `error` or `fail`, never a crash or a pass. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byCheck, collectSink, startUniverse, type Universe } from '../../fixtures/audit/universe'
import { createEdgeSuite, createHttpSuite, createTlsSuite } from '../../../src/main/engine/web/suite'
import { walk } from '../../../src/main/engine/web/surface'

let u: Universe
beforeAll(async () => {
  u = await startUniverse()
}, 30_000)
afterAll(() => u?.close())

async function run(domain: string, only?: string[], timeoutMs = 1500) {
  const ctx = u.context({ domain, canonicalHost: 'apex' }, { deadlineMs: 10_000, activeProbes: true, ...(only ? { only } : {}) })
  const sink = collectSink()
  const t0 = performance.now()
  await Promise.all([createHttpSuite({ timeoutMs }), createTlsSuite({ timeoutMs }), createEdgeSuite({ timeoutMs })].map((s) => s.run(ctx, sink)))
  return { fs: sink.findings, ms: performance.now() - t0, sink }
}

describe('adversarial servers', () => {
  it('a server that accepts and never answers: error with the timeout, within the time budget', async () => {
    const { fs, ms, sink } = await run('hang.adv.test')
    const r = byCheck(fs, 'http.reachable')[0]!
    expect(r.status).toBe('error')
    expect(r.summary).toMatch(/within 1\.5 s/)
    expect(fs.some((f) => f.status === 'pass' && /reachable|mixed|headers|compression|static/.test(f.checkId))).toBe(false)
    for (const id of ['http.mixed-content', 'http.health', 'http.version', 'edge.cdn', 'edge.static-cache', 'edge.compression', 'edge.security-headers', 'edge.cors', 'edge.admin-exposed', 'edge.private-cache', 'monitor.request-id', 'tls.hsts', 'edge.rate-limit'])
      expect(byCheck(fs, id).map((f) => f.status), id).toEqual(['error'])
    expect(sink.started.length).toBe(fs.length)
    expect(ms).toBeLessThan(8000)
  }, 20_000)

  it('a body trickling one byte a second: error, not a hang', async () => {
    const { fs, ms } = await run('trickle.adv.test', ['http.reachable'])
    expect(byCheck(fs, 'http.reachable')[0]).toMatchObject({ status: 'error' })
    expect(ms).toBeLessThan(5000)
  }, 20_000)

  it('a 50 MB body is capped: only the cap is read and the check still ends', async () => {
    const ctx = u.context({ domain: 'huge.adv.test', canonicalHost: 'apex' })
    const t0 = performance.now()
    const res = await u.http.request({ url: 'https://huge.adv.test/', maxBodyBytes: 256 * 1024, signal: ctx.signal })
    expect(res.truncated).toBe(true)
    expect(res.body.length).toBe(256 * 1024)
    expect(res.wireBytes).toBeLessThan(2 * 1024 * 1024)
    expect(performance.now() - t0).toBeLessThan(3000)
    const { fs } = await run('huge.adv.test', ['http.reachable', 'http.mixed-content'])
    expect(byCheck(fs, 'http.reachable')[0]!.status).toBe('pass')
    expect(byCheck(fs, 'http.mixed-content')[0]!.evidence.note).toMatch(/larger than we read/)
  }, 20_000)

  it('a 30-hop chain stops at 10 hops and fails the loop check', async () => {
    const { fs } = await run('hops30.adv.test', ['http.redirect-loop', 'http.reachable'])
    const loop = byCheck(fs, 'http.redirect-loop')[0]!
    expect(loop.status).toBe('fail')
    const walks = loop.evidence.walks as { hops: unknown[]; problem: string }[]
    expect(walks[0]!.hops).toHaveLength(10)
    expect(walks[0]!.problem).toMatch(/more than 10 redirects/)
    expect(byCheck(fs, 'http.reachable')[0]!.status).toBe('fail')
  }, 20_000)

  it('cancelling stops the walk with a plain reason', async () => {
    const ac = new AbortController()
    const ctx = u.context({ domain: 'hang.adv.test' }, { signal: ac.signal })
    const p = walk(ctx, 'https://hang.adv.test/', 30_000)
    setTimeout(() => ac.abort(), 100)
    const w = await p
    expect(w.error).toMatch(/cancelled/)
    expect(w.hops).toHaveLength(0)
  })

  it('the run deadline caps every operation', async () => {
    const ctx = u.context({ domain: 'hang.adv.test', canonicalHost: 'apex' }, { deadlineMs: 700, only: ['http.reachable'] })
    const sink = collectSink()
    const t0 = performance.now()
    await createHttpSuite({ timeoutMs: 30_000 }).run(ctx, sink)
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(sink.findings[0]!.status).toBe('error')
  }, 20_000)
})
