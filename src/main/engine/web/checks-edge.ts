/** Passive edge checks from what the walk and the homepage's assets returned: CDN, caching, compression, security headers, request IDs. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { HttpResponse, SuiteContext } from '../types'
import { isNosniff, parseCsp, parseFrameOptions, referrerPolicyOf } from './headers'
import { cdnFix, compressionFix, privateCacheFix, requestIdFix, securityHeaderLine, securityHeadersFix, staticCacheFix } from './fixes-edge'
import { header, setCookies } from './http-client'
import { isFingerprinted, pageResources } from './html'
import { allResponses, canonicalWalk, type Surface } from './surface'
import { errMsg, inDomain, mapLimit, opTimeout, shared } from './util'

export function cacheControl(v: string | undefined): Map<string, string | true> {
  const m = new Map<string, string | true>()
  for (const part of (v ?? '').split(',')) {
    const [k, val] = part.trim().split('=')
    if (k) m.set(k.toLowerCase(), val === undefined ? true : val.replace(/"/g, ''))
  }
  return m
}
const num = (v: string | true | undefined) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null)

/** Seconds a shared cache may keep it (0 when it must not). */
export function sharedCacheSeconds(r: Pick<HttpResponse, 'headers'>): number {
  const cc = cacheControl(header(r, 'cache-control'))
  if (cc.has('no-store') || cc.has('private') || cc.has('no-cache')) return 0
  return num(cc.get('s-maxage')) ?? num(cc.get('max-age')) ?? (cc.has('public') ? 1 : 0)
}
/** Seconds any cache (the browser too) may keep it. */
function anyCacheSeconds(r: Pick<HttpResponse, 'headers'>): number {
  const cc = cacheControl(header(r, 'cache-control'))
  if (cc.has('no-store') || cc.has('no-cache')) return 0
  return Math.max(num(cc.get('max-age')) ?? 0, num(cc.get('s-maxage')) ?? 0)
}
const cachedHit = (r: HttpResponse) => /\bhit\b/i.test(`${header(r, 'cf-cache-status') ?? ''} ${header(r, 'x-cache') ?? ''} ${header(r, 'x-vercel-cache') ?? ''}`) || Number(header(r, 'age') ?? 0) > 0

export interface Assets {
  page?: HttpResponse
  pageUrl?: string
  assets: { url: string; response?: HttpResponse; problem?: string }[]
}

