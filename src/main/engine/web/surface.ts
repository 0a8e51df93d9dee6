/**
 * The site surface: which hosts exist (apex, www, configured and common
 * subdomains) and, for http:// and https:// of each, the redirect chain walked
 * by hand, hop by hop (status, Location, timing, loop detection, a cap of 10).
 * Computed once per run and shared through `ctx.shared` (SURFACE_KEY).
 */
import { setMaxListeners } from 'node:events'
import type { HttpResponse, SuiteContext } from '../types'
import { addressesOf, lookup } from '../dnscheck/query'
import { errMsg, inDomain, mapLimit, opTimeout, shared } from './util'
import { resolveCanonical } from './canonical'

export const SURFACE_KEY = 'web.surface'
export const COMMON_SUBDOMAINS = ['app', 'api', 'admin', 'dashboard', 'help', 'status', 'docs'] as const
export const MAX_HOPS = 10
/** Path and query used to see whether redirects keep them. */
export const PATH_PROBE = '/launch-ready-path-check?lr=1'

export interface HostProbe {
  host: string
  kind: 'apex' | 'www' | 'configured' | 'common'
  /** Configured subdomain's expected status, when given. */
  expectedStatus?: number
  exists: boolean
  rcode: string
  addresses: string[]
  /** Plain-language reason when the lookup itself failed. */
  error?: string
}

export interface Hop {
  url: string
  status: number
  location?: string
  ms: number
  response: HttpResponse
}

export interface Walk {
  entryUrl: string
  host: string
  scheme: 'http' | 'https'
  hops: Hop[]
  /** The last URL reached (fetched, or an off-site Location that was not followed). */
  finalUrl: string | null
  /** The response of the last hop that was fetched and is not a redirect. */
  final?: HttpResponse
  loop: boolean
  tooMany: boolean
  /** The chain leaves the project's domain; the off-site URL is not fetched. */
  offsite: boolean
  error?: string
}

export interface Surface {
  apex: string
  canonicalHost: string
  canonicalUrl: string
  hosts: HostProbe[]
  walks: Walk[]
  /** Walks of PATH_PROBE from entries whose root redirects, keyed by the root entry URL. */
  pathWalks: Map<string, Walk>
  durationMs: number
}

export interface SurfaceOptions {
  timeoutMs: number
  /** Requests in flight at once. */
  concurrency?: number
}

export const isRedirect = (status: number): boolean => [301, 302, 303, 307, 308].includes(status)

export function hostsOf(ctx: Pick<SuiteContext, 'target'>): Omit<HostProbe, 'exists' | 'rcode' | 'addresses'>[] {
  const apex = ctx.target.domain.toLowerCase()
  const out = new Map<string, Omit<HostProbe, 'exists' | 'rcode' | 'addresses'>>()
  out.set(apex, { host: apex, kind: 'apex' })
  out.set(`www.${apex}`, { host: `www.${apex}`, kind: 'www' })
  for (const s of ctx.target.subdomains) {
    const host = `${s.label.toLowerCase()}.${apex}`
    if (!out.has(host)) out.set(host, { host, kind: 'configured', ...(s.expectedStatus ? { expectedStatus: s.expectedStatus } : {}) })
  }
  if (ctx.target.discoverCommonSubdomains)
    for (const l of COMMON_SUBDOMAINS) {
      const host = `${l}.${apex}`
      if (!out.has(host)) out.set(host, { host, kind: 'common' })
    }
  return [...out.values()]
}

async function probeHost(ctx: SuiteContext, h: Omit<HostProbe, 'exists' | 'rcode' | 'addresses'>, timeoutMs: number): Promise<HostProbe> {
  // Shared with the dns.* checks (one query per name and type per run).
  const [a, aaaa] = await Promise.all((['A', 'AAAA'] as const).map((t) => lookup(ctx, h.host, t, timeoutMs)))
  if (!a!.ok) return { ...h, exists: false, rcode: a!.timeout ? 'TIMEOUT' : 'ERROR', addresses: [], error: a!.problem }
  const addrs = [...addressesOf(a!.res), ...(aaaa!.ok ? addressesOf(aaaa!.res) : [])]
  return { ...h, exists: addrs.length > 0, rcode: a!.res.rcode, addresses: addrs }
}

/**
 * One plain GET per URL per run: walks that meet on the same address (apex and
 * www both ending on https://www…/) share the request instead of repeating it.
 */
export function fetchOnce(ctx: SuiteContext, url: string, timeoutMs: number): Promise<HttpResponse> {
  return shared(ctx, `get:${url}`, () => ctx.http.request({ url, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: 512 * 1024, acceptEncoding: true }))
}

