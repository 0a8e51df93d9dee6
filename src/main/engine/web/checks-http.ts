/** The http.* routing checks over the shared surface walk: reachable, https-redirect, canonical, loops, chains, paths, subdomains. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { SuiteContext } from '../types'
import { canonicalFix, chainFix, httpsRedirectFix, loopFix, pathFix, reachableFix, subdomainFix } from './fixes-http'
import { canonicalWalk, isRedirect, pathKept, walkOf, type Surface, type Walk } from './surface'

export const hopsEvidence = (w: Walk) => w.hops.map((h) => ({ url: h.url, status: h.status, ...(h.location ? { location: h.location } : {}), ms: Math.round(h.ms) }))
const walkEvidence = (w: Walk) => ({ entryUrl: w.entryUrl, finalUrl: w.finalUrl, hops: hopsEvidence(w), ...(w.error ? { problem: w.error } : {}) })
const hostOf = (u: string | null) => {
  try {
    return u ? new URL(u).hostname : null
  } catch {
    return null
  }
}
/** A walk that could not run at all (timeout, cancelled) rather than one that showed a problem. */
export const couldNotRun = (w: Walk | undefined): boolean => !!w && w.hops.length === 0 && !!w.error && /timed out|no complete answer|cancelled|did not answer/.test(w.error)

export function reachableFinding(ctx: SuiteContext, s: Surface): Finding {
  const url = s.canonicalUrl
  const w = canonicalWalk(s)
  const id = 'http.reachable'
  if (!s.hosts.find((h) => h.host === s.canonicalHost)?.exists) {
    return makeFinding(id, url, 'fail', {
      title: `${s.canonicalHost} does not exist in DNS`,
      summary: `Nobody can open ${url}: the name ${s.canonicalHost} does not resolve to any address.`,
      impact: 'Every visitor, signup and payment fails before your site even loads.',
      evidence: { host: s.canonicalHost, dns: s.hosts.find((h) => h.host === s.canonicalHost) },
      fix: reachableFix(ctx.target, url, 'no DNS address'),
    })
  }
  if (!w) return errorFinding(id, url, `We did not get to load ${url}.`)
  if (couldNotRun(w)) return errorFinding(id, url, `We could not reach ${url}: ${w.error}.`, 0, walkEvidence(w))
  const status = w.final?.status
  const ok = status !== undefined && status >= 200 && status < 300 && !w.offsite
  if (ok)
    return makeFinding(id, url, 'pass', {
      title: `${s.canonicalHost} answers`,
      summary: `${url} loads (status ${status}${w.hops.length > 1 ? ` after ${w.hops.length - 1} redirect${w.hops.length > 2 ? 's' : ''}` : ''}).`,
      evidence: { ...walkEvidence(w), status, ttfbMs: Math.round(w.final!.timings.ttfbMs) },
    })
  const got = w.error ?? (w.offsite ? `a redirect away to ${w.finalUrl}` : `status ${status}`)
  return makeFinding(id, url, 'fail', {
    title: `${s.canonicalHost} does not load`,
    summary: `Visitors to ${url} get ${got} instead of your site.`,
    impact: 'Every visitor, signup and payment fails while the main address is down.',
    evidence: walkEvidence(w),
    fix: reachableFix(ctx.target, url, got),
  })
}

export function httpsRedirectFindings(ctx: SuiteContext, s: Surface): Finding[] {
  const out: Finding[] = []
  for (const host of [s.apex, `www.${s.apex}`]) {
    const hp = s.hosts.find((h) => h.host === host)
    if (!hp?.exists) continue
    const entry = `http://${host}/`
    const w = walkOf(s, entry)
    const id = 'http.https-redirect'
    if (!w) continue
    if (couldNotRun(w)) {
      out.push(errorFinding(id, entry, `We could not check ${entry}: ${w.error}.`, 0, walkEvidence(w)))
      continue
    }
    const first = w.hops[0]
    const firstTo = first?.location ? new URL(first.location, entry) : undefined
    const backToHttp = !w.error && !w.offsite && !!w.finalUrl && w.finalUrl.startsWith('http://')
    if (first && isRedirect(first.status) && firstTo?.protocol === 'https:' && !backToHttp) {
      // The redirect is there. What goes wrong after it (a certificate, a loop on https://) is the
      // TLS and redirect-loop checks' finding, not this one's.
      const after = w.error ? ` The https:// side has its own problem (${w.error}); the certificate and redirect checks report it.` : ''
      out.push(makeFinding(id, entry, 'pass', { title: `http://${host} moves visitors to https://`, summary: `${entry} redirects to ${firstTo.href} (${first.status}).${after}`, evidence: { ...walkEvidence(w), ...(w.error ? { httpsSideProblem: w.error } : {}) } }))
      continue
    }
    const what = !first
      ? (w.error ?? 'no answer')
      : backToHttp && firstTo?.protocol === 'https:'
        ? `sent to https:// and then back to plain ${w.finalUrl}`
        : isRedirect(first.status)
          ? `a redirect to ${first.location} (not https://)`
          : `the page itself over plain http (status ${first.status})`
    out.push(
      makeFinding(id, entry, 'fail', {
        title: `http://${host} does not switch to https://`,
        summary: `Someone typing ${host} gets ${what}, so their login and payment details can travel unencrypted.`,
        impact: 'Passwords and card details typed on the unencrypted page can be read or changed on public Wi-Fi.',
        evidence: walkEvidence(w),
        fix: httpsRedirectFix(ctx.target, host),
      }),
    )
  }
  return out
}

