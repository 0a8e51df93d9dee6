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
      res = await ctx.http.request({ url, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: 512 * 1024, acceptEncoding: true })
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

export function canonicalHostOf(ctx: Pick<SuiteContext, 'target'>): string {
  const apex = ctx.target.domain.toLowerCase()
  return ctx.target.canonicalHost === 'www' ? `www.${apex}` : apex
}

async function buildSurface(ctx: SuiteContext, opts: SurfaceOptions): Promise<Surface> {
  const t0 = ctx.clock.monotonic()
  // Many lookups and requests wait on the run's signal at once; 10 listeners is Node's leak-warning default, not a limit.
  setMaxListeners(1000, ctx.signal)
  const limit = opts.concurrency ?? 16
  const hosts = await Promise.all(hostsOf(ctx).map((h) => probeHost(ctx, h, opts.timeoutMs)))
  const canonicalHost = canonicalHostOf(ctx)
  const entries: string[] = []
  for (const h of hosts) if (h.exists) for (const s of ['https', 'http']) entries.push(`${s}://${h.host}/`)
  const pathWalks = new Map<string, Walk>()
  const walks = await mapLimit(entries, limit, async (entry) => {
    const w = await walk(ctx, entry, opts.timeoutMs)
    if (w.hops[0] && isRedirect(w.hops[0].status) && !ctx.signal.aborted) {
      pathWalks.set(entry, await walk(ctx, new URL(PATH_PROBE, entry).href, opts.timeoutMs))
    }
    return w
  })
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

/** Every response fetched during the walk. */
export function allResponses(s: Surface): HttpResponse[] {
  return [...s.walks, ...s.pathWalks.values()].flatMap((w) => w.hops.map((h) => h.response))
}
