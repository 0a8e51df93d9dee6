/** dns.* checks that compare sources: each authoritative name server, public resolvers, the project's DNS map, and CAA vs the live certificate. */
import { getServers } from 'node:dns'
import type { Finding } from '../../../shared/model'
import type { ExpectedRecord } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import { parseServer, presentRecord } from '../dns/records'
import type { CaaData, DnsRecord, RecordType, SuiteContext } from '../types'
import { shared } from '../web/util'
import { tlsProbeOf } from '../web/checks-tls'
import { recordFix, recordsFix } from './fixes'
import { absoluteName, addressesOf, lookup, norm, recordsOf } from './query'

export const PUBLIC_RESOLVERS = ['1.1.1.1', '8.8.8.8', '9.9.9.9'] as const

export interface AuthView {
  ns: string
  server: string | null
  serial: number | null
  apexA: string[]
  problem?: string
}

/** Asks every authoritative name server of the apex for its SOA and the apex's A records (RD=0). Port 53, or the port map's. */
export function authoritativeViews(ctx: SuiteContext, timeoutMs: number): Promise<{ ns: string[]; views: AuthView[]; problem?: string }> {
  return shared(ctx, 'dns.auth', async () => {
    const apex = norm(ctx.target.domain)
    const nsA = await lookup(ctx, apex, 'NS', timeoutMs)
    if (!nsA.ok) return { ns: [], views: [], problem: nsA.problem }
    const ns = recordsOf(nsA.res, 'NS').map((r) => norm(String(r.data)))
    const port = ctx.portMap?.[53] ?? 53
    const views = await Promise.all(
      ns.map(async (n): Promise<AuthView> => {
        const addr = await lookup(ctx, n, 'A', timeoutMs)
        const ip = addr.ok ? addressesOf(addr.res)[0] : undefined
        if (!ip) return { ns: n, server: null, serial: null, apexA: [], problem: addr.ok ? `${n} has no address` : addr.problem }
        const server = `${ip}:${port}`
        const [soa, a] = await Promise.all([lookup(ctx, apex, 'SOA', timeoutMs, { server, recursive: false }), lookup(ctx, apex, 'A', timeoutMs, { server, recursive: false })])
        if (!soa.ok) return { ns: n, server, serial: null, apexA: [], problem: soa.problem }
        const s = recordsOf(soa.res, 'SOA')[0]
        return { ns: n, server, serial: s ? (s.data as { serial: number }).serial : null, apexA: a.ok ? addressesOf(a.res).sort() : [], ...(!s ? { problem: `answered ${soa.res.rcode} without an SOA record${soa.res.aa ? '' : ' and is not authoritative'}` } : {}) }
      }),
    )
    return { ns, views }
  })
}

export async function nsConsistencyFinding(ctx: SuiteContext, timeoutMs: number): Promise<Finding> {
  const id = 'dns.ns-consistency'
  const apex = norm(ctx.target.domain)
  const { ns, views, problem } = await authoritativeViews(ctx, timeoutMs)
  if (problem) return errorFinding(id, apex, `We could not find the name servers of ${apex}: ${problem}`)
  if (ns.length === 0) return errorFinding(id, apex, `${apex} lists no name servers, so they could not be compared.`)
  const answered = views.filter((v) => !v.problem)
  if (answered.length === 0) return errorFinding(id, apex, `None of the name servers of ${apex} answered: ${views[0]?.problem ?? 'no answer'}.`, 0, { views })
  const serials = new Set(answered.map((v) => v.serial))
  const answers = new Set(answered.map((v) => v.apexA.join(',')))
  const lame = views.filter((v) => v.problem)
  if (serials.size === 1 && answers.size === 1 && lame.length === 0)
    return makeFinding(id, apex, 'pass', { title: 'Your name servers agree', summary: `All ${views.length} name servers of ${apex} give the same answers (zone version ${[...serials][0]}).`, evidence: { views } })
  const what = lame.length ? `${lame.map((v) => v.ns).join(', ')} did not answer properly (${lame[0]!.problem})` : serials.size > 1 ? `they hold different versions of your zone (serials ${[...serials].join(' vs ')})` : 'they give different addresses for your domain'
  return makeFinding(id, apex, 'fail', {
    title: 'Your name servers disagree',
    summary: `Depending on which name server a visitor’s resolver asks, they get a different answer: ${what}.`,
    impact: 'Some customers reach the old site or nothing at all, at random, and fixes seem to work only sometimes.',
    evidence: { views },
    fix: [
      { text: `Log in to your DNS provider${ctx.target.dnsProvider ? ` (${ctx.target.dnsProvider})` : ''} and check that every name server listed at your registrar belongs to it; remove the ones that do not (left over from a previous provider).`, value: ns.join('\n') },
      { text: 'If they all belong to your provider, the zone is not syncing: contact its support with the serials shown under “What we saw”.' },
    ],
  })
}

