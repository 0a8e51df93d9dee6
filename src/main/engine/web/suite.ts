/**
 * The http, tls and edge suites (edge also reports monitor.request-id). They
 * share one surface walk and one TLS probe per host through `ctx.shared`, and
 * publish the site-surface rows and the certificates as run artifacts.
 */
import type { Finding } from '../../../shared/model'
import type { SurfaceRow } from '../../../shared/audit-data'
import { artifactSlot, publishArtifact } from '../run/artifacts'
import type { CheckSuite, ProgressSink, SuiteContext } from '../types'
import { canonicalFinding, chainFinding, httpsRedirectFindings, loopFinding, pathFinding, reachableFinding, subdomainFindings } from './checks-http'
import { healthFinding, healthUrls, mixedContentFinding, probeHealth, versionFinding } from './checks-page'
import { chainFinding as tlsChainFinding, expiryFinding, getTlsProbes, hostnameFinding, hstsFindings, protocolFinding, trustedFinding } from './checks-tls'
import { cdnFinding, compressionFinding, getAssets, privateCacheFinding, requestIdFinding, securityHeadersFinding, staticCacheFinding } from './checks-edge'
import { adminFinding, adminUrls, corsFinding, corsUrl, FOREIGN_ORIGIN, rateLimitFinding } from './checks-probe'
import { getFollowing } from './follow'
import { canonicalHostOf, getHostSurface, getHosts, getLikelySurface, getPageSurface, getSurface, hostsOf, pathKept, type Surface } from './surface'
import { certificateInfo, type TlsProbe } from './tls-probe'
import { checker, wants } from './util'
import { withCanonical } from './canonical'
import { header } from './http-client'

export interface WebSuiteOptions {
  /** Per-operation timeout, ms (default 8000). */
  timeoutMs?: number
  /** Network operations in flight at once (default 16); 1 runs strictly one probe at a time (benchmark baseline). */
  concurrency?: number
}

export const HTTP_IDS = ['http.reachable', 'http.https-redirect', 'http.canonical', 'http.redirect-loop', 'http.redirect-chain', 'http.redirect-preserves-path', 'http.mixed-content', 'http.subdomain', 'http.health', 'http.version'] as const
export const TLS_IDS = ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.chain-complete', 'tls.protocol', 'tls.hsts'] as const
/** http checks that need every entry walked (the others need only the main page or the hosts). */
const SURFACE_IDS = ['http.https-redirect', 'http.canonical', 'http.redirect-loop', 'http.redirect-chain', 'http.redirect-preserves-path', 'http.subdomain']
export const EDGE_IDS = ['edge.cdn', 'edge.static-cache', 'edge.private-cache', 'edge.compression', 'edge.security-headers', 'edge.cors', 'edge.rate-limit', 'edge.admin-exposed', 'monitor.request-id'] as const

/** Reports findings whose targets are only known once the surface is in (per host). */
function emitAll(ctx: SuiteContext, sink: ProgressSink, id: string, make: () => Finding[]): void {
  if (!wants(ctx, id)) return
  for (const f of make()) {
    sink.start(id, f.target)
    sink.finding(f)
  }
}

export function surfaceRows(s: Surface, tls?: Map<string, TlsProbe>): SurfaceRow[] {
  const rows: SurfaceRow[] = []
  for (const h of s.hosts) {
    for (const scheme of ['https', 'http'] as const) {
      const entryUrl = `${scheme}://${h.host}/`
      const w = s.walks.find((x) => x.entryUrl === entryUrl)
      const probe = tls?.get(h.host)
      const first = w?.hops.find((x) => x.url.startsWith('https://'))?.response
      rows.push({
        entryUrl,
        host: h.host,
        scheme,
        exists: h.exists,
        finalUrl: w?.finalUrl ?? null,
        finalStatus: w?.final?.status ?? null,
        hops: (w?.hops ?? []).map((x) => ({ url: x.url, status: x.status, ...(x.location ? { location: x.location } : {}), ms: Math.round(x.ms) })),
        pathKept: pathKept(s.pathWalks.get(entryUrl)),
        certCovers: scheme === 'https' && probe?.leaf ? probe.coversHost : null,
        hsts: first ? (header(first, 'strict-transport-security') ?? null) : null,
        ...(w?.error ? { error: w.error } : !h.exists ? { error: h.error ?? `${h.host} does not resolve (${h.rcode})` } : {}),
      })
    }
  }
  return rows
}

const hostEstimate = (ctx: SuiteContext) => hostsOf(ctx).length