/** The homepage's fingerprinted same-site assets (up to 6), fetched once per run. */
export function getAssets(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<Assets> {
  return shared(ctx, 'web.assets', async () => {
    const w = canonicalWalk(s)
    if (!w?.final || !w.finalUrl) return { assets: [] }
    const html = Buffer.from(w.final.decodedBody ?? w.final.body).toString('utf8')
    const urls = [...new Set(pageResources(html, w.finalUrl).map((r) => r.url).filter((u): u is string => !!u && u.startsWith('https://') && inDomain(new URL(u).hostname, s.apex) && isFingerprinted(u)))].slice(0, 6)
    // The health probe (same origin, started beside the page walk) ends about when the page does:
    // waiting for it lets the asset requests reuse its kept-alive connections instead of opening new ones.
    const health = ctx.shared.get('web.health') ?? ctx.shared.get('web.health-early')
    if (health && urls.length) await Promise.race([health.catch(() => undefined), new Promise((r) => setTimeout(r, 200))])
    const assets = await mapLimit(urls, 4, async (url) => {
      try {
        return { url, response: await ctx.http.request({ url, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, acceptEncoding: true, maxBodyBytes: 256 * 1024 }) }
      } catch (e) {
        return { url, problem: errMsg(e) }
      }
    })
    return { page: w.final, pageUrl: w.finalUrl, assets }
  })
}

const CDN_SIGNS: [string, (r: HttpResponse) => boolean][] = [
  ['Cloudflare', (r) => !!header(r, 'cf-ray') || /cloudflare/i.test(header(r, 'server') ?? '')],
  ['Vercel', (r) => !!header(r, 'x-vercel-id') || /vercel/i.test(header(r, 'server') ?? '')],
  ['Netlify', (r) => !!header(r, 'x-nf-request-id') || /netlify/i.test(header(r, 'server') ?? '')],
  ['Amazon CloudFront', (r) => !!header(r, 'x-amz-cf-id') || /cloudfront/i.test(`${header(r, 'via') ?? ''} ${header(r, 'x-cache') ?? ''}`)],
  ['Fastly', (r) => !!header(r, 'x-fastly-request-id') || (/\bcache-\w+/i.test(header(r, 'x-served-by') ?? '') && !!header(r, 'x-timer'))],
  ['Akamai', (r) => /akamai/i.test(`${header(r, 'server') ?? ''} ${header(r, 'x-akamai-transformed') ?? ''}`) || !!header(r, 'x-akamai-request-id')],
  ['Azure Front Door', (r) => !!header(r, 'x-azure-ref')],
  ['Google Cloud CDN', (r) => /google/i.test(header(r, 'via') ?? '') && !!header(r, 'x-goog-cache')],
  ['Bunny CDN', (r) => /bunnycdn/i.test(header(r, 'server') ?? '')],
  ['Fly.io', (r) => !!header(r, 'fly-request-id')],
  ['Sucuri', (r) => !!header(r, 'x-sucuri-id')],
]

export async function cdnFinding(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<Finding> {
  const id = 'edge.cdn'
  const page = canonicalWalk(s)?.final ?? canonicalWalk(s)?.hops[0]?.response
  if (!page) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl}, so we could not see what sits in front of it.`)
  let ns: string[] = []
  try {
    ns = (await ctx.resolver.query(s.apex, 'NS', { timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal })).answers.filter((a) => a.type === 'NS').map((a) => String(a.data))
  } catch {
    /* NS is a hint only */
  }
  const hit = CDN_SIGNS.find(([, test]) => test(page))
  const evidence = { url: page.url, server: header(page, 'server') ?? null, via: header(page, 'via') ?? null, nameServers: ns }
  if (hit) return makeFinding(id, s.canonicalUrl, 'pass', { title: `${hit[0]} sits in front of your site`, summary: `Responses from ${s.canonicalHost} come through ${hit[0]}.`, evidence: { ...evidence, cdn: hit[0] } })
  const cfDns = ns.some((n) => /\.ns\.cloudflare\.com\.?$/i.test(n))
  return makeFinding(id, s.canonicalUrl, 'fail', {
    title: cfDns ? 'Cloudflare is not proxying your site' : 'No CDN in front of your site',
    summary: cfDns ? `Your DNS is at Cloudflare, but ${s.canonicalHost} answers directly from your server, so Cloudflare’s caching and protection are off.` : `${s.canonicalHost} answers directly from your server, with no CDN to cache files or absorb traffic spikes and attacks.`,
    impact: 'A launch-day traffic spike or a simple attack hits your server directly and can take the site down.',
    evidence,
    fix: cdnFix(ctx.target, cfDns),
  })
}

export function staticCacheFinding(ctx: SuiteContext, s: Surface, a: Assets): Finding {
  const id = 'edge.static-cache'
  if (!a.page) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl}, so we could not find its static files.`)
  if (a.assets.length === 0) return makeFinding(id, s.canonicalUrl, 'skipped', { title: 'No fingerprinted files found', summary: 'Your home page links no static files with a content hash in their name (like app.3f9a7c1e.js), so there was nothing to check.', evidence: { page: a.pageUrl } })
  const rows = a.assets.map((x) => ({ url: x.url, cacheControl: x.response ? (header(x.response, 'cache-control') ?? null) : null, seconds: x.response ? anyCacheSeconds(x.response) : null, ...(x.problem ? { problem: x.problem } : {}) }))
  const fetched = rows.filter((r) => r.seconds !== null)
  if (fetched.length === 0) return errorFinding(id, s.canonicalUrl, `We could not load any of the static files: ${a.assets[0]?.problem ?? 'no answer'}.`, 0, { assets: rows })
  const bad = fetched.filter((r) => (r.seconds ?? 0) < 86_400)
  if (bad.length === 0) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'Static files are cached', summary: `All ${fetched.length} fingerprinted files we checked may be cached for at least a day.`, evidence: { assets: rows } })
  return makeFinding(id, s.canonicalUrl, 'fail', {
    title: `${bad.length} static file${bad.length === 1 ? ' is' : 's are'} not cached`,
    summary: `Browsers download ${bad.map((r) => new URL(r.url).pathname).join(', ')} again on every visit, which slows every page and loads your server.`,
    impact: 'Repeat visits are slower than they need to be, and traffic spikes hit your server instead of caches.',
    evidence: { assets: rows },
    fix: staticCacheFix(ctx.target, bad.map((r) => r.url)),
  })
}