export function canonicalFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'http.canonical'
  const entries = [`https://${s.apex}/`, `https://www.${s.apex}/`, `http://${s.apex}/`, `http://www.${s.apex}/`]
  const walks = entries.map((e) => walkOf(s, e)).filter((w): w is Walk => !!w)
  const finals = walks.map((w) => ({ entryUrl: w.entryUrl, finalHost: w.error ? null : hostOf(w.finalUrl), finalUrl: w.finalUrl, ...(w.error ? { problem: w.error } : {}) }))
  if (walks.length === 0) return errorFinding(id, s.apex, `Neither ${s.apex} nor www.${s.apex} resolves, so there is no address to compare.`)
  if (walks.every(couldNotRun)) return errorFinding(id, s.apex, `We could not load ${s.apex} or www.${s.apex}: ${walks[0]!.error}.`)
  // Entries that failed outright (port 80 closed, a certificate error) are the https-redirect and TLS checks' findings;
  // here only the addresses that load are compared.
  const loaded = finals.filter((f) => f.finalHost !== null)
  const hosts = new Set((loaded.length ? loaded : finals).map((f) => f.finalHost))
  const inferred = !!ctx.target.canonicalInferred
  const evidence = { canonical: s.canonicalHost, canonicalSource: inferred ? 'found' : 'project', finals }
  if (hosts.size === 1 && hosts.has(s.canonicalHost))
    return makeFinding(id, s.apex, 'pass', {
      title: inferred ? `Your site settles on ${s.canonicalHost}` : 'One address for your site',
      summary: inferred
        ? `We found that ${s.apex} and www.${s.apex} both end up on https://${s.canonicalHost}/, and checked that address. Set ${s.canonicalHost} as the main address in the project so every check and the handover pack use it.`
        : `${s.apex} and www.${s.apex} both end up on https://${s.canonicalHost}/.`,
      evidence,
    })
  const single = hosts.size === 1 && !hosts.has(null)
  return makeFinding(id, s.apex, single ? 'warn' : 'fail', {
    title: single ? `Your site settles on ${[...hosts][0]}, not ${s.canonicalHost}` : `${s.apex} and www.${s.apex} do not lead to one address`,
    summary: single
      ? inferred
        ? `All addresses end on ${[...hosts][0]}, which is neither ${s.apex} nor www.${s.apex}; if that is intended, redirect ${s.apex} and www.${s.apex} there in one step, otherwise point them at one of the two.`
        : `All addresses end on ${[...hosts][0]}, but the project says the main address is ${s.canonicalHost}; update one of the two so links, cookies and search results agree.`
      : `Visitors end up on different addresses depending on how they type your domain, so logins made on one are missing on the other.`,
    impact: 'Sessions and cookies are per address: a customer who logs in on one version appears logged out on the other, and search engines split your ranking.',
    evidence,
    fix: canonicalFix(ctx.target),
  })
}

export function loopFinding(ctx: SuiteContext, s: Surface): Finding {
  const bad = s.walks.filter((w) => w.loop || w.tooMany)
  const id = 'http.redirect-loop'
  if (s.walks.length === 0) return errorFinding(id, s.apex, `None of the addresses of ${s.apex} resolve, so no redirects could be followed.`)
  if (bad.length === 0)
    return makeFinding(id, s.apex, 'pass', { title: 'No redirect loops', summary: `We followed the redirects of ${s.walks.length} addresses and each one ends within ${10} steps.`, evidence: { checked: s.walks.map((w) => w.entryUrl) } })
  return makeFinding(id, s.apex, 'fail', {
    title: `${bad.length === 1 ? 'An address goes' : `${bad.length} addresses go`} round in redirects`,
    summary: `Browsers show “too many redirects” on ${bad.map((w) => w.entryUrl).join(', ')} instead of your site.`,
    impact: 'Anyone arriving on these addresses sees an error page and cannot sign up, log in or pay.',
    evidence: { walks: bad.map(walkEvidence) },
    fix: loopFix(ctx.target, bad.map((w) => w.entryUrl)),
  })
}