/**
 * With no canonical host configured, the walks decide it (web/canonical.ts);
 * the origin probes (health, admin, CORS) do not wait for that: they start on
 * the likely origin at once, and the checks, run on the decided one, find
 * their requests already answered when the two agree (getFollowing is shared
 * per URL). The surface walk starts here too, before anything waits.
 */
function startEarly(ctx: SuiteContext, so: { timeoutMs: number; concurrency?: number }, what: { surface: boolean; health: boolean; probes: boolean }): void {
  if (so.concurrency === 1) return
  if (what.surface) void getSurface(ctx, so).catch(() => undefined)
  if (ctx.target.canonicalHost !== 'auto' || (!what.health && !what.probes)) return
  const early = getLikelySurface(ctx, so).then((s) => {
    // The same URLs and options as the checks ask (healthUrls, adminUrls, corsUrl), or the shared answers would not match.
    const asked = what.health ? healthUrls(ctx, s).urls.map((u) => getFollowing(ctx, u, so.timeoutMs, { acceptEncoding: true })) : []
    if (what.probes) {
      const a = adminUrls(ctx, s)
      asked.push(...[...a.urls, a.control].map((u) => getFollowing(ctx, u, so.timeoutMs)), getFollowing(ctx, corsUrl(s), so.timeoutMs, { headers: { origin: FOREIGN_ORIGIN } }))
    }
    return Promise.allSettled(asked)
  })
  // The assets wait for these as they would for the health probe: their connections are kept alive for reuse.
  if (!ctx.shared.has('web.health-early')) ctx.shared.set('web.health-early', early)
}

export function createHttpSuite(opts: WebSuiteOptions = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 8000
  return {
    id: 'http',
    checkIds: HTTP_IDS,
    plan: (ctx) => HTTP_IDS.filter((id) => wants(ctx, id)).length + (wants(ctx, 'http.https-redirect') ? 1 : 0) + (wants(ctx, 'http.subdomain') ? Math.max(0, ctx.target.subdomains.length - 1) : 0),
    async run(given, sink) {
      const so = { timeoutMs, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) }
      startEarly(given, so, { surface: SURFACE_IDS.some((id) => wants(given, id)), health: wants(given, 'http.health') || wants(given, 'http.version'), probes: false })
      // With no canonical host configured, the checks run once apex and www have shown where they converge.
      const ctx = await withCanonical(given, timeoutMs)
      const check = checker(ctx, sink)
      // Each view is computed on first use (a "Check again" of one check walks only what it needs);
      // the main page's checks start once that page is in, not when every entry has been walked.
      const full = () => getSurface(ctx, so)
      const page = () => (opts.concurrency === 1 ? full() : getPageSurface(ctx, so))
      const hostsOnly = () => (opts.concurrency === 1 ? full() : getHostSurface(ctx, so))
      // The TLS suite publishes the same rows with certificate coverage; never replace those with these.
      if (SURFACE_IDS.some((id) => wants(ctx, id)) && !ctx.shared.has(artifactSlot('surface'))) publishArtifact(ctx, 'surface', full().then((s) => surfaceRows(s)))
      const apex = ctx.target.domain.toLowerCase()
      const canonicalUrl = `https://${canonicalHostOf(ctx)}/`
      await Promise.all([
        check('http.reachable', canonicalUrl, async () => reachableFinding(ctx, await page())),
        check('http.canonical', apex, async () => canonicalFinding(ctx, await full())),
        check('http.redirect-loop', apex, async () => loopFinding(ctx, await full())),
        check('http.redirect-chain', apex, async () => chainFinding(ctx, await full())),
        check('http.redirect-preserves-path', apex, async () => pathFinding(ctx, await full())),
        check('http.mixed-content', canonicalUrl, async () => mixedContentFinding(await page())),
        (async () => {
          if (!wants(ctx, 'http.https-redirect') && !wants(ctx, 'http.subdomain')) return
          const s = await full()
          emitAll(ctx, sink, 'http.https-redirect', () => httpsRedirectFindings(ctx, s))
          emitAll(ctx, sink, 'http.subdomain', () => subdomainFindings(ctx, s))
        })(),
        (async () => {
          if (wants(ctx, 'http.health') || wants(ctx, 'http.version')) {
            const origin = `https://${canonicalHostOf(ctx)}`
            // The health paths live on the canonical origin: ask them beside the page, not after it.
            const hp = (async () => probeHealth(ctx, await hostsOnly(), timeoutMs))()
            await Promise.all([check('http.health', origin, async () => ({ ...healthFinding(ctx, await hp), target: origin })), check('http.version', canonicalUrl, async () => versionFinding(ctx, await page(), await hp))])
          }
        })(),
      ])
    },
  }
}