export function privateCacheFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'edge.private-cache'
  const withCookie = allResponses(s).filter((r) => setCookies(r).length > 0)
  if (allResponses(s).length === 0) return errorFinding(id, s.apex, `No page of ${s.apex} could be loaded, so caching could not be checked.`)
  if (withCookie.length === 0) return makeFinding(id, s.apex, 'pass', { title: 'No cookies to leak', summary: 'None of the pages we loaded set a cookie, so none can be cached with someone else’s session.', evidence: { checked: allResponses(s).length } })
  const rows = withCookie.map((r) => ({ url: r.url, cacheControl: header(r, 'cache-control') ?? null, sharedCacheSeconds: sharedCacheSeconds(r), cachedHit: cachedHit(r), cookies: setCookies(r).map((c) => c.split('=')[0]) }))
  const bad = rows.filter((r) => r.sharedCacheSeconds > 0 || r.cachedHit)
  if (bad.length === 0) return makeFinding(id, s.apex, 'pass', { title: 'Personal responses stay private', summary: `All ${rows.length} responses that set a cookie forbid shared caching.`, evidence: { responses: rows } })
  return makeFinding(id, s.apex, 'fail', {
    title: 'A response with a session cookie can be cached publicly',
    summary: `${bad[0]!.url} sets a cookie but lets shared caches keep it${bad[0]!.cachedHit ? ' (and one already served it from cache)' : ''}, so one customer can receive another’s session.`,
    impact: 'A CDN or proxy can hand one customer’s logged-in page or session cookie to the next visitor.',
    evidence: { responses: bad },
    fix: privateCacheFix(ctx.target, bad.map((r) => r.url)),
  })
}

const TEXTY = /^(text\/|application\/(json|javascript|xml|ld\+json|manifest\+json)|image\/svg)/i

