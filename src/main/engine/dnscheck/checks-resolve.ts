/** dns.* checks on what the resolver answers: names resolve, no CNAME at the apex, no dangling or private records, sane TTLs. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { SuiteContext } from '../types'
import { takeoverServiceFor, TAKEOVER_SERVICES, verdictWords, type TakeoverService, type TakeoverVerdict } from './takeover'
import { errMsg, opTimeout } from '../web/util'
import { apexFix, cnameAtApexFix, hostLabel, recordFix, recordsFix, wwwFix } from './fixes'
import { addressesOf, cnameChain, describeNoAddress, lookup, nonPublicKind, norm, recordsOf, type Answer } from './query'

export interface NameState {
  name: string
  a: Answer
  aaaa: Answer
}

export async function nameState(ctx: SuiteContext, name: string, timeoutMs: number): Promise<NameState> {
  const [a, aaaa] = await Promise.all([lookup(ctx, name, 'A', timeoutMs), lookup(ctx, name, 'AAAA', timeoutMs)])
  return { name, a, aaaa }
}

export const addrs = (s: NameState): string[] => [...(s.a.ok ? addressesOf(s.a.res) : []), ...(s.aaaa.ok ? addressesOf(s.aaaa.res) : [])]
const answerEvidence = (s: NameState) => ({
  name: s.name,
  rcode: s.a.ok ? s.a.res.rcode : null,
  addresses: addrs(s),
  cname: s.a.ok ? cnameChain(s.a.res, s.name) : [],
  server: s.a.ok ? s.a.res.server : null,
  ...(!s.a.ok ? { problem: s.a.problem } : {}),
})

/** pass / fail / error for "this name has an address". */
export function resolvesFinding(ctx: SuiteContext, id: string, s: NameState, role: string): Finding {
  if (!s.a.ok && (!s.aaaa.ok || addrs(s).length === 0)) return errorFinding(id, s.name, `We could not look up ${s.name}: ${s.a.ok ? '' : s.a.problem}`, 0, answerEvidence(s))
  const list = addrs(s)
  if (list.length > 0) return makeFinding(id, s.name, 'pass', { title: `${s.name} resolves`, summary: `${s.name} points at ${list.join(', ')}.`, evidence: answerEvidence(s) })
  const why = s.a.ok ? describeNoAddress(s.a.res) : s.a.problem
  const fix = id === 'dns.apex.resolves' ? apexFix(ctx.target) : id === 'dns.www.resolves' ? wwwFix(ctx.target) : recordFix(ctx.target, 'add', { name: s.name, type: 'CNAME', value: '<the address your provider gives you>' }, `so ${role} works`)
  return makeFinding(id, s.name, 'fail', {
    title: `${s.name} does not resolve`,
    summary: `Nobody can reach ${s.name}: ${why}.`,
    impact: id === 'dns.apex.resolves' ? 'Your whole site, its signups and its email links are unreachable.' : `Everything on ${s.name} (${role}) is unreachable.`,
    evidence: answerEvidence(s),
    fix,
  })
}

export async function cnameAtApexFinding(ctx: SuiteContext, apex: string, timeoutMs: number): Promise<Finding> {
  const id = 'dns.cname-at-apex'
  const r = await lookup(ctx, apex, 'CNAME', timeoutMs)
  if (!r.ok) return errorFinding(id, apex, `We could not look up ${apex}: ${r.problem}`)
  const c = recordsOf(r.res, 'CNAME').find((x) => norm(x.name) === apex)
  if (!c) return makeFinding(id, apex, 'pass', { title: 'No CNAME at the main domain', summary: `${apex} uses address records, so its email (MX, TXT) records stay visible.`, evidence: { name: apex, rcode: r.res.rcode } })
  return makeFinding(id, apex, 'fail', {
    title: 'A CNAME sits at your main domain',
    summary: `${apex} is a CNAME to ${norm(String(c.data))}, which DNS forbids next to the domain’s other records, so mail servers may not see your MX and SPF records.`,
    impact: 'Email to and from your domain can fail or land in spam, and some resolvers return wrong answers.',
    evidence: { name: apex, cname: norm(String(c.data)), ttl: c.ttl },
    fix: cnameAtApexFix(ctx.target, norm(String(c.data))),
  })
}

interface DanglingHit {
  name: string
  cname: string
  reason: string
  service?: string
  /** The community list's verdict, when the service and its sign of an unclaimed name matched. */
  verdict?: TakeoverVerdict
  discussion?: string
}

