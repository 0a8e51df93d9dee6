/**
 * The canonical host when the project does not name one (`canonicalHost:
 * 'auto'`): where the apex and www entry points converge. The https:// walks
 * of both (shared with the surface) decide it; when neither loads over
 * https://, the http:// walks' destinations do; failing that, whichever name
 * exists. The web suites run on a context whose target names the host found
 * (`withCanonical`), so every origin probe addresses the site's real origin.
 */
import type { SuiteContext } from '../types'
import { getHosts, walkOnce, type Walk } from './surface'
import { inDomain, shared } from './util'
import { publishArtifact } from '../run/artifacts'

export interface CanonicalChoice {
  /** The host the probes address. */
  host: string
  canonicalHost: 'apex' | 'www'
  /** Whether we found it (the project did not say). */
  inferred: boolean
  /** Plain words: how it was found. */
  how: string
}

const hostOf = (u: string | null): string | null => {
  try {
    return u ? new URL(u).hostname.toLowerCase() : null
  } catch {
    return null
  }
}

const loaded = (w: Walk) => !!w.final && !w.error && !w.offsite && w.final.status < 400

/**
 * Picks the host most entries settle on (loaded ones first). A tie means apex and www each serve
 * their own copy: there is no evidence either way, so www (the usual choice, and what this app
 * assumed before it looked) is checked, and the finding says so.
 */
function converge(apex: string, walks: Walk[]): { host: string | null; unanimous: boolean; tie: boolean } {
  const pick = (ws: Walk[]) => {
    const counts = new Map<string, number>()
    for (const w of ws) {
      const h = hostOf(w.finalUrl)
      if (h && inDomain(h, apex)) counts.set(h, (counts.get(h) ?? 0) + 1)
    }
    const www = `www.${apex}`
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === www ? -1 : b[0] === www ? 1 : 0))
    return { host: ranked[0]?.[0] ?? null, unanimous: ranked.length === 1, tie: ranked.length > 1 && ranked[0]![1] === ranked[1]![1] }
  }
  const ok = walks.filter(loaded)
  return ok.length ? pick(ok) : pick(walks.filter((w) => !w.offsite))
}

export function resolveCanonical(ctx: SuiteContext, timeoutMs: number): Promise<CanonicalChoice> {
  return shared(ctx, 'web.canonical', async () => {
    const apex = ctx.target.domain.toLowerCase()
    const www = `www.${apex}`
    if (ctx.target.canonicalHost !== 'auto') {
      const host = ctx.target.canonicalHost === 'www' ? www : apex
      return { host, canonicalHost: ctx.target.canonicalHost, inferred: false, how: 'the project names it' }
    }
    const hosts = await getHosts(ctx, timeoutMs)
    const live = [apex, www].filter((h) => hosts.some((x) => x.host === h && x.exists))
    const asHost = (h: string | null): 'apex' | 'www' => (h === www ? 'www' : h === apex ? 'apex' : live.includes(apex) || !live.includes(www) ? 'apex' : 'www')
    if (live.length === 0) return { host: apex, canonicalHost: 'apex', inferred: true, how: `neither ${apex} nor ${www} resolves` }
    const secure = await Promise.all(live.map((h) => walkOnce(ctx, `https://${h}/`, timeoutMs)))
    let walks = secure
    let found = converge(apex, secure.filter(loaded))
    if (!found.host) {
      // Nothing loads over https://: where the plain http:// entries send visitors says what the site intends.
      walks = await Promise.all(live.map((h) => walkOnce(ctx, `http://${h}/`, timeoutMs)))
      found = converge(apex, walks)
    }
    const canonicalHost = asHost(found.host)
    const host = canonicalHost === 'www' ? www : apex
    const how = !found.host
      ? `neither address led anywhere we could load, so we used ${host}`
      : found.host !== host
        ? `your site settles on ${found.host}, which is neither ${apex} nor ${www}; we used ${host}`
        : found.tie
          ? `${apex} and ${www} each serve their own copy of the site, so we checked ${host}`
          : found.unanimous && walks.length > 1
          ? `${live.join(' and ')} both end up on ${host}`
          : walks.length === 1
            ? `only ${live[0]} resolves`
            : `${host} is where most addresses end up`
    return { host, canonicalHost, inferred: true, how }
  })
}

/** The context the web suites run on: its target names a concrete canonical host (found when the project has none). */
export async function withCanonical(ctx: SuiteContext, timeoutMs: number): Promise<SuiteContext> {
  if (ctx.target.canonicalHost !== 'auto') return ctx
  const p = resolveCanonical(ctx, timeoutMs)
  publishArtifact(ctx, 'canonical', p.then((c) => ({ host: c.host, inferred: c.inferred, how: c.how })))
  const c = await p
  return { ...ctx, target: { ...ctx.target, canonicalHost: c.canonicalHost, canonicalInferred: true } }
}
