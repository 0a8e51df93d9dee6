/**
 * Where mail to the domain goes: MX records and the null MX of RFC 7505,
 * MTA-STS (RFC 8461: the `_mta-sts` TXT record and the HTTPS policy file,
 * fetched through the engine's HttpClient seam, with mode, max_age and mx
 * patterns that must cover every MX host) and TLS-RPT (RFC 8460).
 */
import type { HttpClient, MxData, Resolver } from '../types'
import { lookup, mxOf, txtJoined, type Lookup, type LookupOpts } from './dns'
import { hasNonAscii, parseTags } from './tags'

export interface MxState {
  lookup: Lookup
  mx: MxData[]
  nullMx: boolean
  /** MX hosts that do not resolve to any address. */
  dangling: string[]
  /** MX hosts we could not check (DNS error). */
  unchecked: string[]
}

export async function readMx(resolver: Resolver, domain: string, opts: LookupOpts = {}): Promise<MxState> {
  const l = await lookup(resolver, domain, 'MX', opts)
  const mx = mxOf(l)
  const nullMx = mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.')
  const dangling: string[] = []
  const unchecked: string[] = []
  if (!nullMx) {
    await Promise.all(
      mx.slice(0, 10).map(async (m) => {
        const [a, aaaa] = await Promise.all([lookup(resolver, m.exchange, 'A', opts), lookup(resolver, m.exchange, 'AAAA', opts)])
        if (a.status === 'ok' || aaaa.status === 'ok') return
        if (a.status === 'error' && aaaa.status === 'error') unchecked.push(m.exchange)
        else dangling.push(m.exchange)
      }),
    )
  }
  return { lookup: l, mx, nullMx, dangling, unchecked }
}

export interface StsPolicy {
  version?: string
  mode?: string
  maxAge?: number
  mx: string[]
  problems: string[]
}

/** Reads an MTA-STS policy file (RFC 8461 §3.2). */
export function parseStsPolicy(text: string): StsPolicy {
  const out: StsPolicy = { mx: [], problems: [] }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const i = line.indexOf(':')
    if (i <= 0) {
      out.problems.push(`The line “${line.slice(0, 60)}” is not “key: value”.`)
      continue
    }
    const key = line.slice(0, i).trim().toLowerCase()
    const value = line.slice(i + 1).trim()
    if (key === 'version') out.version = value
    else if (key === 'mode') out.mode = value
    else if (key === 'max_age') out.maxAge = /^\d{1,10}$/.test(value) ? Number(value) : NaN
    else if (key === 'mx') out.mx.push(value.toLowerCase().replace(/\.$/, ''))
  }
  if (out.version !== 'STSv1') out.problems.push('The policy file must start with “version: STSv1”.')
  if (!out.mode) out.problems.push('The policy file has no “mode:” line (enforce, testing or none).')
  else if (!['enforce', 'testing', 'none'].includes(out.mode)) out.problems.push(`“mode: ${out.mode}” is not valid; use enforce, testing or none.`)
  if (out.maxAge === undefined) out.problems.push('The policy file has no “max_age:” line.')
  else if (!Number.isFinite(out.maxAge) || out.maxAge > 31557600) out.problems.push('“max_age” must be a number of seconds up to 31557600 (one year).')
  if (out.mode && out.mode !== 'none' && out.mx.length === 0) out.problems.push('The policy lists no “mx:” lines, so no mail server matches it.')
  return out
}

/** `*.example.com` matches exactly one extra label (RFC 8461 §4.1). */
export function mxMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  const p = pattern.toLowerCase().replace(/\.$/, '')
  if (p.startsWith('*.')) {
    const rest = p.slice(2)
    const dot = h.indexOf('.')
    return dot > 0 && h.slice(dot + 1) === rest
  }
  return h === p
}

export interface MtaStsState {
  record: string | null
  recordProblem?: string
  policyUrl: string
  policyText: string | null
  policy?: StsPolicy
  /** Why the policy could not be fetched or used. */
  fetchProblem?: string
  uncoveredMx: string[]
  dnsError?: string
}

