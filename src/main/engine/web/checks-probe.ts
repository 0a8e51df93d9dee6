/** Edge checks that send their own requests: edge.cors (foreign Origin), edge.admin-exposed, edge.rate-limit (opt-in bounded burst). */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { HttpResponse, SuiteContext } from '../types'
import { adminFix, corsFix, rateLimitFix } from './fixes-edge'
import { header } from './http-client'
import { couldNotRun } from './checks-http'
import { canonicalWalk, type Surface } from './surface'
import { errMsg, inDomain, mapLimit, opTimeout } from './util'
import { getFollowing, type FollowHop } from './follow'

export const FOREIGN_ORIGIN = 'https://launch-ready-cors-probe.example'
export const RATE_BURST = 25
const RATE_WINDOW_MS = 10_000

const originOf = (s: Surface) => {
  const f = canonicalWalk(s)?.finalUrl
  try {
    return f ? new URL(f).origin : `https://${s.canonicalHost}`
  } catch {
    return `https://${s.canonicalHost}`
  }
}

/** When the main page could not be loaded at all (timeout), probing it again only waits for more timeouts. */
function unreachable(id: string, s: Surface): Finding | undefined {
  const w = canonicalWalk(s)
  return w && couldNotRun(w) ? errorFinding(id, `https://${s.canonicalHost}`, `We could not reach ${s.canonicalUrl}: ${w.error}.`) : undefined
}

