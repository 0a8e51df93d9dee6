/** Checks on the canonical page and the health endpoint: http.mixed-content, http.health, http.version. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { HttpResponse, SuiteContext } from '../types'
import { healthFix, mixedContentFix, versionFix } from './fixes-http'
import { header } from './http-client'
import { pageResources } from './html'
import { couldNotRun } from './checks-http'
import { canonicalWalk, type Surface } from './surface'
import { errMsg, shared } from './util'
import { getFollowing } from './follow'

export const DEFAULT_HEALTH_PATHS = ['/health', '/healthz', '/api/health', '/status'] as const
const text = (r: HttpResponse) => Buffer.from(r.decodedBody ?? r.body).toString('utf8')
const isHtml = (r: HttpResponse) => /html/i.test(header(r, 'content-type') ?? '') || /^\s*<(!doctype|html)/i.test(text(r).slice(0, 200))

export function mixedContentFinding(s: Surface): Finding {
  const id = 'http.mixed-content'
  const w = canonicalWalk(s)
  const page = w?.final
  if (!w || !page) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl}${w?.error ? `: ${w.error}` : ''}, so its resources could not be checked.`)
  const pageUrl = w.finalUrl ?? s.canonicalUrl
  if (!pageUrl.startsWith('https://')) return errorFinding(id, s.canonicalUrl, `${s.canonicalUrl} ends up on ${pageUrl}, which is not https://, so mixed content does not apply yet (fix the https redirect first).`)
  if (!isHtml(page)) return makeFinding(id, pageUrl, 'skipped', { title: 'Not a web page', summary: `${pageUrl} is not an HTML page, so there are no page resources to check.`, evidence: { contentType: header(page, 'content-type') ?? null } })
  const res = pageResources(text(page), pageUrl)
  const insecure = res.filter((r) => r.url?.startsWith('http://'))
  const evidence = { page: pageUrl, resources: res.length, insecure: insecure.map((r) => ({ tag: r.tag, url: r.url, blocked: r.active })), ...(page.truncated ? { note: 'the page was larger than we read; only its start was checked' } : {}) }
  if (insecure.length === 0)
    return makeFinding(id, pageUrl, 'pass', {
      title: 'Only secure resources',
      summary: res.length ? `Your home page loads all ${res.length} of its scripts, styles and images over https://.` : 'Your home page loads no scripts, styles or images from other addresses, so nothing insecure is mixed in.',
      evidence,
    })
  const active = insecure.filter((r) => r.active).length
  return makeFinding(id, pageUrl, 'fail', {
    title: `${insecure.length} resource${insecure.length === 1 ? '' : 's'} loaded over plain http://`,
    summary: active
      ? `Browsers block ${active} insecure script${active === 1 ? '' : 's'} or style${active === 1 ? '' : 's'} on your home page, so parts of it may not work.`
      : `Your home page loads ${insecure.length} image${insecure.length === 1 ? '' : 's'} over http://, so browsers show it as “not fully secure”.`,
    impact: 'Blocked scripts can break signup or checkout buttons; the broken padlock makes visitors doubt the site.',
    evidence,
    fix: mixedContentFix(insecure.map((r) => r.url!)),
  })
}

export interface HealthProbe {
  origin: string
  tried: { url: string; status: number | null; problem?: string; body?: string; servedAt?: string; redirectTo?: string }[]
  ok?: { url: string; response: HttpResponse }
  /** Every attempt failed to connect or timed out. */
  unreachable: boolean
}

/** The health addresses to try, on the canonical origin (where its walk ended, once known). */
export function healthUrls(ctx: Pick<SuiteContext, 'target'>, s: Surface): { origin: string; urls: string[] } {
  const origin = canonicalWalk(s)?.finalUrl ? new URL(canonicalWalk(s)!.finalUrl!).origin : `https://${s.canonicalHost}`
  const paths = ctx.target.healthPaths?.length ? ctx.target.healthPaths : [...DEFAULT_HEALTH_PATHS]
  return { origin, urls: paths.map((p) => new URL(p, origin).href) }
}

export function probeHealth(ctx: SuiteContext, s: Surface, timeoutMs: number): Promise<HealthProbe> {
  return shared(ctx, 'web.health', async () => {
    const { origin, urls } = healthUrls(ctx, s)
    const cw = canonicalWalk(s)
    if (cw && couldNotRun(cw)) return { origin, tried: [{ url: cw.entryUrl, status: null, problem: cw.error ?? 'no answer' }], unreachable: true }
    // All paths at once (a handful of GETs); the first one in order that answers 200 counts.
    const results = await Promise.all(
      urls.map(async (url) => {
        try {
          // Judged where the site serves the path, after its own host/scheme redirects (web/follow.ts).
          const f = await getFollowing(ctx, url, timeoutMs, { acceptEncoding: true })
          const r = f.response
          const seen = { ...(f.url !== url ? { servedAt: f.url } : {}), ...(f.redirectTo ? { redirectTo: f.redirectTo } : {}) }
          if (f.problem) return { url, status: r.status as number | null, problem: f.problem, ...seen }
          return { url, status: r.status as number | null, body: text(r).slice(0, 300), response: r, ...seen }
        } catch (e) {
          return { url, status: null, problem: errMsg(e) }
        }
      }),
    )
    const hit = results.find((r) => r.status === 200 && 'response' in r)
    const tried: HealthProbe['tried'] = results
      .slice(0, hit ? results.indexOf(hit) + 1 : results.length)
      .map((r) => ({ url: r.url, status: r.status, ...('problem' in r ? { problem: r.problem } : {}), ...('body' in r ? { body: r.body } : {}), ...('servedAt' in r && r.servedAt ? { servedAt: r.servedAt } : {}), ...('redirectTo' in r && r.redirectTo ? { redirectTo: r.redirectTo } : {}) }))
    if (hit && 'response' in hit && hit.response) return { origin, tried, ok: { url: hit.url, response: hit.response }, unreachable: false }
    return { origin, tried, unreachable: tried.length > 0 && tried.every((t) => t.status === null) }
  })
}

