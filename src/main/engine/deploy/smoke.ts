/**
 * The post-deploy smoke test (deploy.smoke): every critical page, the main
 * page and the health endpoint at once, each judged on its status (any 2xx
 * unless the flow says otherwise, after the site's own same-page redirects),
 * a keyword or a JSON field where the flow asks for one, and its time to first
 * byte; then the live version (a release header or the health payload, as
 * http.version reads it) against the one just deployed. One deadline for all.
 */
import type { Finding, CriticalFlow } from '../../../shared/model'
import type { CheckSuite, HttpResponse, SuiteContext } from '../types'
import { errorFinding, makeFinding } from '../finding'
import { getFollowing } from '../web/follow'
import { withCanonical } from '../web/canonical'
import { canonicalHostOf } from '../web/surface'
import { DEFAULT_HEALTH_PATHS, versionInBody, versionInHeaders } from '../web/checks-page'
import { errMsg, inDomain, wants } from '../web/util'

export interface SmokeTarget {
  url: string
  label: string
  expectStatus?: number
  expectKeyword?: string
  expectJson?: string
  health?: boolean
}

const text = (r: HttpResponse) => Buffer.from(r.decodedBody ?? r.body).toString('utf8')

/** `a.b` exists and is not false/null, or `a.b=value` equals value. */
export function jsonFieldHolds(body: string, spec: string): { ok: boolean; seen: string } {
  const [path, want] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, undefined]
  let v: unknown
  try {
    v = JSON.parse(body)
  } catch {
    return { ok: false, seen: 'the body is not JSON' }
  }
  for (const k of path!.split('.').filter(Boolean)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  const seen = v === undefined ? `${path} is missing` : `${path} is ${JSON.stringify(v)}`
  if (want !== undefined) return { ok: String(v) === want, seen }
  return { ok: v !== undefined && v !== null && v !== false, seen }
}

export function smokeTargets(ctx: SuiteContext): SmokeTarget[] {
  const host = canonicalHostOf(ctx)
  const out: SmokeTarget[] = [{ url: `https://${host}/`, label: 'the main page' }]
  const flows = ctx.target.criticalFlows.filter((f: CriticalFlow) => f.method === 'GET')
  for (const f of flows) {
    try {
      const u = new URL(f.url)
      if (!inDomain(u.hostname, ctx.target.domain)) continue
      const t: SmokeTarget = { url: u.href, label: f.label || u.pathname, ...(f.expectStatus ? { expectStatus: f.expectStatus } : {}), ...(f.expectKeyword ? { expectKeyword: f.expectKeyword } : {}), ...(f.expectJson ? { expectJson: f.expectJson } : {}) }
      // A flow on the main page adds its expectations to it rather than checking it twice.
      const same = out.findIndex((x) => x.url === u.href)
      if (same >= 0) out[same] = { ...out[same]!, ...t }
      else out.push(t)
    } catch {
      /* a flow without a full address is not smoke-tested */
    }
  }
  const health = `https://${host}${ctx.target.healthPaths?.[0] ?? DEFAULT_HEALTH_PATHS[0]}`
  const h = out.findIndex((x) => x.url === health)
  if (h >= 0) out[h] = { ...out[h]!, health: true }
  else out.push({ url: health, label: 'the health endpoint', health: true })
  return out.slice(0, 30)
}

interface Checked {
  t: SmokeTarget
  response?: HttpResponse
  finding: Finding
}