export interface PropagationOptions {
  /** Public resolvers to compare with (`host[:port]`); default 1.1.1.1, 8.8.8.8, 9.9.9.9. */
  publicResolvers?: string[]
}

/** Whether the resolver is the system's own (not a `--dns-server` override, a staging or a fixture server). */
function usesSystemResolver(ctx: SuiteContext): boolean {
  const label = (s: string) => {
    try {
      return parseServer(s).label
    } catch {
      return s
    }
  }
  const sys = new Set(getServers().map(label))
  const mine = ctx.resolver.servers()
  return mine.length > 0 && mine.every((s) => sys.has(label(s)))
}

export async function propagationFinding(ctx: SuiteContext, timeoutMs: number, opts: PropagationOptions): Promise<Finding> {
  const id = 'dns.propagation'
  const apex = norm(ctx.target.domain)
  if (!opts.publicResolvers) {
    if (/\.(test|example|invalid|localhost)$/.test(apex)) return makeFinding(id, apex, 'skipped', { title: 'Not a public domain', summary: `${apex} is a reserved test name that public resolvers never answer for, so there is nothing to compare.`, evidence: {} })
    if (!usesSystemResolver(ctx)) return makeFinding(id, apex, 'skipped', { title: 'Custom DNS server in use', summary: 'This audit asks a DNS server you chose, so comparing with public resolvers would not tell you anything about it.', evidence: { resolver: ctx.resolver.servers() } })
  }
  const resolvers = opts.publicResolvers ?? [...PUBLIC_RESOLVERS]
  const names = [apex, `www.${apex}`]
  const { views } = await authoritativeViews(ctx, timeoutMs)
  const auth = views.find((v) => !v.problem)
  const reference = new Map<string, string>()
  for (const n of names) {
    if (n === apex && auth) reference.set(n, auth.apexA.join(','))
    else {
      const r = await lookup(ctx, n, 'A', timeoutMs)
      if (r.ok) reference.set(n, addressesOf(r.res).sort().join(','))
    }
  }
  const rows = await Promise.all(
    resolvers.flatMap((server) =>
      names.map(async (name) => {
        const r = await lookup(ctx, name, 'A', timeoutMs, { server, recursive: true })
        return r.ok ? { resolver: server, name, answer: addressesOf(r.res).sort().join(','), ttl: r.res.answers[0]?.ttl ?? null } : { resolver: server, name, answer: null, problem: r.problem }
      }),
    ),
  )
  const answered = rows.filter((r) => r.answer !== null)
  if (answered.length === 0) return errorFinding(id, apex, `None of the public resolvers answered (${rows[0] && 'problem' in rows[0] ? rows[0].problem : 'no answer'}).`, 0, { rows })
  const differ = answered.filter((r) => reference.has(r.name) && r.answer !== reference.get(r.name))
  const evidence = { reference: Object.fromEntries(reference), rows }
  if (differ.length === 0) return makeFinding(id, apex, 'pass', { title: 'Public resolvers see your current records', summary: `${resolvers.length} public resolvers return the same addresses as your name servers.`, evidence })
  return makeFinding(id, apex, 'fail', {
    title: 'Some resolvers still see old records',
    summary: `${differ[0]!.resolver} returns ${differ[0]!.answer || 'nothing'} for ${differ[0]!.name} while your name servers say ${reference.get(differ[0]!.name) || 'nothing'}, so some visitors still go to the old place.`,
    impact: 'Until caches expire, some customers reach the old server or an error.',
    evidence,
    fix: [{ text: `Wait for the old answer’s TTL to pass (up to ${Math.max(...differ.map((d) => d.ttl ?? 0))} s). If it persists for longer than a day, check that the registrar’s name servers match your DNS provider.` }],
  })
}