/** What the non-200 answers were, in words (a redirect elsewhere, a redirect we could not follow). */
function healthSeen(h: HealthProbe): string {
  const said = h.tried.flatMap((t) => (t.redirectTo ? [`${new URL(t.url).pathname} redirects to ${t.redirectTo}`] : t.problem && t.status !== null ? [`${new URL(t.url).pathname}: ${t.problem}`] : []))
  return said.length ? ` (${said.slice(0, 2).join('; ')})` : ''
}

export function healthFinding(ctx: SuiteContext, h: HealthProbe): Finding {
  const id = 'http.health'
  if (h.unreachable) return errorFinding(id, h.origin, `We could not reach ${h.origin} to look for a health endpoint: ${h.tried[0]?.problem ?? 'no answer'}.`, 0, { tried: h.tried })
  if (h.ok) return makeFinding(id, h.origin, 'pass', { title: 'The health endpoint answers', summary: `${h.ok.url} answers 200, so monitors can tell when the app is down.`, evidence: { url: h.ok.url, status: 200, body: text(h.ok.response).slice(0, 300) } })
  return makeFinding(id, h.origin, 'fail', {
    title: 'No health endpoint answers',
    summary: `None of ${h.tried.map((t) => new URL(t.url).pathname).join(', ')} answer 200${healthSeen(h)}, so an uptime monitor cannot tell “app down” from “page slow”.`,
    impact: 'Outages are noticed by customers before you, and deploys cannot be checked automatically.',
    evidence: { tried: h.tried },
    fix: healthFix(ctx.target, h.tried.map((t) => new URL(t.url).pathname)),
  })
}

const VERSION_HEADERS = ['x-release', 'x-version', 'x-app-version', 'x-build', 'x-build-id', 'x-commit', 'x-git-sha', 'x-git-commit', 'x-revision', 'x-deploy-id', 'x-vercel-deployment-url', 'x-render-deploy-id']
const VERSION_KEYS = ['version', 'release', 'commit', 'sha', 'gitsha', 'git_sha', 'build', 'revision', 'deploy', 'deployid']

/** The release a response's headers name (the first version-like header set). */
export function versionInHeaders(r: Pick<HttpResponse, 'headers'>): { header: string; value: string } | undefined {
  for (const name of VERSION_HEADERS) {
    const v = header(r, name)
    if (v) return { header: name, value: v }
  }
  return undefined
}

/** A version string in a JSON health body (top level or one level down). */
export function versionInBody(body: string): string | undefined {
  try {
    const j = JSON.parse(body) as unknown
    const look = (o: unknown, depth: number): string | undefined => {
      if (!o || typeof o !== 'object' || depth > 1) return undefined
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
        if (VERSION_KEYS.includes(k.toLowerCase().replace(/[-\s]/g, '')) && (typeof v === 'string' || typeof v === 'number') && String(v).trim()) return String(v)
      }
      for (const v of Object.values(o as Record<string, unknown>)) {
        const r = look(v, depth + 1)
        if (r) return r
      }
      return undefined
    }
    return look(j, 0)
  } catch {
    return undefined
  }
}

export function versionFinding(ctx: SuiteContext, s: Surface, h: HealthProbe): Finding {
  const id = 'http.version'
  const page = canonicalWalk(s)?.final
  const responses = [page, h.ok?.response].filter((r): r is HttpResponse => !!r)
  if (responses.length === 0) return errorFinding(id, s.canonicalUrl, `We could not load ${s.canonicalUrl} or a health endpoint, so we could not look for the live version.`)
  for (const r of responses) {
    for (const name of VERSION_HEADERS) {
      const v = header(r, name)
      if (v) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'The live release is visible', summary: `The ${name} header says the live release is ${v}.`, evidence: { url: r.url, header: name, value: v } })
    }
  }
  const fromBody = h.ok ? versionInBody(text(h.ok.response)) : undefined
  if (fromBody) return makeFinding(id, s.canonicalUrl, 'pass', { title: 'The live release is visible', summary: `The health endpoint says the live release is ${fromBody}.`, evidence: { url: h.ok!.url, version: fromBody } })
  return makeFinding(id, s.canonicalUrl, 'fail', {
    title: 'You cannot tell which release is live',
    summary: 'Neither a response header nor the health endpoint says which version is deployed, so after a deploy you cannot confirm it went out.',
    impact: 'When something breaks after a deploy, nobody can say for sure which code is running or whether a rollback worked.',
    evidence: { headersChecked: VERSION_HEADERS, healthUrl: h.ok?.url ?? null },
    fix: versionFix(ctx.target),
  })
}