/** The run's walk from one entry URL (shared: the page checks start on the canonical one before the whole surface is in). */
export const walkOnce = (ctx: SuiteContext, entryUrl: string, timeoutMs: number): Promise<Walk> => shared(ctx, `walk:${entryUrl}`, () => walk(ctx, entryUrl, timeoutMs))

/** Which candidate hosts exist (shared; known after one DNS round trip). */
export function getHosts(ctx: SuiteContext, timeoutMs: number): Promise<HostProbe[]> {
  return shared(ctx, 'web.hosts', () => Promise.all(hostsOf(ctx).map((h) => probeHost(ctx, h, timeoutMs))))
}

/**
 * The surface as far as the canonical page goes: every host's existence and the
 * walk to https://canonical/, without waiting for the other entries. Enough for
 * the checks that read the main page (headers, assets, health, CORS, admin).
 */
export async function getPageSurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  const t0 = ctx.clock.monotonic()
  const canonicalHost = (await resolveCanonical(ctx, opts.timeoutMs)).host
  const canonicalUrl = `https://${canonicalHost}/`
  const [hosts, w] = await Promise.all([getHosts(ctx, opts.timeoutMs), walkOnce(ctx, canonicalUrl, opts.timeoutMs)])
  const walks = hosts.some((h) => h.exists && h.host === canonicalHost) ? [w] : []
  return { apex: ctx.target.domain.toLowerCase(), canonicalHost, canonicalUrl, hosts, walks, pathWalks: new Map(), durationMs: ctx.clock.monotonic() - t0 }
}

/**
 * Which hosts exist, with the canonical host as far as DNS alone tells: the
 * configured one, else www when it exists, else the apex. Origin probes start
 * from it while the walks decide the real one (they follow the site's own
 * same-page redirects, so a wrong guess costs a hop, never a verdict).
 */
export async function getLikelySurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  const apex = ctx.target.domain.toLowerCase()
  const hosts = await getHosts(ctx, opts.timeoutMs)
  const canonicalHost = ctx.target.canonicalHost !== 'auto' ? canonicalHostOf(ctx) : hosts.some((h) => h.host === `www.${apex}` && h.exists) ? `www.${apex}` : apex
  return { apex, canonicalHost, canonicalUrl: `https://${canonicalHost}/`, hosts, walks: [], pathWalks: new Map(), durationMs: 0 }
}

/** Only which hosts exist (no walk): for probes that address the canonical origin directly. */
export async function getHostSurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  const [hosts, canonical] = await Promise.all([getHosts(ctx, opts.timeoutMs), resolveCanonical(ctx, opts.timeoutMs)])
  const canonicalHost = canonical.host
  return { apex: ctx.target.domain.toLowerCase(), canonicalHost, canonicalUrl: `https://${canonicalHost}/`, hosts, walks: [], pathWalks: new Map(), durationMs: 0 }
}

/** Walks redirects from `entryUrl` by hand. Never throws: failures land in `error`. */
export async function walk(ctx: SuiteContext, entryUrl: string, timeoutMs: number): Promise<Walk> {
  const u0 = new URL(entryUrl)
  const w: Walk = { entryUrl, host: u0.hostname, scheme: u0.protocol === 'https:' ? 'https' : 'http', hops: [], finalUrl: null, loop: false, tooMany: false, offsite: false }
  const seen = new Set<string>()
  let url = entryUrl
  for (;;) {
    if (seen.has(url)) {
      w.loop = true
      w.finalUrl = url
      w.error = `the redirects go round in a circle back to ${url}`
      return w
    }
    if (w.hops.length >= MAX_HOPS) {
      w.tooMany = true
      w.finalUrl = url
      w.error = `more than ${MAX_HOPS} redirects in a row; browsers give up`
      return w
    }
    seen.add(url)
    const t0 = ctx.clock.monotonic()
    let res: HttpResponse
    try {
      res = await fetchOnce(ctx, url, timeoutMs)
    } catch (e) {
      w.finalUrl = url
      w.error = `could not load ${url}: ${errMsg(e)}`
      return w
    }
    const loc = res.headers.location
    const location = typeof loc === 'string' ? loc : undefined
    w.hops.push({ url, status: res.status, ...(location !== undefined ? { location } : {}), ms: ctx.clock.monotonic() - t0, response: res })
    if (!isRedirect(res.status) || location === undefined) {
      w.finalUrl = url
      w.final = res
      return w
    }
    let next: URL
    try {
      next = new URL(location, url)
    } catch {
      w.finalUrl = url
      w.error = `the redirect points at an invalid address (${location})`
      return w
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      w.finalUrl = next.href
      w.error = `the redirect points at a ${next.protocol} address`
      return w
    }
    next.hash = ''
    if (!inDomain(next.hostname, ctx.target.domain)) {
      w.offsite = true
      w.finalUrl = next.href
      return w
    }
    url = next.href
  }
}

