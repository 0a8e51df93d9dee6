/** http.*, edge.* and monitor.request-id against the fixture universe (loopback DNS + web servers): a pass and a fail for each. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byCheck, collectSink, startUniverse, type Universe } from '../../fixtures/audit/universe'
import { runWeb } from '../../fixtures/audit/run-web'
import { createEdgeSuite, createHttpSuite, createTlsSuite, surfaceRows } from '../../../src/main/engine/web/suite'
import { getSurface } from '../../../src/main/engine/web/surface'
import { artifactSlot } from '../../../src/main/engine/run/artifacts'
import { SurfaceRow } from '../../../src/shared/audit-data'
import { Finding } from '../../../src/shared/model'
import type { SuiteContext } from '../../../src/main/engine/types'

let u: Universe
beforeAll(async () => {
  u = await startUniverse()
}, 30_000)
afterAll(() => u?.close())

const goodTarget = {
  domain: 'good.test',
  subdomains: [{ label: 'app', role: 'app' }],
  criticalFlows: [{ id: 'l', label: 'Login', url: 'https://www.good.test/login', method: 'GET' as const, area: 'login' as const, safeToWrite: false }],
}
const brokenTarget = { domain: 'broken.test', subdomains: [{ label: 'app', role: 'app' }, { label: 'loop', role: 'marketing' }] }

const statusOf = (fs: Finding[], id: string, target?: string) => byCheck(fs, id, target).map((f) => f.status)

describe('a well-configured site (good.test)', () => {
  let fs: Finding[]
  let ctx: SuiteContext
  beforeAll(async () => {
    ctx = u.context(goodTarget, { activeProbes: true })
    fs = await runWeb(ctx)
  }, 30_000)

  it.each([
    'http.reachable',
    'http.https-redirect',
    'http.canonical',
    'http.redirect-loop',
    'http.redirect-chain',
    'http.redirect-preserves-path',
    'http.mixed-content',
    'http.subdomain',
    'http.health',
    'http.version',
    'edge.cdn',
    'edge.static-cache',
    'edge.private-cache',
    'edge.compression',
    'edge.security-headers',
    'edge.cors',
    'edge.rate-limit',
    'edge.admin-exposed',
    'monitor.request-id',
    'tls.hsts',
  ])('%s passes', (id) => {
    const st = statusOf(fs, id)
    expect(st.length).toBeGreaterThan(0)
    expect(new Set(st)).toEqual(new Set(['pass']))
  })

  it('publishes the surface matrix: every entry URL, hops, path kept, certificate coverage and HSTS', async () => {
    const rows = (await ctx.shared.get(artifactSlot('surface'))) as SurfaceRow[]
    for (const r of rows) SurfaceRow.parse(r)
    const apex = rows.find((r) => r.entryUrl === 'http://good.test/')!
    expect(apex).toMatchObject({ exists: true, finalUrl: 'https://www.good.test/', finalStatus: 200, pathKept: true })
    expect(apex.hops.map((h) => h.status)).toEqual([301, 200])
    expect(rows.find((r) => r.entryUrl === 'https://www.good.test/')).toMatchObject({ certCovers: true, hsts: 'max-age=31536000; includeSubDomains' })
    expect(rows.map((r) => r.entryUrl)).toEqual(expect.arrayContaining(['https://app.good.test/', 'http://app.good.test/']))
  })

  it('gives the redirect evidence hop by hop', () => {
    const f = byCheck(fs, 'http.https-redirect', 'http://good.test/')[0]!
    expect(f.evidence.hops).toEqual([expect.objectContaining({ url: 'http://good.test/', status: 301, location: 'https://www.good.test/' }), expect.objectContaining({ status: 200 })])
  })
})

describe('a broken launch (broken.test)', () => {
  let fs: Finding[]
  beforeAll(async () => {
    fs = await runWeb(u.context(brokenTarget, { activeProbes: true }))
  }, 30_000)

  it.each([
    ['http.https-redirect', 'http://broken.test/'],
    ['http.canonical', undefined],
    ['http.redirect-loop', undefined],
    ['http.redirect-preserves-path', undefined],
    ['http.mixed-content', undefined],
    ['http.subdomain', 'app.broken.test'],
    ['http.subdomain', 'loop.broken.test'],
    ['http.health', undefined],
    ['http.version', undefined],
    ['edge.cdn', undefined],
    ['edge.static-cache', undefined],
    ['edge.private-cache', undefined],
    ['edge.compression', undefined],
    ['edge.security-headers', undefined],
    ['edge.cors', undefined],
    ['edge.rate-limit', undefined],
    ['edge.admin-exposed', undefined],
    ['monitor.request-id', undefined],
    ['tls.hsts', 'www.broken.test'],
  ] as const)('%s fails (%s)', (id, target) => {
    expect(statusOf(fs, id, target)).toEqual(['fail'])
  })

  it('fix steps carry exact values', () => {
    const https = byCheck(fs, 'http.https-redirect', 'http://broken.test/')[0]!
    expect(https.fix.some((s) => s.value?.includes('return 301 https://www.broken.test$request_uri'))).toBe(true)
    const hsts = byCheck(fs, 'tls.hsts', 'www.broken.test')[0]!
    expect(hsts.fix[0]!.value).toBe('Strict-Transport-Security: max-age=31536000; includeSubDomains')
    const cache = byCheck(fs, 'edge.private-cache')[0]!
    expect(cache.fix[0]!.value).toBe('Cache-Control: private, no-store')
    expect(byCheck(fs, 'edge.cors')[0]!.evidence).toMatchObject({ allowOrigin: 'https://launch-ready-cors-probe.example', allowCredentials: true })
    const mixed = byCheck(fs, 'http.mixed-content')[0]!
    expect((mixed.evidence.insecure as { url: string }[]).map((x) => x.url)).toEqual(['http://cdn.broken.test/widget.js', 'http://images.broken.test/hero.jpg'])
  })

  it('the loop evidence shows the circle', () => {
    const f = byCheck(fs, 'http.redirect-loop')[0]!
    const walks = f.evidence.walks as { entryUrl: string; hops: { status: number }[] }[]
    expect(walks.map((w) => w.entryUrl).sort()).toEqual(['http://loop.broken.test/', 'https://loop.broken.test/'])
  })
})

describe('provider-specific fixes', () => {
  it('writes Cloudflare steps when the CDN is Cloudflare, and every variant otherwise', async () => {
    const cf = await runWeb(u.context({ ...brokenTarget, cdnProvider: 'Cloudflare' }, { only: ['http.https-redirect', 'tls.hsts'] }))
    const f = byCheck(cf, 'http.https-redirect', 'http://broken.test/')[0]!
    expect(f.fix.filter((s) => s.provider).map((s) => s.provider)).toEqual(['cloudflare'])
    expect(f.fix.some((s) => /Always Use HTTPS/.test(s.text))).toBe(true)
    const any = await runWeb(u.context(brokenTarget, { only: ['http.https-redirect'] }))
    const g = byCheck(any, 'http.https-redirect', 'http://broken.test/')[0]!
    expect(new Set(g.fix.map((s) => s.provider).filter(Boolean))).toEqual(new Set(['cloudflare', 'vercel', 'netlify', 'nginx']))
  }, 20_000)
})

describe('chains and scope', () => {
  it('a 3-hop chain fails http.redirect-chain and the dropped path fails http.redirect-preserves-path', async () => {
    const fs = await runWeb(u.context({ domain: 'chain.test' }))
    expect(statusOf(fs, 'http.redirect-chain')).toEqual(['fail'])
    expect(byCheck(fs, 'http.redirect-chain')[0]!.summary).toContain('3 hops')
    expect(statusOf(fs, 'http.redirect-preserves-path')).toEqual(['fail'])
    // A site that answers 200 everywhere cannot be judged by status alone.
    expect(statusOf(fs, 'edge.admin-exposed')).toEqual(['warn'])
  }, 20_000)

  it('rate limiting is skipped without active probes and sends nothing', async () => {
    const fs = await runWeb(u.context(goodTarget, { only: ['edge.rate-limit'] }))
    expect(statusOf(fs, 'edge.rate-limit')).toEqual(['skipped'])
    expect(fs).toHaveLength(1)
  }, 20_000)

  it('discovers the common subdomains that exist', async () => {
    const ctx = u.context({ domain: 'good.test', discoverCommonSubdomains: true })
    const s = await getSurface(ctx, { timeoutMs: 2000 })
    expect(s.hosts.filter((h) => h.exists).map((h) => h.host)).toEqual(['good.test', 'www.good.test', 'app.good.test', 'api.good.test'])
    expect(s.hosts.find((h) => h.host === 'admin.good.test')).toMatchObject({ exists: false, rcode: 'NXDOMAIN', kind: 'common' })
    expect(surfaceRows(s).filter((r) => !r.exists).every((r) => r.error?.includes('does not resolve'))).toBe(true)
  }, 20_000)

  it('a site that does not resolve fails http.reachable, and a configured subdomain that does not exist fails http.subdomain', async () => {
    const fs = await runWeb(u.context({ domain: 'nowhere.test', subdomains: [{ label: 'app', role: 'app' }] }, { only: ['http.reachable', 'http.subdomain'] }))
    expect(statusOf(fs, 'http.reachable')).toEqual(['fail'])
    expect(statusOf(fs, 'http.subdomain', 'app.nowhere.test')).toEqual(['fail'])
  }, 20_000)
})

describe('scheduling', () => {
  it('one probe at a time (concurrency 1) reaches the same verdicts as the concurrent run', async () => {
    const run = async (concurrency?: number) => {
      const ctx = u.context(goodTarget)
      const sink = collectSink()
      const o = { timeoutMs: 2000, ...(concurrency ? { concurrency } : {}) }
      if (concurrency === 1) for (const s of [createHttpSuite(o), createTlsSuite(o), createEdgeSuite(o)]) await s.run(ctx, sink)
      else await Promise.all([createHttpSuite(o), createTlsSuite(o), createEdgeSuite(o)].map((s) => s.run(ctx, sink)))
      return sink.findings.map((f) => `${f.checkId}@${f.target}=${f.status}`).sort()
    }
    expect(await run(1)).toEqual(await run())
  }, 30_000)

  it('walks that meet on the same address share one request', async () => {
    const seen: string[] = []
    const ctx = u.context(goodTarget)
    const http = ctx.http
    const counted = { ...ctx, http: { request: (r: Parameters<typeof http.request>[0]) => (seen.push(r.url), http.request(r)) } }
    await getSurface(counted, { timeoutMs: 2000 })
    expect(seen.filter((x) => x === 'https://www.good.test/')).toHaveLength(1)
  }, 20_000)

  it('a single-check re-run walks only what that check needs', async () => {
    const seen: string[] = []
    const ctx = u.context(goodTarget, { only: ['http.health'] })
    const http = ctx.http
    const sink = collectSink()
    await createHttpSuite({ timeoutMs: 2000 }).run({ ...ctx, http: { request: (r) => (seen.push(r.url), http.request(r)) } }, sink)
    expect(sink.findings.map((f) => f.status)).toEqual(['pass'])
    expect(seen.every((x) => x.startsWith('https://www.good.test/'))).toBe(true)
    expect(ctx.shared.has('web.surface')).toBe(false)
  }, 20_000)
})