/** Whether `host` answers the way the listed service answers for a name nobody has claimed. */
async function unclaimedAnswer(ctx: SuiteContext, host: string, svc: TakeoverService, timeoutMs: number): Promise<string | null> {
  const sign = svc.sign
  if (sign.kind !== 'body' && sign.kind !== 'status') return null
  for (const scheme of ['http', 'https']) {
    try {
      const r = await ctx.http.request({ url: `${scheme}://${host}/`, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: 64 * 1024, acceptEncoding: true })
      if (sign.kind === 'status') return r.status === sign.status ? `status ${r.status}` : null
      const body = Buffer.from(r.decodedBody ?? r.body).toString('utf8')
      for (const p of sign.patterns) {
        const m = p.exec(body)
        if (m) return m[0].slice(0, 120)
      }
      return null
    } catch (e) {
      if (/cancel/.test(errMsg(e))) return null
    }
  }
  return null
}

export async function danglingFinding(ctx: SuiteContext, states: NameState[], timeoutMs: number): Promise<Finding> {
  const id = 'dns.dangling'
  const apex = norm(ctx.target.domain)
  const hits: DanglingHit[] = []
  const checked: { name: string; cname: string }[] = []
  const failed: string[] = []
  await Promise.all(
    states.map(async (s) => {
      if (!s.a.ok) {
        failed.push(s.name)
        return
      }
      const chain = cnameChain(s.a.res, s.name)
      if (chain.length === 0) return
      const end = chain[chain.length - 1]!.to
      checked.push({ name: s.name, cname: end })
      const service = takeoverServiceFor(end)
      const listed = (v: { verdict: TakeoverVerdict }) => (service ? { service: service.service, verdict: v.verdict, discussion: service.discussion } : {})
      if (addrs(s).length === 0) {
        // The chain stops without an address (an authoritative server does not chase it): ask for its end.
        const tail = await lookup(ctx, end, 'A', timeoutMs)
        if (tail.ok && tail.res.rcode === 'NXDOMAIN')
          return void hits.push({ name: s.name, cname: end, reason: `${end} does not exist`, ...(service?.sign.kind === 'nxdomain' ? listed(service) : service ? { service: service.service } : {}) })
        if (tail.ok && addressesOf(tail.res).length === 0 && tail.res.rcode !== 'NOERROR') return void hits.push({ name: s.name, cname: end, reason: `${end} fails to resolve (${tail.res.rcode})` })
        if (!tail.ok || addressesOf(tail.res).length === 0) return
      }
      if (service) {
        const said = await unclaimedAnswer(ctx, s.name, service, timeoutMs)
        if (said) hits.push({ name: s.name, cname: end, reason: `${service.service} answers “${said}”, as it does for a name nobody has claimed`, ...listed(service) })
      }
    }),
  )
  if (hits.length === 0 && failed.length === states.length) return errorFinding(id, apex, `We could not look up any of your names to check for dangling records.`)
  if (hits.length === 0)
    return makeFinding(id, apex, 'pass', {
      title: 'No dangling records',
      summary: checked.length ? `All ${checked.length} CNAME record${checked.length === 1 ? '' : 's'} point at names that exist and answer.` : 'None of your checked names use CNAME records, so none can dangle.',
      evidence: { checked, ...(failed.length ? { notChecked: failed } : {}) },
    })
  // Severity follows the harm: a name a stranger can claim is a launch blocker; one the list says cannot be claimed is tidying.
  const claimable = hits.filter((h) => h.verdict === 'vulnerable')
  const serious = hits.filter((h) => h.verdict !== 'not-vulnerable')
  const lead = claimable[0] ?? serious[0] ?? hits[0]!
  const verdictNote = (h: DanglingHit) => {
    const svc = h.service ? TAKEOVER_SERVICES.find((t) => t.service === h.service) : undefined
    return svc && h.verdict ? ` (${verdictWords(svc)})` : ''
  }
  const fix = recordsFix(ctx.target, 'delete', hits.map((h) => ({ name: h.name, type: 'CNAME', value: `${h.cname}.`, why: `it points at ${h.cname}, which ${h.service ? `${h.service} no longer serves for you` : 'no longer exists'}` })))
  const evidence = { dangling: hits, checked, source: 'can-i-take-over-xyz (CC BY 4.0)' }
  if (serious.length === 0)
    return makeFinding(id, apex, 'warn', {
      title: `${hits.length} record${hits.length === 1 ? ' points' : 's point'} at a service that no longer serves it`,
      summary: `${lead.name} points at ${lead.cname}, but ${lead.reason}${verdictNote(lead)}. Nobody else can serve content there, but the record is broken: delete it.`,
      evidence,
      fix,
      severity: 'low',
    })
  return makeFinding(id, apex, 'fail', {
    title: claimable.length ? `${claimable.length} record${claimable.length === 1 ? '' : 's'} anyone can take over` : `${serious.length} record${serious.length === 1 ? ' points' : 's point'} at a service you no longer use`,
    summary: `${lead.name} points at ${lead.cname}, but ${lead.reason}${verdictNote(lead)}; ${claimable.length ? 'a stranger can claim it and serve their content on your domain' : 'someone else could claim it and serve their content on your domain'}.`,
    impact: 'An attacker can host phishing pages or steal cookies on a subdomain your customers trust.',
    evidence,
    fix,
    severity: claimable.length ? 'blocker' : 'high',
  })
}