/**
 * The MTA-STS record and policy. The policy file is fetched at the same time
 * as the record is looked up (one chain of round trips instead of two); it is
 * only used when the record exists. `mxHosts` may still be on its way.
 */
export async function readMtaSts(resolver: Resolver, http: HttpClient, domain: string, mxHosts: string[] | Promise<string[]>, opts: LookupOpts = {}): Promise<MtaStsState> {
  const policyUrl = `https://mta-sts.${domain}/.well-known/mta-sts.txt`
  const fetched = http
    .request({ url: policyUrl, maxBodyBytes: 64 * 1024, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) })
    .then((res) => ({ res }), (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }))
  const l = await lookup(resolver, `_mta-sts.${domain}`, 'TXT', opts)
  const base: MtaStsState = { record: null, policyUrl, policyText: null, uncoveredMx: [] }
  if (l.status === 'error') return { ...base, dnsError: l.reason ?? 'DNS did not answer.' }
  const records = txtJoined(l).filter((t) => /^v=STSv1\s*(;|$)/i.test(t))
  if (records.length === 0) return base
  const record = records[0]!
  const state: MtaStsState = { ...base, record }
  const tags = parseTags(record).tags
  if (records.length > 1) state.recordProblem = `_mta-sts.${domain} has ${records.length} MTA-STS records; senders then ignore MTA-STS.`
  else if (!/^[A-Za-z0-9]{1,32}$/.test(tags.get('id') ?? '')) state.recordProblem = 'The record needs an “id=” of 1 to 32 letters and digits (change it whenever the policy changes).'
  else if (hasNonAscii(record)) state.recordProblem = 'The record contains characters that are not plain ASCII.'
  const got = await fetched
  if ('error' in got) {
    state.fetchProblem = `We could not fetch ${policyUrl}: ${got.error}.`
    return state
  }
  const res = got.res
  if (res.status !== 200) {
    state.fetchProblem = `${policyUrl} answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (a redirect; MTA-STS does not follow redirects)' : ''} instead of the policy file.`
    return state
  }
  const type = String(res.headers['content-type'] ?? '')
  const text = Buffer.from(res.decodedBody ?? res.body).toString('utf8')
  state.policyText = text
  state.policy = parseStsPolicy(text)
  if (type && !/^text\/plain/i.test(type)) state.policy.problems.push(`The policy file is served as “${type}”; it should be text/plain.`)
  if (state.policy.mode && state.policy.mode !== 'none') {
    const hosts = await mxHosts
    state.uncoveredMx = hosts.filter((h) => !state.policy!.mx.some((p) => mxMatches(h, p)))
  }
  return state
}

export interface TlsRptState {
  record: string | null
  problem?: string
  dnsError?: string
}

export async function readTlsRpt(resolver: Resolver, domain: string, opts: LookupOpts = {}): Promise<TlsRptState> {
  const l = await lookup(resolver, `_smtp._tls.${domain}`, 'TXT', opts)
  if (l.status === 'error') return { record: null, dnsError: l.reason ?? 'DNS did not answer.' }
  const records = txtJoined(l).filter((t) => /^v=TLSRPTv1\s*(;|$)/i.test(t))
  if (records.length === 0) return { record: null }
  const record = records[0]!
  if (records.length > 1) return { record, problem: `_smtp._tls.${domain} has ${records.length} TLS-RPT records; senders then ignore them.` }
  const rua = parseTags(record).tags.get('rua')
  if (!rua) return { record, problem: 'The record has no “rua=” address to send reports to.' }
  const bad = rua.split(',').map((s) => s.trim()).filter((u) => !/^mailto:[^@\s]+@[^@\s]+$/i.test(u) && !/^https:\/\/\S+$/i.test(u))
  if (bad.length) return { record, problem: `“${bad.join(', ')}” is not a mailto: or https:// address.` }
  return { record }
}
