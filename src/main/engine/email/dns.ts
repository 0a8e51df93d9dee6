/**
 * DNS helpers for the email checks, over the engine's Resolver seam: one
 * lookup shape that keeps NXDOMAIN, NODATA and "could not ask" apart (a
 * timeout is never "no record"), and the adapter that lets mailauth's SPF
 * evaluator resolve through our client instead of Node's resolver.
 */
import { DnsTimeoutError, type DnsRecord, type MxData, type RecordType, type Resolver } from '../types'

export type LookupStatus = 'ok' | 'nxdomain' | 'nodata' | 'error'

export interface Lookup {
  name: string
  type: RecordType
  status: LookupStatus
  /** Records of the asked type (CNAMEs on the way are left out). */
  records: DnsRecord[]
  /** Size of the DNS answer in bytes (0 when none came back). */
  size: number
  rcode?: string
  /** Plain-language reason when status is `error`. */
  reason?: string
  timedOut?: boolean
}

export interface LookupOpts {
  timeoutMs?: number
  signal?: AbortSignal
}

const strip = (n: string) => n.toLowerCase().replace(/\.$/, '')

export async function lookup(resolver: Resolver, name: string, type: RecordType, opts: LookupOpts = {}): Promise<Lookup> {
  const base = { name: strip(name), type }
  if (opts.signal?.aborted) return { ...base, status: 'error', records: [], size: 0, reason: 'The check was stopped before it could ask DNS.' }
  try {
    const r = await resolver.query(name, type, { ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) })
    const records = r.answers.filter((a) => a.type === type)
    if (r.rcode === 'NXDOMAIN') return { ...base, status: 'nxdomain', records: [], size: r.size, rcode: r.rcode }
    if (r.rcode !== 'NOERROR') {
      return { ...base, status: 'error', records: [], size: r.size, rcode: r.rcode, reason: `The DNS server answered ${r.rcode} for ${base.name} (${type}), so we could not read the record.` }
    }
    return { ...base, status: records.length ? 'ok' : 'nodata', records, size: r.size, rcode: r.rcode }
  } catch (e) {
    const timedOut = e instanceof DnsTimeoutError || (e as { code?: string } | null)?.code === 'dns-timeout'
    const msg = e instanceof Error ? e.message : String(e)
    // The client's errors are already plain sentences that name the server, the name and the type.
    const own = e instanceof Error && /\b(DNS|server)\b/i.test(msg)
    const reason = own ? msg : timedOut ? `DNS did not answer for ${base.name} (${type}) in time.` : `We could not ask DNS about ${base.name} (${type}): ${msg}`
    return { ...base, status: 'error', records: [], size: 0, timedOut, reason }
  }
}

/** The TXT records of a lookup, each as its character-strings. */
export function txtStrings(l: Lookup): string[][] {
  return l.records.map((r) => r.strings ?? [typeof r.data === 'string' ? r.data : ''])
}

/** The TXT records of a lookup, each joined (RFC 7208 §3.3: strings are concatenated without spaces). */
export function txtJoined(l: Lookup): string[] {
  return txtStrings(l).map((s) => s.join(''))
}

export function mxOf(l: Lookup): MxData[] {
  return l.records
    .map((r) => r.data as MxData)
    .filter((m) => m && typeof m.exchange === 'string')
    .map((m) => ({ preference: m.preference, exchange: strip(m.exchange) }))
    .sort((a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange))
}

type MailauthAnswer = string[][] | string[] | { exchange: string; priority: number }[]

class ResolveError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
  }
}

/**
 * mailauth's `resolver` option: `(name, rrtype)` resolving like `dns.promises.resolve`,
 * rejecting with ENOTFOUND (NXDOMAIN), ENODATA (no record of that type),
 * ETIMEOUT or ESERVFAIL (temperror). Every query goes through our Resolver.
 */
export function mailauthResolver(resolver: Resolver, opts: LookupOpts = {}): (name: string, rrtype: string) => Promise<MailauthAnswer> {
  return async (name, rrtype) => {
    const type = rrtype.toUpperCase() as RecordType
    const l = await lookup(resolver, name, type, opts)
    if (l.status === 'nxdomain') throw new ResolveError(`${name} does not exist`, 'ENOTFOUND')
    if (l.status === 'nodata') throw new ResolveError(`${name} has no ${type} record`, 'ENODATA')
    if (l.status === 'error') throw new ResolveError(l.reason ?? 'DNS error', l.timedOut ? 'ETIMEOUT' : 'ESERVFAIL')
    switch (type) {
      case 'TXT':
        return txtStrings(l)
      case 'MX':
        return mxOf(l).map((m) => ({ exchange: m.exchange, priority: m.preference }))
      default:
        return l.records.map((r) => (typeof r.data === 'string' ? strip(r.data) : String(r.data)))
    }
  }
}
