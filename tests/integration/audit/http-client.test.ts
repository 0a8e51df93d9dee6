/** The audit HTTP client against the loopback fixture: no redirects followed, compression sizes, port map, trust, errors in plain words. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUniverse, type Universe } from '../../fixtures/audit/universe'
import { createHttpClient, header, setCookies } from '../../../src/main/engine/web/http-client'

let u: Universe
beforeAll(async () => {
  u = await startUniverse()
}, 30_000)
afterAll(() => u?.close())

describe('audit HTTP client', () => {
  it('never follows a redirect and reports the Location', async () => {
    const r = await u.http.request({ url: 'http://good.test/a?b=1' })
    expect(r.status).toBe(301)
    expect(header(r, 'location')).toBe('https://www.good.test/a?b=1')
    expect(r.remoteAddress).toBe('127.0.0.1')
  })

  it('asks for compression and reports the encoded and decoded sizes', async () => {
    const r = await u.http.request({ url: 'https://www.good.test/', acceptEncoding: true })
    expect(header(r, 'content-encoding')).toBe('gzip')
    expect(r.decodedBody!.length).toBeGreaterThan(2000)
    expect(r.wireBytes).toBeLessThan(r.decodedBody!.length / 3)
    expect(setCookies(r)).toEqual(['session=abc; Path=/; Secure; HttpOnly; SameSite=Lax'])
    const plain = await u.http.request({ url: 'https://www.good.test/' })
    expect(header(plain, 'content-encoding')).toBeUndefined()
    expect(plain.decodedBody).toBeUndefined()
  })

  it('times each phase of a cold request and marks a warm one', async () => {
    const c = createHttpClient({ resolver: u.resolver, extraCa: [u.web.caPem], portMap: u.web.portMap })
    const cold = await c.request({ url: 'https://app.good.test/' })
    expect(cold.timings.reused).toBe(false)
    expect(cold.timings.tlsMs).toBeGreaterThan(0)
    expect(cold.timings.dnsMs).toBeGreaterThanOrEqual(0)
    const warm = await c.request({ url: 'https://app.good.test/' })
    expect(warm.timings.reused).toBe(true)
    c.close()
  })

  it('rejects an untrusted certificate with a plain reason, and trusts it with the extra CA', async () => {
    const noCa = createHttpClient({ resolver: u.resolver, portMap: u.web.portMap })
    await expect(noCa.request({ url: 'https://www.good.test/' })).rejects.toThrow(/not trusted/)
    noCa.close()
    await expect(u.http.request({ url: 'https://expired.tls.test/' })).rejects.toThrow(/expired/)
  })

  it('explains bad input, unknown names and cancellation', async () => {
    await expect(u.http.request({ url: 'not a url' })).rejects.toThrow(/not a valid address/)
    await expect(u.http.request({ url: 'ftp://good.test/' })).rejects.toThrow(/only http and https/)
    await expect(u.http.request({ url: 'https://nowhere.good.test/' })).rejects.toThrow(/has no address/)
    const ac = new AbortController()
    const p = u.http.request({ url: 'https://hang.adv.test/', signal: ac.signal, timeoutMs: 30_000 })
    setTimeout(() => ac.abort(), 50)
    await expect(p).rejects.toThrow(/cancelled/)
  })
})