/** The hosts customers must reach: the canonical host (apex and www while it is not known) and the critical flows' hosts. */
function keyHosts(ctx: SuiteContext): Set<string> {
  const apex = norm(ctx.target.domain)
  const c = ctx.target.canonicalHost
  const out = new Set(c === 'www' ? [`www.${apex}`] : c === 'apex' ? [apex] : [apex, `www.${apex}`])
  for (const f of ctx.target.criticalFlows) {
    try {
      out.add(norm(new URL(f.url).hostname))
    } catch {
      /* an invalid flow URL has no host */
    }
  }
  return out
}

export function privateAddressFinding(ctx: SuiteContext, states: NameState[]): Finding {
  const id = 'dns.private-address'
  const apex = norm(ctx.target.domain)
  const seen = states.flatMap((s) => addrs(s).map((address) => ({ name: s.name, address, kind: nonPublicKind(address) })))
  if (seen.length === 0) return errorFinding(id, apex, 'None of your names returned an address, so there was nothing to check.', 0, { names: states.map((s) => s.name) })
  const bad = seen.filter((x) => x.kind)
  if (bad.length === 0) return makeFinding(id, apex, 'pass', { title: 'All addresses are public', summary: `All ${seen.length} addresses of your names are public internet addresses.`, evidence: { addresses: seen } })
  // The main address (either candidate while it is not configured) or a critical flow's host: nobody can reach the product.
  const key = keyHosts(ctx)
  const vital = bad.filter((b) => key.has(b.name))
  const lead = vital[0] ?? bad[0]!
  return makeFinding(id, apex, 'fail', {
    title: vital.length ? `Your site points at a private address nobody can reach` : `${bad.length} public name${bad.length === 1 ? ' points' : 's point'} at a private address`,
    summary: `${lead.name} points at ${lead.address} (${lead.kind}), which nobody on the internet can reach${vital.length ? ': it is the address customers use, so the product is unreachable for them' : ''}${bad.length > 1 ? `; ${bad.length - 1} more like it` : ''}.`,
    impact: 'Visitors cannot reach these names, and an internal address in public DNS tells attackers about your network.',
    evidence: { addresses: bad, ...(vital.length ? { launchCritical: vital.map((v) => v.name) } : {}) },
    severity: vital.length ? 'blocker' : 'high',
    fix: recordsFix(ctx.target, 'edit', bad.map((b) => ({ name: b.name, type: b.address.includes(':') ? 'AAAA' : 'A', value: '<the public address of this service>', why: `${b.address} is a ${b.kind} address` }))),
  })
}

export async function ttlFinding(ctx: SuiteContext, states: NameState[], timeoutMs: number): Promise<Finding> {
  const id = 'dns.ttl'
  const apex = norm(ctx.target.domain)
  const mx = await lookup(ctx, apex, 'MX', timeoutMs)
  const recs = [...states.flatMap((s) => [s.a, s.aaaa]), mx].flatMap((a) => (a.ok ? a.res.answers.filter((r) => ['A', 'AAAA', 'CNAME', 'MX'].includes(String(r.type))) : []))
  const rows = [...new Map(recs.map((r) => [`${norm(r.name)}/${r.type}`, { name: norm(r.name), type: String(r.type), ttl: r.ttl }])).values()].filter((r) => r.name === apex || r.name.endsWith(`.${apex}`))
  if (rows.length === 0) return errorFinding(id, apex, 'We found no address or mail records to check the TTL of.')
  const high = rows.filter((r) => r.ttl > 86_400)
  const warm = rows.filter((r) => r.ttl > 3600 && r.ttl <= 86_400)
  const evidence = { records: rows }
  if (high.length === 0 && warm.length === 0) return makeFinding(id, apex, 'pass', { title: 'DNS changes take effect quickly', summary: `Your launch-critical records have TTLs of at most ${Math.max(...rows.map((r) => r.ttl))} s, so a fix spreads within an hour.`, evidence })
  const worst = [...high, ...warm].sort((a, b) => b.ttl - a.ttl)[0]!
  const hours = Math.round(worst.ttl / 360) / 10
  return makeFinding(id, apex, high.length ? 'fail' : 'warn', {
    title: `A DNS change can take ${hours} hours to reach everyone`,
    summary: `${worst.name} (${worst.type}) has a TTL of ${worst.ttl} s, so if you need to move or fix it on launch day, some visitors keep the old answer for ${hours} hours.`,
    impact: 'Moving hosts or fixing a mistake during launch takes hours instead of minutes to reach customers.',
    evidence,
    fix: [...high, ...warm].map((r) => ({ text: `Lower the TTL of ${hostLabel(r.name, apex)} (${r.type}) to 300 seconds (5 minutes) in your DNS provider for the launch; raise it again once things are stable.`, value: '300' })),
  })
}
