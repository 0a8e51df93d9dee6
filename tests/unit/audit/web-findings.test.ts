/** Findings built from in-memory responses: CDN detection (headers and name servers), versions, request IDs, caching of cookie responses. */
import { describe, expect, it } from 'vitest'
import { cdnFinding, privateCacheFinding, requestIdFinding } from '../../../src/main/engine/web/checks-edge'
import { versionFinding, type HealthProbe } from '../../../src/main/engine/web/checks-page'
import type { Surface, Walk } from '../../../src/main/engine/web/surface'
import type { DnsResponse, HttpResponse, SuiteContext } from '../../../src/main/engine/types'
import { target } from '../../fixtures/audit/universe'

const resp = (headers: Record<string, string | string[]>, url = 'https://www.x.test/'): HttpResponse => ({ url, status: 200, headers, body: Buffer.from('<p>hi</p>'), truncated: false, wireBytes: 9, timings: { ttfbMs: 1, totalMs: 1, reused: false } })

function surfaceWith(page: HttpResponse, extra: HttpResponse[] = []): Surface {
  const w = (r: HttpResponse): Walk => ({ entryUrl: r.url, host: new URL(r.url).hostname, scheme: 'https', hops: [{ url: r.url, status: r.status, ms: 1, response: r }], finalUrl: r.url, final: r, loop: false, tooMany: false, offsite: false })
  return { apex: 'x.test', canonicalHost: 'www.x.test', canonicalUrl: 'https://www.x.test/', hosts: [], walks: [w(page), ...extra.map(w)], pathWalks: new Map(), durationMs: 0 }
}

function ctxWithNs(ns: string[], o: Partial<Parameters<typeof target>[0]> = {}): SuiteContext {
  const res = (name: string): DnsResponse => ({ name, type: 'NS', rcode: 'NOERROR', aa: false, answers: ns.map((data) => ({ name, type: 'NS', ttl: 300, data })), authority: [], server: 'x', tcp: false, size: 0, durationMs: 0 })
  return {
    resolver: { servers: () => ['127.0.0.1:53'], query: async (name) => res(name) },
    http: { request: () => Promise.reject(new Error('no network in unit tests')) },
    clock: { now: () => Date.now(), monotonic: () => performance.now() },
    target: target({ domain: 'x.test', ...o }),
    signal: new AbortController().signal,
    deadline: Date.now() + 5000,
    activeProbes: false,
    shared: new Map(),
  }
}

describe('edge.cdn', () => {
  it('recognises CDNs by their headers', async () => {
    for (const [h, name] of [
      [{ 'x-vercel-id': 'fra1::abc' }, 'Vercel'],
      [{ server: 'Netlify', 'x-nf-request-id': '1' }, 'Netlify'],
      [{ 'x-amz-cf-id': 'abc', via: '1.1 abc.cloudfront.net (CloudFront)' }, 'Amazon CloudFront'],
      [{ 'cf-ray': '1-LHR' }, 'Cloudflare'],
    ] as const) {
      const f = await cdnFinding(ctxWithNs([]), surfaceWith(resp({ ...h })), 1000)
      expect(f.status).toBe('pass')
      expect(f.evidence.cdn).toBe(name)
    }
  })

  it('says when the DNS is at Cloudflare but the proxy is off, with the exact switch', async () => {
    const f = await cdnFinding(ctxWithNs(['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com']), surfaceWith(resp({ server: 'nginx' })), 1000)
    expect(f).toMatchObject({ status: 'fail', title: 'Cloudflare is not proxying your site' })
    expect(f.fix[0]!.value).toBe('Proxied')
  })

  it('fails with no CDN at all', async () => {
    const f = await cdnFinding(ctxWithNs(['ns1.hoster.test']), surfaceWith(resp({ server: 'nginx' })), 1000)
    expect(f).toMatchObject({ status: 'fail', title: 'No CDN in front of your site' })
  })
})

describe('http.version', () => {
  const noHealth: HealthProbe = { origin: 'https://www.x.test', tried: [], unreachable: false }
  it('passes on a release header', () => {
    const f = versionFinding(ctxWithNs([]), surfaceWith(resp({ 'x-release': 'v2.3.1' })), noHealth)
    expect(f).toMatchObject({ status: 'pass', evidence: { header: 'x-release', value: 'v2.3.1' } })
  })
  it('fails without header or health version, with the header to add', () => {
    const f = versionFinding(ctxWithNs([], { hostingProvider: 'Vercel' }), surfaceWith(resp({})), noHealth)
    expect(f.status).toBe('fail')
    expect(f.fix.some((s) => s.provider === 'vercel' && s.value?.includes('VERCEL_GIT_COMMIT_SHA'))).toBe(true)
  })
})

describe('monitor.request-id and edge.private-cache', () => {
  it('warns when only the CDN’s ID is present', () => {
    expect(requestIdFinding(ctxWithNs([]), surfaceWith(resp({ 'cf-ray': '1-LHR' }))).status).toBe('warn')
  })
  it('fails a cookie response that a cache already served (HIT), even without public Cache-Control', () => {
    const page = resp({ 'set-cookie': ['sid=1; Path=/'], 'cf-cache-status': 'HIT' })
    expect(privateCacheFinding(ctxWithNs([]), surfaceWith(page)).status).toBe('fail')
    const ok = resp({ 'set-cookie': ['sid=1; Path=/'], 'cache-control': 'private, max-age=60' })
    expect(privateCacheFinding(ctxWithNs([]), surfaceWith(ok)).status).toBe('pass')
  })
})

describe('http.canonical', () => {
  it('compares only the addresses that load: a closed port 80 is the https-redirect check’s finding', async () => {
    const { canonicalFinding } = await import('../../../src/main/engine/web/checks-http')
    const page = resp({}, 'https://www.x.test/')
    const s = surfaceWith(page)
    const apexHttps: Walk = { entryUrl: 'https://x.test/', host: 'x.test', scheme: 'https', hops: [{ url: 'https://x.test/', status: 301, location: 'https://www.x.test/', ms: 1, response: resp({ location: 'https://www.x.test/' }, 'https://x.test/') }, { url: 'https://www.x.test/', status: 200, ms: 1, response: page }], finalUrl: 'https://www.x.test/', final: page, loop: false, tooMany: false, offsite: false }
    const refused: Walk = { entryUrl: 'http://x.test/', host: 'x.test', scheme: 'http', hops: [], finalUrl: 'http://x.test/', error: 'could not load http://x.test/: the connection was refused (x.test)', loop: false, tooMany: false, offsite: false }
    s.walks.push(apexHttps, refused)
    expect(canonicalFinding(ctxWithNs([]), s).status).toBe('pass')
    const split = { ...page, url: 'https://x.test/' }
    s.walks[1] = { ...apexHttps, hops: [{ url: 'https://x.test/', status: 200, ms: 1, response: split }], finalUrl: 'https://x.test/', final: split }
    expect(canonicalFinding(ctxWithNs([]), s).status).toBe('fail')
  })
})
