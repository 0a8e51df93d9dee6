/** The live-site scan against a loopback site: bundles, lazy and mapped chunks, source maps and their sources, bounds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResolver } from '../../../src/main/engine/dns/client'
import { createHttpClient, type AuditHttpClient } from '../../../src/main/engine/web/http-client'
import { startDnsServer, type DnsServer } from '../../../src/main/demo/dns-server'
import { webZone } from '../../../src/main/demo/site'
import { chunkUrls, scanSite, SITE_LIMITS, type SiteScan } from '../../../src/main/engine/secrets/site'
import { siteFindings } from '../../../src/main/engine/secrets/site-findings'
import type { SuiteContext } from '../../../src/main/engine/types'
import { auditTarget } from '../../fixtures/target'
import { startLeakySite, type LeakySite } from '../../fixtures/secrets/site'

let site: LeakySite
let dns: DnsServer
let http: AuditHttpClient
let scan: SiteScan

function context(domain: string, deadlineMs = 20_000): SuiteContext {
  return {
    resolver: createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 }),
    http,
    clock: { now: () => Date.now(), monotonic: () => performance.now() },
    target: auditTarget({ domain, vertical: 'b2b', canonicalHost: 'apex' }),
    signal: new AbortController().signal,
    deadline: Date.now() + deadlineMs,
    activeProbes: false,
    shared: new Map(),
  }
}

beforeAll(async () => {
  site = await startLeakySite()
  dns = await startDnsServer(webZone(site.hosts))
  const resolver = createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 })
  http = createHttpClient({ resolver, portMap: { 80: site.port }, timeoutMs: 3000 })
  scan = await scanSite(context('leaky.test'), ['http://leaky.test/'], 3000)
}, 30_000)

afterAll(async () => {
  http.close()
  await Promise.all([site.close(), dns.close()])
})

const found = (v: { value: string }) => scan.occurrences.find((o) => v.value.endsWith(o.masked.split('…')[1] ?? '\u0000') && v.value.startsWith(o.masked.split('…')[0]!))

describe('the live site', () => {
  it('reads inline scripts, the entry, its static and lazy imports, Vite’s list, webpack’s chunk map and the project’s CDN', () => {
    expect(found(site.values.inline)).toMatchObject({ url: 'http://leaky.test/', kind: 'secret', provider: 'Stripe' })
    expect(found(site.values.entry)).toMatchObject({ url: 'http://leaky.test/assets/index-abc123.js' })
    expect(found(site.values.lazy)).toMatchObject({ url: 'http://leaky.test/assets/lazy-9f8e7d.js' })
    expect(found(site.values.vite)).toMatchObject({ url: 'http://leaky.test/assets/Settings-77aa.js' })
    expect(found(site.values.webpack)).toMatchObject({ url: 'http://leaky.test/static/js/12.a1b2c3d4.chunk.js' })
    expect(found(site.values.cdn)).toMatchObject({ url: 'http://cdn.leaky.test/widget.js' })
    expect(found(site.values.publishable)).toMatchObject({ kind: 'public' })
    // Never a third party's script.
    expect(scan.scripts.some((s) => s.url.includes('thirdparty.example'))).toBe(false)
  })

  it('finds the source maps (comment, header, beside the script) and scans their original sources', () => {
    expect(scan.maps.map((m) => [m.url, m.how]).sort()).toEqual([
      ['http://leaky.test/assets/index-abc123.js.map', 'comment'],
      ['http://leaky.test/maps/lazy.map', 'header'],
      ['http://leaky.test/static/js/runtime.js.map', 'beside'],
    ])
    // The key commented out of the source is only in the map's sourcesContent.
    expect(found(site.values.mapComment)).toMatchObject({ url: 'http://leaky.test/assets/index-abc123.js.map', via: '../src/main.ts' })
    // A declared map that is not one is reported, not scanned; the app's HTML fallback is never taken for a script.
    expect(scan.notMaps).toEqual([{ url: 'http://leaky.test/assets/vendor-def456.js.map', reason: expect.stringMatching(/not JSON/) }])
  })

  it('makes findings in the catalog’s shape, the values masked', () => {
    const fs = siteFindings(scan, 'leaky.test', { want: () => true })
    const maps = fs.find((f) => f.checkId === 'secrets.sourcemaps')!
    expect(maps).toMatchObject({ status: 'fail', severity: 'medium' })
    expect(fs.filter((f) => f.checkId === 'secrets.bundle' && f.status === 'fail').length).toBe(7)
    const json = JSON.stringify(fs)
    for (const v of Object.values(site.values)) expect(json.includes(v.value), v.name).toBe(false)
  })

  it('stops at its bounds on a page with 5,000 scripts, and says so', async () => {
    const s = await scanSite(context('many.test'), ['http://many.test/'], 3000)
    expect(s.scripts.length).toBe(SITE_LIMITS.scripts)
    expect(s.limits.join(' ')).toMatch(/stopped at 200 scripts/)
    const pass = siteFindings(s, 'many.test', { want: () => true }).find((f) => f.checkId === 'secrets.bundle')!
    expect(pass.summary).toMatch(/Not everything was read: stopped at 200 scripts/)
  })

  it('a site that cannot be read is an error, never a pass', async () => {
    const s = await scanSite(context('nosuch.test', 5000), ['http://nosuch.test/'], 1000)
    expect(siteFindings(s, 'nosuch.test', { want: () => true }).map((f) => f.status)).toEqual(['error', 'error'])
  })
})

describe('chunk discovery', () => {
  it('resolves webpack 4 style maps with names against the public path', () => {
    const body = '__webpack_require__.p="/app/";a.u=function(e){return"static/js/"+({7:"vendors"}[e]||e)+"."+{7:"0a1b2c3d",9:"4e5f6a7b"}[e]+".chunk.js"}'
    expect(chunkUrls(body, 'https://acme.test/app/static/js/main.js')).toEqual(expect.arrayContaining(['https://acme.test/app/static/js/vendors.0a1b2c3d.chunk.js', 'https://acme.test/app/static/js/9.4e5f6a7b.chunk.js']))
  })
})

describe('error trackers in the same scripts', () => {
  it('finds Sentry with its release, Bugsnag without one, and nothing on a page that loads none', async () => {
    const { detectTrackers, errorTrackingFinding } = await import('../../../src/main/engine/monitor/trackers')
    const seen = detectTrackers([
      { url: 'https://acme.test/app.js', text: 'Sentry.init({dsn:"https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42",release:"web@1.4.2"})' },
      { url: 'https://acme.test/b.js', text: 'Bugsnag.start({apiKey:"abc"})' },
    ])
    expect(seen).toEqual([
      { name: 'Sentry', where: 'https://acme.test/app.js', release: true },
      { name: 'Bugsnag', where: 'https://acme.test/b.js', release: false },
    ])
    expect(errorTrackingFinding('acme.test', seen)).toMatchObject({ status: 'warn', severity: 'low' })
    expect(errorTrackingFinding('acme.test', [])).toMatchObject({ status: 'fail', severity: 'medium' })
    expect(errorTrackingFinding('acme.test', [], { tool: 'Sentry (server only)', link: 'https://sentry.io/acme' })).toMatchObject({ status: 'pass' })
  })
})
