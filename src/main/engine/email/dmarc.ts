/**
 * DMARC (RFC 7489, and RFC 9989 which replaces it): finding the record at
 * `_dmarc.<domain>` or, failing that, by RFC 9989's DNS tree walk (the
 * public suffix list, via tldts, only says whether a report address belongs
 * to another organisation), reading its tags, noting the tags RFC 9989
 * removed, checking rua/ruf addresses and whether report destinations in
 * another organisation have agreed to receive them (RFC 7489 §7.1:
 * `<domain>._report._dmarc.<destination>`), and the launch-time advice.
 */
import { getDomain } from 'tldts'
import type { Resolver } from '../types'
import { lookup, txtJoined, type LookupOpts } from './dns'
import { hasNonAscii, parseTags } from './tags'

export interface DmarcUri {
  uri: string
  valid: boolean
  /** The mailbox's domain (mailto: URIs). */
  domain?: string
  external?: boolean
  /** External destinations only: whether it publishes the authorisation record; null when DNS failed. */
  authorized?: boolean | null
  problem?: string
}

export interface DmarcRecordInfo {
  record: string
  valid: boolean
  problems: string[]
  policy?: 'none' | 'quarantine' | 'reject'
  subdomainPolicy?: string
  pct?: number
  rua: DmarcUri[]
  ruf: DmarcUri[]
  /** Tags RFC 9989 removed that this record still uses. */
  removedTags: string[]
  tags: Record<string, string>
}

export interface DmarcState {
  domain: string
  /** Where the record was found: the domain, the organisational domain, or null. */
  at: string | null
  info: DmarcRecordInfo | null
  /** Every DMARC record found at that name (more than one is invalid). */
  records: string[]
  error?: string
  orgDomain: string
  /** The names the tree walk asked, in order. */
  walked: string[]
}

const POLICIES = new Set(['none', 'quarantine', 'reject'])
export const REMOVED_TAGS: Record<string, string> = {
  pct: 'pct (the percentage of mail the policy applies to) was removed by RFC 9989; receivers now apply the policy to all mail or, with t=y, treat it as a test.',
  rf: 'rf (the failure report format) was removed by RFC 9989; it can be deleted.',
  ri: 'ri (the report interval) was removed by RFC 9989; receivers send aggregate reports daily anyway.',
}

export const orgDomainOf = (d: string): string => getDomain(d, { allowPrivateDomains: false }) ?? d

function parseUris(value: string | undefined, ownOrg: string): DmarcUri[] {
  if (!value) return []
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((uri) => {
      const m = /^mailto:([^@\s!]+)@([^!\s]+?)(![0-9]+[kmgt]?)?$/i.exec(uri)
      if (!m) {
        if (/^https?:/i.test(uri)) return { uri, valid: false, problem: `“${uri}” is a web address; DMARC reports go to mailto: addresses only.` }
        return { uri, valid: false, problem: `“${uri}” is not a valid report address; write it as mailto:reports@example.com.` }
      }
      const domain = m[2]!.toLowerCase().replace(/\.$/, '')
      return { uri, valid: true, domain, external: orgDomainOf(domain) !== ownOrg }
    })
}

export function parseDmarc(record: string, domain: string): DmarcRecordInfo {
  const problems: string[] = []
  if (hasNonAscii(record)) problems.push('The record contains characters that are not plain ASCII (often a curly quote pasted from a document).')
  const { tags, order, duplicates, malformed } = parseTags(record)
  if (order[0] !== 'v' || tags.get('v') !== 'DMARC1') problems.push('The record must start with “v=DMARC1;” exactly.')
  const p = tags.get('p')?.toLowerCase()
  if (p === undefined) problems.push('The record has no policy (p=); receivers ignore it.')
  else if (!POLICIES.has(p)) problems.push(`“p=${p}” is not a policy; use none, quarantine or reject.`)
  const sp = tags.get('sp')?.toLowerCase()
  if (sp !== undefined && !POLICIES.has(sp)) problems.push(`“sp=${sp}” is not a policy; use none, quarantine or reject.`)
  for (const a of ['adkim', 'aspf']) {
    const v = tags.get(a)?.toLowerCase()
    if (v !== undefined && v !== 'r' && v !== 's') problems.push(`“${a}=${v}” must be r (relaxed) or s (strict).`)
  }
  let pct: number | undefined
  if (tags.has('pct')) {
    pct = Number(tags.get('pct'))
    if (!Number.isInteger(pct) || pct < 0 || pct > 100) problems.push(`“pct=${tags.get('pct')}” must be a whole number from 0 to 100.`)
  }
  for (const d of duplicates) problems.push(`The tag “${d}” appears twice.`)
  for (const m of malformed) problems.push(`“${m}” is not a tag=value pair; check the semicolons.`)
  const own = orgDomainOf(domain)
  const rua = parseUris(tags.get('rua'), own)
  const ruf = parseUris(tags.get('ruf'), own)
  const valid = p !== undefined && POLICIES.has(p) && order[0] === 'v' && tags.get('v') === 'DMARC1'
  return {
    record,
    valid,
    problems,
    ...(p && POLICIES.has(p) ? { policy: p as DmarcRecordInfo['policy'] } : {}),
    ...(sp ? { subdomainPolicy: sp } : {}),
    ...(pct !== undefined ? { pct } : {}),
    rua,
    ruf,
    removedTags: Object.keys(REMOVED_TAGS).filter((t) => tags.has(t)),
    tags: Object.fromEntries(tags),
  }
}