export function createTlsSuite(opts: WebSuiteOptions = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 8000
  return {
    id: 'tls',
    checkIds: TLS_IDS,
    plan: (ctx) => TLS_IDS.filter((id) => wants(ctx, id)).length * Math.min(hostEstimate(ctx), 4),
    async run(ctx, sink) {
      const so = { timeoutMs, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) }
      const full = () => getSurface(ctx, so)
      const probing = TLS_IDS.some((id) => id !== 'tls.hsts' && wants(ctx, id))
      // Certificates are probed as soon as the hosts are known, beside the redirect walk.
      const probesP = probing ? (opts.concurrency === 1 ? full().then((s) => s.hosts) : getHosts(ctx, timeoutMs)).then((hosts) => getTlsProbes(ctx, hosts, timeoutMs, opts.concurrency)) : Promise.resolve(new Map<string, TlsProbe>())
      if (probing) {
        publishArtifact(ctx, 'surface', Promise.all([full(), probesP]).then(([s, p]) => surfaceRows(s, p)))
        publishArtifact(ctx, 'certificates', probesP.then((p) => [...p.values()].map(certificateInfo).filter((c) => c !== null)))
      }
      const hsts = wants(ctx, 'tls.hsts') ? full().then((s) => emitAll(ctx, sink, 'tls.hsts', () => hstsFindings(ctx, s))) : Promise.resolve()
      const probes = [...(await probesP).values()]
      const per = (id: string, fn: (p: TlsProbe) => Finding) => emitAll(ctx, sink, id, () => probes.map(fn))
      per('tls.trusted', (p) => trustedFinding(ctx, p))
      per('tls.hostname', (p) => hostnameFinding(ctx, p))
      per('tls.expiry', (p) => expiryFinding(ctx, p))
      per('tls.chain-complete', (p) => tlsChainFinding(ctx, p))
      per('tls.protocol', (p) => protocolFinding(ctx, p))
      await hsts
    },
  }
}

export function createEdgeSuite(opts: WebSuiteOptions = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 8000
  return {
    id: 'edge',
    checkIds: EDGE_IDS,
    plan: (ctx) => EDGE_IDS.filter((id) => wants(ctx, id)).length,
    async run(given, sink) {
      const so = { timeoutMs, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) }
      startEarly(given, so, { surface: ['edge.private-cache', 'monitor.request-id'].some((id) => wants(given, id)), health: false, probes: wants(given, 'edge.cors') || wants(given, 'edge.admin-exposed') })
      const ctx = await withCanonical(given, timeoutMs)
      const check = checker(ctx, sink)
      const full = () => getSurface(ctx, so)
      const page = () => (opts.concurrency === 1 ? full() : getPageSurface(ctx, so))
      // CORS, admin and rate-limit probes address the canonical origin and known hosts: they need no page.
      const hostsOnly = () => (opts.concurrency === 1 ? full() : getHostSurface(ctx, so))
      const apex = ctx.target.domain.toLowerCase()
      const canonicalUrl = `https://${canonicalHostOf(ctx)}/`
      const origin = `https://${canonicalHostOf(ctx)}`
      const assets = async () => getAssets(ctx, await page(), timeoutMs)
      await Promise.all([
        check('edge.cdn', canonicalUrl, async () => cdnFinding(ctx, await page(), timeoutMs)),
        check('edge.static-cache', canonicalUrl, async () => staticCacheFinding(ctx, await page(), await assets())),
        check('edge.private-cache', apex, async () => privateCacheFinding(ctx, await full())),
        check('edge.compression', canonicalUrl, async () => compressionFinding(ctx, await page(), await assets())),
        check('edge.security-headers', canonicalUrl, async () => securityHeadersFinding(ctx, await page())),
        check('edge.cors', origin, async () => corsFinding(ctx, await hostsOnly(), timeoutMs)),
        check('edge.admin-exposed', origin, async () => adminFinding(ctx, await hostsOnly(), timeoutMs)),
        check('edge.rate-limit', origin, async () => rateLimitFinding(ctx, await hostsOnly(), timeoutMs)),
        check('monitor.request-id', canonicalUrl, async () => requestIdFinding(ctx, await full())),
      ])
    },
  }
}