const normValue = (v: string) => v.trim().toLowerCase().replace(/"/g, '').replace(/\s+/g, ' ').replace(/\.$/, '').replace(/\. /g, ' ')

export interface ExpectedResult {
  name: string
  type: string
  expected: string
  found: string[]
  matches: boolean
  problem?: string
}

export function checkExpected(ctx: SuiteContext, timeoutMs: number): Promise<ExpectedResult[]> {
  return shared(ctx, 'dns.expected', () =>
    Promise.all(
      ctx.target.expectedDns.map(async (e: ExpectedRecord): Promise<ExpectedResult> => {
        const name = absoluteName(e.name, ctx.target.domain)
        const type = e.type.trim().toUpperCase()
        const r = await lookup(ctx, name, type as RecordType, timeoutMs)
        if (!r.ok) return { name, type, expected: e.value, found: [], matches: false, problem: r.problem }
        const found = r.res.answers.filter((a) => a.type === type && norm(a.name) === name).map(presentRecord)
        return { name, type, expected: e.value, found, matches: found.some((f) => normValue(f) === normValue(e.value)) }
      }),
    ),
  )
}

export async function expectedFinding(ctx: SuiteContext, timeoutMs: number): Promise<Finding> {
  const id = 'dns.expected'
  const apex = norm(ctx.target.domain)
  if (ctx.target.expectedDns.length === 0) return makeFinding(id, apex, 'skipped', { title: 'No DNS map to compare', summary: 'Add the records you expect (for example from your hosting and email providers) to the project’s DNS map and we will check each one.', evidence: {} })
  const rows = await checkExpected(ctx, timeoutMs)
  if (rows.every((r) => r.problem)) return errorFinding(id, apex, `We could not look up your expected records: ${rows[0]!.problem}`, 0, { rows })
  const bad = rows.filter((r) => !r.matches)
  if (bad.length === 0) return makeFinding(id, apex, 'pass', { title: 'Records match your DNS map', summary: `All ${rows.length} records in your DNS map are live as expected.`, evidence: { rows } })
  return makeFinding(id, apex, 'fail', {
    title: `${bad.length} record${bad.length === 1 ? ' differs' : 's differ'} from your DNS map`,
    summary: `${bad[0]!.name} (${bad[0]!.type}) should be ${bad[0]!.expected} but is ${bad[0]!.found.join(', ') || 'missing'}.`,
    impact: 'A record that is not what you planned usually means a service (site, email, verification) is pointing at the wrong place.',
    evidence: { rows },
    fix: [...recordsFix(ctx.target, 'edit', bad.filter((b) => b.found.length).map((b) => ({ name: b.name, type: b.type, value: b.expected, why: 'as in your DNS map' }))), ...recordsFix(ctx.target, 'add', bad.filter((b) => !b.found.length).map((b) => ({ name: b.name, type: b.type, value: b.expected, why: 'as in your DNS map' })))],
  })
}

/** CA domains (CAA issuer names) of the common public CAs, by what their certificates say in the issuer field. */
const CA_DOMAINS: [RegExp, string[]][] = [
  [/let'?s encrypt/i, ['letsencrypt.org']],
  [/digicert|geotrust|rapidssl|thawte|symantec|verisign|cloudflare/i, ['digicert.com', 'symantec.com', 'geotrust.com', 'rapidssl.com', 'thawte.com']],
  [/sectigo|comodo|usertrust|zerossl/i, ['sectigo.com', 'comodoca.com', 'comodo.com', 'usertrust.com', 'zerossl.com']],
  [/google trust services|\bGTS\b/i, ['pki.goog', 'google.com']],
  [/amazon/i, ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com']],
  [/globalsign/i, ['globalsign.com']],
  [/godaddy|starfield/i, ['godaddy.com', 'starfieldtech.com']],
  [/buypass/i, ['buypass.com', 'buypass.no']],
  [/ssl\.com/i, ['ssl.com']],
  [/entrust/i, ['entrust.net']],
  [/microsoft/i, ['microsoft.com']],
]

export const caDomainsFor = (issuer: string): string[] | undefined => CA_DOMAINS.find(([re]) => re.test(issuer))?.[1]

/** The relevant CAA set (RFC 8659): the closest name from `host` up to the apex that has CAA records. */
async function relevantCaa(ctx: SuiteContext, host: string, apex: string, timeoutMs: number): Promise<{ at: string; records: DnsRecord[] } | { problem: string }> {
  const labels = host.split('.')
  for (let i = 0; i < labels.length; i++) {
    const name = labels.slice(i).join('.')
    const r = await lookup(ctx, name, 'CAA', timeoutMs)
    if (!r.ok) return { problem: r.problem }
    const recs = recordsOf(r.res, 'CAA').filter((x) => norm(x.name) === name)
    if (recs.length) return { at: name, records: recs }
    if (name === apex) break
  }
  return { at: apex, records: [] }
}

export async function caaFinding(ctx: SuiteContext, timeoutMs: number): Promise<Finding> {
  const id = 'dns.caa'
  const apex = norm(ctx.target.domain)
  const host = ctx.target.canonicalHost === 'www' ? `www.${apex}` : apex
  const caa = await relevantCaa(ctx, host, apex, timeoutMs)
  if ('problem' in caa) return errorFinding(id, apex, `We could not look up the CAA records of ${apex}: ${caa.problem}`)
  const values = caa.records.map((r) => r.data as CaaData)
  const evidence: Record<string, unknown> = { at: caa.at, records: caa.records.map(presentRecord) }
  if (values.length === 0) return makeFinding(id, apex, 'pass', { title: 'No CAA restriction', summary: `${apex} has no CAA records, so any certificate authority may issue for it (adding one is optional hardening).`, evidence })
  const probe = await tlsProbeOf(ctx, host, timeoutMs)
  if (!probe.leaf) return errorFinding(id, apex, `We could not read the live certificate of ${host} to compare with your CAA records: ${probe.error ?? 'no certificate'}.`, 0, evidence)
  const wildcard = probe.leaf.names.some((n) => n.startsWith('*.'))
  const issueTag = wildcard && values.some((v) => v.tag === 'issuewild') ? 'issuewild' : 'issue'
  const allowed = values.filter((v) => v.tag.toLowerCase() === issueTag).map((v) => v.value.split(';')[0]!.trim().toLowerCase())
  const domains = caDomainsFor(probe.leaf.issuer)
  Object.assign(evidence, { issuer: probe.leaf.issuer, tag: issueTag, allowed, issuerCaaDomains: domains ?? null })
  if (!domains)
    return makeFinding(id, apex, 'warn', {
      title: 'We could not match your certificate authority',
      summary: `Your certificate comes from “${probe.leaf.issuer}”, which we could not match to a CAA name; check that ${allowed.join(', ') || 'your CAA records'} include it before the next renewal.`,
      evidence,
    })
  if (allowed.some((a) => domains.includes(a))) return makeFinding(id, apex, 'pass', { title: 'CAA allows your certificate authority', summary: `Your CAA records allow ${allowed.join(', ')}, which issued the live certificate.`, evidence })
  return makeFinding(id, apex, 'fail', {
    title: 'CAA blocks your certificate authority',
    summary: `Your CAA records only allow ${allowed.join(', ') || 'no one'}, but your certificate comes from ${domains[0]}, so its next renewal will be refused and the site will go down when it expires.`,
    impact: 'Certificate renewal fails silently; when the current certificate expires every visitor gets a security warning.',
    evidence,
    fix: recordFix(ctx.target, 'add', { name: caa.at, type: 'CAA', value: `0 ${issueTag} "${domains[0]}"` }, `so ${domains[0]} may keep issuing your certificates`),
  })
}