export function chainFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'http.redirect-chain'
  const entries = [`http://${s.apex}/`, `http://www.${s.apex}/`, `https://${s.apex}/`, `https://www.${s.apex}/`]
  const walks = entries.map((e) => walkOf(s, e)).filter((w): w is Walk => !!w && !w.error)
  if (walks.length === 0) return errorFinding(id, s.apex, `No redirect chain of ${s.apex} or www.${s.apex} could be followed to the end.`)
  const rows = walks.map((w) => ({ entryUrl: w.entryUrl, redirects: Math.max(0, w.hops.length - 1), finalUrl: w.finalUrl }))
  const worst = Math.max(...rows.map((r) => r.redirects))
  const long = rows.filter((r) => r.redirects >= 2)
  if (worst < 2)
    return makeFinding(id, s.apex, 'pass', { title: 'Redirects take one step', summary: `Every way of typing your domain reaches the site in at most one redirect.`, evidence: { chains: rows } })
  return makeFinding(id, s.apex, worst >= 3 ? 'fail' : 'warn', {
    title: `Up to ${worst} redirects before your site loads`,
    summary: `${long.map((r) => r.entryUrl).join(', ')} take${long.length === 1 ? 's' : ''} ${worst} hops to reach your site, which adds a delay on every first visit.`,
    impact: 'Each extra hop costs a round trip (often 100–300 ms on mobile) before anything appears.',
    evidence: { chains: rows, walks: walks.filter((w) => w.hops.length >= 3).map(walkEvidence) },
    fix: chainFix(ctx.target, long.map((r) => r.entryUrl)),
  })
}

export function pathFinding(ctx: SuiteContext, s: Surface): Finding {
  const id = 'http.redirect-preserves-path'
  const checked = [...s.pathWalks.entries()].map(([entry, w]) => ({ entry, w, kept: pathKept(w) }))
  const usable = checked.filter((c) => c.kept !== null)
  if (usable.length === 0)
    return makeFinding(id, s.apex, 'skipped', { title: 'No redirects to check', summary: 'None of your addresses redirect, so there is no redirect that could lose the page or its parameters.', evidence: {} })
  const lost = usable.filter((c) => c.kept === false)
  const rows = usable.map((c) => ({ entryUrl: c.w.entryUrl, finalUrl: c.w.finalUrl, kept: c.kept }))
  if (lost.length === 0)
    return makeFinding(id, s.apex, 'pass', { title: 'Redirects keep the page', summary: `Redirects keep the page and its parameters (we tried ${usable.length} address${usable.length === 1 ? '' : 'es'}).`, evidence: { checked: rows } })
  return makeFinding(id, s.apex, 'fail', {
    title: 'Redirects drop the page people asked for',
    summary: `A link like ${lost[0]!.w.entryUrl} lands on ${lost[0]!.w.finalUrl ?? 'another page'}, so links in emails (password resets, invitations) lose where they were going.`,
    impact: 'Password-reset, magic-link and invitation emails break when the link is opened on the redirected address.',
    evidence: { checked: rows, walks: lost.map((c) => walkEvidence(c.w)) },
    fix: pathFix(ctx.target, lost.map((c) => c.entry)),
  })
}

export function subdomainFindings(ctx: SuiteContext, s: Surface): Finding[] {
  const id = 'http.subdomain'
  const configured = s.hosts.filter((h) => h.kind === 'configured')
  if (configured.length === 0)
    return [makeFinding(id, s.apex, 'skipped', { title: 'No subdomains configured', summary: 'The project lists no subdomains (like app. or api.), so there is nothing to check here.', evidence: {} })]
  return configured.map((h) => {
    const entry = `https://${h.host}/`
    const expected = h.expectedStatus ? `status ${h.expectedStatus}` : 'a working page (2xx)'
    if (!h.exists)
      return makeFinding(id, h.host, 'fail', {
        title: `${h.host} does not exist`,
        summary: `${h.host} does not resolve in DNS, so nothing can be served there.`,
        evidence: { host: h.host, rcode: h.rcode, ...(h.error ? { problem: h.error } : {}) },
        fix: subdomainFix(h.host, expected, 'no DNS address'),
      })
    const w = walkOf(s, entry)
    if (!w || couldNotRun(w)) return errorFinding(id, h.host, `We could not reach ${entry}: ${w?.error ?? 'not checked'}.`, 0, w ? walkEvidence(w) : {})
    const firstStatus = w.hops[0]?.status
    const finalStatus = w.final?.status
    const ok = h.expectedStatus ? firstStatus === h.expectedStatus || finalStatus === h.expectedStatus : !w.error && finalStatus !== undefined && finalStatus >= 200 && finalStatus < 300
    const got = w.error ?? `status ${finalStatus ?? firstStatus}`
    if (ok) return makeFinding(id, h.host, 'pass', { title: `${h.host} answers over HTTPS`, summary: `${entry} answers with ${got}, as expected.`, evidence: walkEvidence(w) })
    return makeFinding(id, h.host, 'fail', {
      title: `${h.host} does not answer as expected`,
      summary: `${entry} should answer with ${expected} but gave ${got}.`,
      impact: 'Whatever runs on this subdomain (the app, the API, the help centre) is broken for customers.',
      evidence: walkEvidence(w),
      fix: subdomainFix(h.host, expected, got),
    })
  })
}