async function get(ctx: SuiteContext, url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<HttpResponse> {
  return ctx.http.request({ url, headers, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: 64 * 1024 })
}

/** The address the CORS probe asks (the api host when it exists, else the site's origin). */
export function corsUrl(s: Surface): string {
  const api = s.hosts.find((h) => h.host === `api.${s.apex}` && h.exists)
  return api ? `https://${api.host}/` : `${originOf(s)}/`
}

const controls = new WeakMap<object, string>()

/** The admin addresses to try, and a made-up path (one per run) that shows how the site answers a page that does not exist. */
export function adminUrls(ctx: Pick<SuiteContext, 'target' | 'shared'>, s: Surface): { urls: string[]; control: string } {
  const origin = originOf(s)
  const paths = ctx.target.adminPaths?.length ? ctx.target.adminPaths : ['/admin']
  const urls = paths.map((p) => new URL(p, origin).href)
  const adminHost = s.hosts.find((h) => h.host === `admin.${s.apex}` && h.exists)
  if (adminHost) urls.push(`https://${adminHost.host}/`)
  let tag = controls.get(ctx.shared)
  if (!tag) controls.set(ctx.shared, (tag = Math.random().toString(36).slice(2, 10)))
  return { urls, control: new URL(`/launch-ready-no-such-page-${tag}`, origin).href }
}

export async function corsFinding(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<Finding> {
  const id = 'edge.cors'
  const down = unreachable(id, s)
  if (down) return down
  const url = corsUrl(s)
  let r: HttpResponse
  try {
    const f = await getFollowing(ctx, url, timeoutMs, { headers: { origin: FOREIGN_ORIGIN } })
    if (f.problem) return errorFinding(id, url, `We could not test CORS on ${url}: ${f.problem}.`, 0, { url, hops: f.hops })
    r = f.response
  } catch (e) {
    return errorFinding(id, url, `We could not reach ${url} to test CORS: ${errMsg(e)}.`)
  }
  const acao = header(r, 'access-control-allow-origin') ?? null
  const acac = /^\s*true\s*$/i.test(header(r, 'access-control-allow-credentials') ?? '')
  const evidence = { url, sentOrigin: FOREIGN_ORIGIN, status: r.status, allowOrigin: acao, allowCredentials: acac }
  const reflects = acao === FOREIGN_ORIGIN || acao === 'null'
  if (reflects && acac)
    return makeFinding(id, url, 'fail', {
      title: 'Any website can read your API as a logged-in user',
      summary: `${url} allows requests with cookies from any site (it echoed our made-up origin ${FOREIGN_ORIGIN}), so a malicious page can read your customers’ data while they are logged in.`,
      impact: 'A visitor who opens a malicious page while logged in can have their account data read and actions taken in their name.',
      evidence,
      fix: corsFix(ctx.target, url),
    })
  if (reflects)
    return makeFinding(id, url, 'warn', {
      title: 'Your API accepts any origin',
      summary: `${url} echoes any origin back (without cookies), which is fine only for fully public data.`,
      evidence,
      fix: corsFix(ctx.target, url),
    })
  return makeFinding(id, url, 'pass', { title: 'CORS is locked down', summary: `${url} did not let our made-up origin read responses with a user’s cookies.`, evidence })
}

interface AdminTry {
  url: string
  status: number | null
  /** Where the page was served after the site's own same-page redirects. */
  servedAt?: string
  bytes?: number
  location?: string | null
  redirectTo?: string
  problem?: string
  hops?: FollowHop[]
}

export async function adminFinding(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<Finding> {
  const id = 'edge.admin-exposed'
  const down = unreachable(id, s)
  if (down) return down
  const origin = originOf(s)
  const { urls, control } = adminUrls(ctx, s)
  const results = await mapLimit([...urls, control], 4, async (url): Promise<AdminTry> => {
    try {
      const f = await getFollowing(ctx, url, timeoutMs)
      return {
        url,
        status: f.response.status,
        ...(f.url !== url ? { servedAt: f.url } : {}),
        bytes: f.response.body.length,
        location: header(f.response, 'location') ?? null,
        ...(f.redirectTo ? { redirectTo: f.redirectTo } : {}),
        ...(f.problem ? { problem: f.problem } : {}),
        ...(f.hops.length > 1 ? { hops: f.hops } : {}),
      }
    } catch (e) {
      return { url, status: null, problem: errMsg(e) }
    }
  })
  const ctl = results.pop()!
  if (results.every((r) => r.status === null)) return errorFinding(id, origin, `We could not reach the admin addresses: ${results[0]?.problem ?? 'no answer'}.`, 0, { tried: results })
  // Judged on what the site serves at the admin path itself, after its own host/scheme redirects.
  const open = results.filter((r) => r.status === 200 && !r.problem)
  const unknown = results.filter((r) => r.problem !== undefined)
  // A site that answers 200 to every address (a single-page app) cannot be judged by status alone.
  const catchAll = ctl.status === 200 && !ctl.problem && open.every((r) => r.bytes !== undefined && ctl.bytes !== undefined && Math.abs(r.bytes - ctl.bytes) <= Math.max(64, ctl.bytes * 0.1))
  const evidence = { tried: results, notFoundControl: ctl }
  if (open.length === 0 && unknown.length > 0)
    return makeFinding(id, origin, 'warn', {
      title: 'We could not tell whether the admin page is protected',
      summary: `${unknown[0]!.url}: ${unknown[0]!.problem}, so we never saw the page itself. Open it in a private window and check it asks you to log in.`,
      evidence,
      fix: adminFix(ctx.target, unknown.map((r) => r.url)),
    })
  if (open.length === 0) {
    const away = results.filter((r) => r.redirectTo)
    const said = away.length ? ` (${away.map((r) => `${new URL(r.url).pathname} sends visitors to ${r.redirectTo}`).join('; ')})` : ''
    return makeFinding(id, origin, 'pass', { title: 'Admin pages are not public', summary: `${urls.join(', ')} ${urls.length === 1 ? 'asks' : 'ask'} for a login or ${urls.length === 1 ? 'does' : 'do'} not exist${said}.`, evidence })
  }
  if (catchAll)
    return makeFinding(id, origin, 'warn', {
      title: 'We could not tell whether the admin page is protected',
      summary: `Your site answers 200 to every address (even ${new URL(control).pathname}), so open ${open[0]!.url} in a private window and check it asks you to log in.`,
      evidence,
      fix: adminFix(ctx.target, open.map((r) => r.url)),
    })
  return makeFinding(id, origin, 'fail', {
    title: 'An admin page opens without a login',
    summary: `${open.map((r) => r.servedAt ?? r.url).join(', ')} ${open.length === 1 ? 'opens' : 'open'} for anyone, without asking who they are.`,
    impact: 'Anyone who guesses the address can see or change customer data.',
    evidence,
    fix: adminFix(ctx.target, open.map((r) => r.url)),
  })
}

const AUTH_WORDS = /log-?in|sign-?in|sign-?up|register|reset|forgot|password|auth/i

/** The login/signup/reset URLs to burst: the project's flows on its own domain, else /login when it exists. */
export function rateTargets(ctx: SuiteContext, s: Surface): { url: string; method: string; body?: string }[] {
  const flows = ctx.target.criticalFlows.filter((f) => f.area === 'login' || f.area === 'signup' || AUTH_WORDS.test(`${f.label} ${f.url}`))
  const out: { url: string; method: string; body?: string }[] = []
  for (const f of flows) {
    try {
      const u = new URL(f.url, originOf(s))
      if (!inDomain(u.hostname, s.apex)) continue
      const write = f.method !== 'GET' && f.safeToWrite && f.body !== undefined
      out.push({ url: u.href, method: write ? f.method : 'GET', ...(write ? { body: f.body } : {}) })
    } catch {
      /* an invalid flow URL is reported by the flow checks */
    }
  }
  return out.slice(0, 3)
}

export async function rateLimitFinding(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<Finding> {
  const id = 'edge.rate-limit'
  const origin = originOf(s)
  if (!ctx.activeProbes)
    return makeFinding(id, origin, 'skipped', { title: 'Rate-limit test not run', summary: 'This test sends a burst of requests to your login, signup and reset pages, so it only runs when you switch on active tests.', evidence: {} })
  const down = unreachable(id, s)
  if (down) return down
  let targets = rateTargets(ctx, s)
  if (targets.length === 0) {
    try {
      const r = await get(ctx, `${origin}/login`, timeoutMs)
      if (r.status !== 404) targets = [{ url: `${origin}/login`, method: 'GET' }]
    } catch (e) {
      return errorFinding(id, origin, `We could not reach ${origin}/login to look for a login page: ${errMsg(e)}.`)
    }
  }
  if (targets.length === 0) return makeFinding(id, origin, 'skipped', { title: 'No login page to test', summary: 'Add your login, signup or password-reset page to the project’s critical flows so we can test its rate limit.', evidence: {} })
  const results = []
  for (const t of targets) {
    const until = ctx.clock.monotonic() + RATE_WINDOW_MS
    const statuses: (number | null)[] = []
    let limited = false
    for (let i = 0; i < RATE_BURST && !limited && !ctx.signal.aborted && ctx.clock.monotonic() < until; i += 5) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(5, RATE_BURST - i) }, () =>
          ctx.http
            .request({ url: t.url, method: t.method, ...(t.body !== undefined ? { body: t.body, headers: { 'content-type': /^\s*[[{]/.test(t.body) ? 'application/json' : 'application/x-www-form-urlencoded' } } : {}), timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: 8 * 1024 })
            .then(
              (r) => (r.status === 503 && header(r, 'retry-after') ? 429 : r.status),
              () => null,
            ),
        ),
      )
      statuses.push(...batch)
      limited = batch.includes(429)
    }
    results.push({ url: t.url, method: t.method, sent: statuses.length, limited, firstLimitedAt: limited ? statuses.indexOf(429) + 1 : null, errors: statuses.filter((x) => x === null).length })
  }
  if (results.every((r) => r.errors === r.sent)) return errorFinding(id, origin, `Our test requests to ${results[0]!.url} all failed, so the rate limit could not be tested.`, 0, { results })
  const unlimited = results.filter((r) => !r.limited)
  if (unlimited.length === 0) return makeFinding(id, origin, 'pass', { title: 'Login and signup are rate limited', summary: `After ${results[0]!.firstLimitedAt} quick requests, your server started answering “too many requests”.`, evidence: { results } })
  return makeFinding(id, origin, 'fail', {
    title: 'No rate limit on login or signup',
    summary: `${unlimited[0]!.sent} quick requests to ${unlimited[0]!.url} were all accepted, so a bot can guess passwords or flood signups without being slowed down.`,
    impact: 'Password guessing and fake-signup floods go unchecked; both can lock customers out or run up email costs.',
    evidence: { results },
    fix: rateLimitFix(ctx.target, unlimited.map((r) => r.url)),
  })
}