/** The configured (or, on the web suites' context, the found) canonical host; the apex until `auto` is resolved. */
export function canonicalHostOf(ctx: Pick<SuiteContext, 'target'>): string {
  const apex = ctx.target.domain.toLowerCase()
  return ctx.target.canonicalHost === 'www' ? `www.${apex}` : apex
}

async function buildSurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  const t0 = ctx.clock.monotonic()
  // Many lookups and requests wait on the run's signal at once; 10 listeners is Node's leak-warning default, not a limit.
  setMaxListeners(1000, ctx.signal)
  const limit = opts.concurrency ?? 16
  const candidates = hostsOf(ctx)
  // Found beside the walks (it reads the same shared walks), never before them.
  const canonicalP = resolveCanonical(ctx, opts.timeoutMs)
  const entries = candidates.flatMap((h) => ['https', 'http'].map((s) => `${s}://${h.host}/`))
  const pathWalks = new Map<string, Walk>()
  const probeOf = (entry: string) => walk(ctx, new URL(PATH_PROBE, entry).href, opts.timeoutMs)
  const redirects = (w: Walk) => !!w.hops[0] && isRedirect(w.hops[0].status) && !ctx.signal.aborted
  let hosts: HostProbe[]
  let pairs: { entry: string; root: Walk; probe?: Walk }[]
  if (limit <= 1) {
    // One probe at a time (the benchmark's sequential baseline): look up first, walk only what exists.
    hosts = []
    for (const h of candidates) hosts.push(await probeHost(ctx, h, opts.timeoutMs))
    const live = entries.filter((e) => hosts.some((h) => h.exists && e.includes(`//${h.host}/`)))
    pairs = await mapLimit(live, 1, async (entry) => {
      const root = await walk(ctx, entry, opts.timeoutMs)
      return { entry, root, ...(redirects(root) ? { probe: await probeOf(entry) } : {}) }
    })
  } else {
    // The lookups, the walks and the path probes all start at once: a walk of a name that turns out
    // not to exist fails at its own lookup and is dropped, and no step waits for one it does not need.
    ;[hosts, pairs] = await Promise.all([
      getHosts(ctx, opts.timeoutMs),
      mapLimit(entries, limit, async (entry) => {
        const [root, probe] = await Promise.all([walkOnce(ctx, entry, opts.timeoutMs), probeOf(entry)])
        return { entry, root, probe }
      }),
    ])
  }
  const exists = new Set(hosts.filter((h) => h.exists).map((h) => h.host))
  const kept = pairs.filter((p) => exists.has(p.root.host))
  for (const p of kept) if (p.probe && redirects(p.root)) pathWalks.set(p.entry, p.probe)
  const walks = kept.map((p) => p.root)
  const canonicalHost = (await canonicalP).host
  return { apex: ctx.target.domain.toLowerCase(), canonicalHost, canonicalUrl: `https://${canonicalHost}/`, hosts, walks, pathWalks, durationMs: ctx.clock.monotonic() - t0 }
}

/** The run's surface (computed by the first caller). */
export function getSurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  return shared(ctx, SURFACE_KEY, () => buildSurface(ctx, opts))
}

/** Whether a walk from PATH_PROBE ended on the same path and query. */
export function pathKept(w: Walk | undefined): boolean | null {
  if (!w || w.hops.length === 0 || !isRedirect(w.hops[0]!.status)) return null
  if (!w.finalUrl) return null
  try {
    const f = new URL(w.finalUrl)
    const p = new URL(PATH_PROBE, 'http://x')
    return f.pathname === p.pathname && f.search === p.search
  } catch {
    return false
  }
}

export const walkOf = (s: Surface, entryUrl: string): Walk | undefined => s.walks.find((w) => w.entryUrl === entryUrl)

/** The canonical page's walk (https://canonical/). */
export const canonicalWalk = (s: Surface): Walk | undefined => walkOf(s, s.canonicalUrl)

/** Every response fetched during the walk, once per address (walks that meet share one request). */
export function allResponses(s: Surface): HttpResponse[] {
  const seen = new Map<string, HttpResponse>()
  for (const w of [...s.walks, ...s.pathWalks.values()]) for (const h of w.hops) if (!seen.has(h.url)) seen.set(h.url, h.response)
  return [...seen.values()]
}