const isDmarc = (t: string) => /^v\s*=\s*DMARC1\s*(;|$)/i.test(t)

/**
 * RFC 9989's DNS tree walk (§4.10): the names to ask for a DMARC record,
 * nearest first — the domain itself, then (for a name of eight labels or
 * more) straight to its last seven labels, then one label less at a time down
 * to the top-level domain: at most eight questions whatever the name.
 */
export function treeWalkNames(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean)
  const out = [labels.join('.')]
  let n = labels.length >= 8 ? 7 : labels.length - 1
  for (; n >= 1; n--) out.push(labels.slice(labels.length - n).join('.'))
  return out
}

/**
 * Policy discovery (RFC 9989 §4.10): the record at the domain if it has one,
 * else the first one the tree walk meets. At the domain itself more than one
 * record is an error we report; higher up such a set is discarded and the
 * walk goes on, as receivers do. A record with a psd tag ends the walk.
 */
export async function readDmarc(resolver: Resolver, domain: string, opts: LookupOpts = {}): Promise<DmarcState> {
  const orgDomain = orgDomainOf(domain)
  const walked: string[] = []
  for (const d of treeWalkNames(domain)) {
    walked.push(d)
    const l = await lookup(resolver, `_dmarc.${d}`, 'TXT', opts)
    if (l.status === 'error') return { domain, at: null, info: null, records: [], orgDomain, walked, error: l.reason ?? 'DNS did not answer.' }
    const records = txtJoined(l).filter(isDmarc)
    if (records.length === 0) continue
    if (records.length > 1) {
      if (d === domain.toLowerCase()) return { domain, at: d, info: null, records, orgDomain, walked, error: `_dmarc.${d} has ${records.length} DMARC records; receivers then ignore DMARC entirely.` }
      continue
    }
    const info = parseDmarc(records[0]!, d)
    for (const u of [...info.rua, ...info.ruf]) {
      if (!u.valid || !u.external || !u.domain) continue
      const auth = await lookup(resolver, `${d}._report._dmarc.${u.domain}`, 'TXT', opts)
      u.authorized = auth.status === 'error' ? null : txtJoined(auth).some(isDmarc)
      if (u.authorized === false) u.problem = `${u.domain} has not agreed to receive reports about ${d} (no TXT record at ${d}._report._dmarc.${u.domain}), so receivers will not send them.`
    }
    return { domain, at: d, info, records, orgDomain, walked }
  }
  return { domain, at: null, info: null, records: [], orgDomain, walked }
}

/** The record to publish at launch: monitoring first, with reports. */
export function launchDmarcRecord(domain: string, current: DmarcRecordInfo | null): { record: string; next: string[] } {
  const rua = current?.rua.filter((u) => u.valid && (u.authorized ?? true)).map((u) => u.uri) ?? []
  const ruaValue = rua.length ? rua.join(',') : `mailto:dmarc-reports@${domain}`
  const policy = current?.policy && current.policy !== 'none' ? current.policy : 'none'
  const record = `v=DMARC1; p=${policy}; rua=${ruaValue}; adkim=r; aspf=r`
  const next =
    policy === 'none'
      ? [
          `Week 0: publish p=none with reports (above). Nothing is blocked yet; you start seeing who sends as ${domain}.`,
          `After 2–4 weeks of reports showing only your own services passing: change p=none to p=quarantine (failing mail goes to spam).`,
          `After another 2–4 clean weeks: change it to p=reject (failing mail is refused, so nobody can send as ${domain}).`,
        ]
      : policy === 'quarantine'
        ? [`Once reports show only your own services for 2–4 weeks, change p=quarantine to p=reject.`]
        : []
  return { record, next }
}
