/**
 * Origin probes (health, admin, CORS) ask one path and must judge what the
 * site serves there, not the redirect that moves the request to the site's
 * own address: `https://www.acme.com/admin` answering 301 to
 * `https://acme.com/admin` says nothing about the admin page. `getFollowing`
 * follows redirects that stay on the project's domain and keep the path (a
 * host or scheme change, a trailing slash), bounded; a redirect to another
 * path (a login page, the home page) or off the domain is returned as seen,
 * and one it could not follow says why — never a status it did not get.
 */
import type { HttpResponse, SuiteContext } from '../types'
import { isRedirect } from './surface'
import { errMsg, inDomain, opTimeout, shared } from './util'

export const MAX_FOLLOW = 5

export interface FollowHop {
  url: string
  status: number
  location?: string
}

export interface Followed {
  /** The address whose answer is judged (the last one fetched). */
  url: string
  response: HttpResponse
  hops: FollowHop[]
  /** A redirect to another path or off the domain, not followed: where it points. */
  redirectTo?: string
  /** A same-path redirect that could not be followed (loop, too many, the next hop failed). */
  problem?: string
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p)

/** Whether `next` is the same page as `from` at another address (host, scheme or a trailing slash). */
export function samePage(from: URL, next: URL, apex: string): boolean {
  return inDomain(next.hostname, apex) && trimSlash(next.pathname) === trimSlash(from.pathname) && next.search === from.search
}

export interface FollowOptions {
  /** Stop (and return the redirect as seen) when the next hop is one of these: a page the caller reads anyway. */
  stopAt?: string[]
  headers?: Record<string, string>
  maxBodyBytes?: number
  acceptEncoding?: boolean
}

/**
 * GETs `url`, following the site's own same-page redirects; one request chain
 * per URL and options per run (an early start on the likely origin is reused
 * by the check that needs it). Rejects only when the first request fails.
 */
export function getFollowing(ctx: SuiteContext, url: string, timeoutMs: number, o: FollowOptions = {}): Promise<Followed> {
  return shared(ctx, `follow:${url} ${JSON.stringify(o)}`, () => follow(ctx, url, timeoutMs, o))
}

async function follow(ctx: SuiteContext, url: string, timeoutMs: number, o: FollowOptions): Promise<Followed> {
  const ask = (u: string) => ctx.http.request({ url: u, headers: o.headers ?? {}, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: o.maxBodyBytes ?? 64 * 1024, ...(o.acceptEncoding ? { acceptEncoding: true } : {}) })
  const hops: FollowHop[] = []
  const seen = new Set<string>()
  let at = url
  let res = await ask(at)
  for (;;) {
    const loc = typeof res.headers.location === 'string' ? res.headers.location : undefined
    hops.push({ url: at, status: res.status, ...(loc !== undefined ? { location: loc } : {}) })
    if (!isRedirect(res.status) || loc === undefined) return { url: at, response: res, hops }
    let next: URL
    try {
      next = new URL(loc, at)
    } catch {
      return { url: at, response: res, hops, problem: `the redirect points at an invalid address (${loc})` }
    }
    next.hash = ''
    if ((next.protocol !== 'https:' && next.protocol !== 'http:') || !samePage(new URL(at), next, ctx.target.domain) || o.stopAt?.includes(next.href)) return { url: at, response: res, hops, redirectTo: next.href }
    seen.add(at)
    if (seen.has(next.href)) return { url: at, response: res, hops, problem: `the redirects go round in a circle back to ${next.href}` }
    if (hops.length >= MAX_FOLLOW) return { url: at, response: res, hops, problem: `more than ${MAX_FOLLOW} redirects in a row` }
    try {
      const r = await ask(next.href)
      at = next.href
      res = r
    } catch (e) {
      return { url: at, response: res, hops, problem: `the redirect to ${next.href} could not be followed: ${errMsg(e)}` }
    }
  }
}