async function check(ctx: SuiteContext, t: SmokeTarget, timeoutMs: number): Promise<Checked> {
  try {
    const f = await getFollowing(ctx, t.url, timeoutMs, { maxBodyBytes: 512 * 1024, acceptEncoding: true })
    const r = f.response
    const ttfbMs = Math.round(r.timings.ttfbMs)
    const problems: string[] = []
    if (f.problem) problems.push(f.problem)
    const statusOk = t.expectStatus ? r.status === t.expectStatus : r.status >= 200 && r.status < 300
    if (!statusOk) problems.push(`answered ${r.status}${f.redirectTo ? ` (a redirect to ${f.redirectTo})` : ''}, expected ${t.expectStatus ?? 'a 2xx'}`)
    const body = text(r)
    if (t.expectKeyword && !body.includes(t.expectKeyword)) problems.push(`the page does not contain “${t.expectKeyword}”`)
    if (t.expectJson) {
      const j = jsonFieldHolds(body, t.expectJson)
      if (!j.ok) problems.push(`${j.seen} (expected ${t.expectJson})`)
    }
    const evidence = { url: f.url, status: r.status, ttfbMs, hops: f.hops.length, ...(t.expectKeyword ? { keyword: t.expectKeyword } : {}), ...(t.expectJson ? { json: t.expectJson } : {}) }
    const finding = problems.length
      ? makeFinding('deploy.smoke', t.url, 'fail', { title: `${t.label} is broken after the deploy`, summary: `${t.url} ${problems.join('; ')}.`, evidence, fix: [{ text: 'Look at the deploy’s logs for this route; if the previous release worked, roll back first and fix after.' }] })
      : makeFinding('deploy.smoke', t.url, 'pass', { title: `${t.label} works`, summary: `${t.url} answered ${r.status} in ${ttfbMs} ms${t.expectKeyword ? `, with “${t.expectKeyword}”` : ''}${t.expectJson ? `, ${t.expectJson} holds` : ''}.`, evidence })
    return { t, response: r, finding }
  } catch (e) {
    return { t, finding: errorFinding('deploy.smoke', t.url, `${t.url} could not be reached: ${errMsg(e)}.`) }
  }
}

function versionFinding(target: string, checked: Checked[], expect: string | undefined): Finding {
  let seen: { value: string; where: string } | undefined
  for (const c of checked) {
    if (!c.response) continue
    const h = versionInHeaders(c.response)
    if (h) {
      seen = { value: h.value, where: `the ${h.header} header of ${c.t.url}` }
      break
    }
  }
  const health = checked.find((c) => c.t.health && c.response && c.response.status < 400)
  if (!seen && health?.response) {
    const v = versionInBody(text(health.response))
    if (v) seen = { value: v, where: `the health payload at ${health.t.url}` }
  }
  if (!seen) return makeFinding('deploy.smoke', target, expect ? 'fail' : 'warn', { title: 'The live version cannot be read', summary: `No release header and no version in the health payload${expect ? `, so nobody can confirm ${expect} went out` : ''}. Add one (x-release, or "version" in /health).`, severity: expect ? 'high' : 'medium', evidence: { expected: expect ?? null } })
  const matches = !expect || seen.value === expect || seen.value.startsWith(expect) || expect.startsWith(seen.value)
  if (!matches) return makeFinding('deploy.smoke', target, 'fail', { title: `The live version is ${seen.value}, not ${expect}`, summary: `${seen.where} says ${seen.value}; the release just deployed is ${expect}. The deploy did not go out, went to another place, or a cache serves the old one.`, evidence: { expected: expect, live: seen.value, where: seen.where }, fix: [{ text: 'Check the host’s deploy list for the new release and its status; purge the CDN cache if it answers with the old one.' }] })
  return makeFinding('deploy.smoke', target, 'pass', { title: expect ? `${expect} is live` : `The live version is ${seen.value}`, summary: `${seen.where} says ${seen.value}.`, evidence: { expected: expect ?? null, live: seen.value, where: seen.where } })
}

export function createSmokeSuite(opts: { timeoutMs?: number } = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 8000
  return {
    id: 'smoke',
    checkIds: ['deploy.smoke'],
    plan: (ctx) => (wants(ctx, 'deploy.smoke') ? smokeTargets(ctx).length + 1 : 0),
    async run(given, sink) {
      if (!wants(given, 'deploy.smoke')) return
      const ctx = await withCanonical(given, timeoutMs)
      const targets = smokeTargets(ctx)
      for (const t of targets) sink.start('deploy.smoke', t.url)
      const checked = await Promise.all(
        targets.map(async (t) => {
          const c = await check(ctx, t, timeoutMs)
          sink.finding(c.finding)
          return c
        }),
      )
      const vt = `${canonicalHostOf(ctx)} (live version)`
      sink.start('deploy.smoke', vt)
      sink.finding(versionFinding(vt, checked, ctx.target.expectVersion))
    },
  }
}