export function compressionFinding(ctx: SuiteContext, s: Surface, a: Assets): Finding {
  const id = 'edge.compression'
  if (!a.page) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl}, so compression could not be checked.`)
  const responses = [a.page, ...a.assets.map((x) => x.response).filter((r): r is HttpResponse => !!r)]
  const rows = responses
    .filter((r) => TEXTY.test(header(r, 'content-type') ?? ''))
    .map((r) => ({ url: r.url, contentType: header(r, 'content-type') ?? null, encoding: header(r, 'content-encoding') ?? null, wireBytes: r.wireBytes, decodedBytes: (r.decodedBody ?? r.body).length }))
    .filter((r) => r.decodedBytes > 1024)
  if (rows.length === 0) return makeFinding(id, s.canonicalUrl, 'skipped', { title: 'No large text responses', summary: 'None of the text responses we loaded is over 1 KB, so compression would not matter.', evidence: {} })
  const bad = rows.filter((r) => !/\b(br|gzip|zstd|deflate)\b/i.test(r.encoding ?? ''))
  if (bad.length === 0) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'Text responses are compressed', summary: `All ${rows.length} text responses over 1 KB are compressed (${[...new Set(rows.map((r) => r.encoding))].join(', ')}).`, evidence: { responses: rows } })
  const kb = Math.round(bad.reduce((n, r) => n + r.decodedBytes, 0) / 1024)
  return makeFinding(id, s.canonicalUrl, 'fail', {
    title: `${bad.length} text response${bad.length === 1 ? ' is' : 's are'} not compressed`,
    summary: `${kb} KB of pages and scripts travel uncompressed; compression usually makes them 3 to 5 times smaller.`,
    impact: 'Pages load slower, especially on mobile connections, and bandwidth bills are higher.',
    evidence: { responses: bad },
    fix: compressionFix(ctx.target),
  })
}

export function securityHeadersFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'edge.security-headers'
  const page = canonicalWalk(s)?.final
  if (!page) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl}, so its headers could not be checked.`)
  // Each header as browsers read it (web/headers.ts): one they ignore is missing, and the evidence says why.
  const raw = (h: string) => header(page, h)
  const csp = parseCsp(raw('content-security-policy'))
  const xfo = parseFrameOptions(raw('x-frame-options'))
  const referrer = referrerPolicyOf(raw('referrer-policy'))
  const present = {
    'x-content-type-options': isNosniff(raw('x-content-type-options')),
    'referrer-policy': referrer !== undefined,
    // CSP frame-ancestors, when present, replaces X-Frame-Options.
    'frame protection': csp?.frameAncestors !== undefined || !!xfo?.protects,
    'content-security-policy': !!csp?.effective,
  }
  const ignored: Record<string, string> = {}
  if (raw('x-content-type-options') !== undefined && !present['x-content-type-options']) ignored['x-content-type-options'] = `the value is “${raw('x-content-type-options')}”, and browsers act only on nosniff`
  if (raw('referrer-policy') !== undefined && referrer === undefined) ignored['referrer-policy'] = `“${raw('referrer-policy')}” names no policy browsers know, so they keep their default`
  if (xfo && !xfo.protects && csp?.frameAncestors === undefined) ignored['x-frame-options'] = xfo.reason ?? 'browsers ignore it'
  if (csp && !csp.effective) ignored['content-security-policy'] = csp.reason ?? 'browsers apply none of it'
  const missing = Object.entries(present).filter(([, ok]) => !ok).map(([k]) => k)
  const evidence = { url: page.url, present, seen: Object.fromEntries(['x-content-type-options', 'referrer-policy', 'x-frame-options', 'content-security-policy'].map((h) => [h, raw(h) ?? null])), ...(Object.keys(ignored).length ? { ignored } : {}) }
  if (missing.length === 0) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'Browser security headers are set', summary: 'Your home page sends X-Content-Type-Options, Referrer-Policy, frame protection and a Content-Security-Policy.', evidence })
  const lines = [...new Set(missing.map(securityHeaderLine))]
  return makeFinding(id, s.canonicalUrl, 'fail', {
    title: `${missing.length} browser security header${missing.length === 1 ? ' is' : 's are'} missing`,
    summary: `Your home page does not send ${missing.join(', ')}${Object.keys(ignored).length ? ` in a form browsers accept (${Object.entries(ignored).map(([h, why]) => `${h}: ${why}`).join('; ')})` : ''}, which browsers use to block clickjacking and script injection.`,
    impact: 'Another site could frame your login page to trick users, and injected scripts meet no second line of defence.',
    evidence: { ...evidence, missing },
    fix: securityHeadersFix(ctx.target, lines),
  })
}

const APP_IDS = ['x-request-id', 'x-correlation-id', 'request-id', 'x-amzn-requestid', 'x-amzn-trace-id', 'traceparent', 'x-cloud-trace-context', 'x-trace-id', 'fly-request-id', 'x-railway-request-id', 'x-render-request-id']
const EDGE_IDS = ['cf-ray', 'x-vercel-id', 'x-nf-request-id', 'x-amz-cf-id', 'x-azure-ref']

export function requestIdFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'monitor.request-id'
  const rs = [canonicalWalk(s)?.final, ...allResponses(s)].filter((r): r is HttpResponse => !!r)
  if (rs.length === 0) return errorFinding(id, s.canonicalUrl, `No page of ${s.apex} could be loaded, so request IDs could not be checked.`)
  const find = (names: string[]) => {
    for (const r of rs) for (const n of names) if (header(r, n)) return { url: r.url, header: n, value: header(r, n)! }
    return undefined
  }
  const app = find(APP_IDS)
  if (app) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'Responses carry a request ID', summary: `Responses include ${app.header}, so a customer’s error can be matched to your logs.`, evidence: app })
  const edge = find(EDGE_IDS)
  return makeFinding(id, s.canonicalUrl, edge ? 'warn' : 'fail', {
    title: edge ? 'Only the CDN’s request ID is sent' : 'Responses carry no request ID',
    summary: edge ? `Responses carry ${edge.header} from the CDN, but no ID from your app, so app log lines cannot be matched to a customer’s report.` : 'Responses carry no request ID, so when a customer reports an error you cannot find the matching log line.',
    impact: 'Support questions take longer: you search logs by time and guesswork instead of one ID.',
    evidence: { checked: APP_IDS, ...(edge ? { edge } : {}) },
    fix: requestIdFix(ctx.target),
  })
}
