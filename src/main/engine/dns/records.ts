/**
 * Turning dns-packet's decoded records into the engine's DnsRecord shape, the
 * presentation strings shown in the DNS map, and parsing server addresses.
 */
import net from 'node:net'
import { domainToASCII } from 'node:url'
import type { CaaData, DnsRecord, MxData, SoaData } from '../types'

/** A decoded resource record as dns-packet hands it over (loosely typed on purpose). */
export interface RawAnswer {
  name: string
  type: string
  ttl?: number
  data?: unknown
}

const asText = (b: unknown): string => (Buffer.isBuffer(b) ? b.toString('utf8') : typeof b === 'string' ? b : String(b))

/** Converts one decoded answer/authority record. */
export function toDnsRecord(a: RawAnswer): DnsRecord {
  const base = { name: a.name, type: a.type, ttl: a.ttl ?? 0 }
  const d = a.data as Record<string, unknown> | string | Buffer | unknown[] | undefined
  switch (a.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR':
      return { ...base, data: typeof d === 'string' ? d : asText(d) }
    case 'TXT': {
      const parts = Array.isArray(d) ? d : d === undefined ? [] : [d]
      const strings = parts.map(asText)
      return { ...base, data: strings.join(''), strings }
    }
    case 'MX': {
      const m = d as { preference?: number; exchange?: string }
      const data: MxData = { preference: m.preference ?? 0, exchange: m.exchange ?? '.' }
      return { ...base, data }
    }
    case 'SOA': {
      const s = d as Partial<SoaData>
      const data: SoaData = {
        mname: s.mname ?? '.',
        rname: s.rname ?? '.',
        serial: s.serial ?? 0,
        refresh: s.refresh ?? 0,
        retry: s.retry ?? 0,
        expire: s.expire ?? 0,
        minimum: s.minimum ?? 0,
      }
      return { ...base, data }
    }
    case 'CAA': {
      const c = d as { flags?: number; tag?: string; value?: string }
      const data: CaaData = { flags: c.flags ?? 0, tag: c.tag ?? '', value: c.value ?? '' }
      return { ...base, data }
    }
    case 'SRV': {
      const s = d as { priority?: number; weight?: number; port?: number; target?: string }
      return { ...base, data: { priority: s.priority ?? 0, weight: s.weight ?? 0, port: s.port ?? 0, target: s.target ?? '.' } }
    }
    default:
      if (Buffer.isBuffer(d)) return { ...base, data: { rdata: d.toString('hex') } }
      if (d && typeof d === 'object' && !Array.isArray(d)) return { ...base, data: { ...(d as Record<string, unknown>) } }
      return { ...base, data: { value: d === undefined ? '' : String(d) } }
  }
}

/** `acme.com` -> `acme.com.`; the root stays `.`. */
export const fqdn = (n: string): string => (n === '' || n === '.' ? '.' : n.endsWith('.') ? n : `${n}.`)

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** The presentation form used in the DNS map (`10 mx1.acme.com.`, `0 issue "letsencrypt.org"`, the TXT text). */
export function presentRecord(rec: DnsRecord): string {
  const d = rec.data
  switch (rec.type) {
    case 'A':
    case 'AAAA':
      return String(d)
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR':
      return fqdn(String(d))
    case 'TXT':
      return typeof d === 'string' ? d : (rec.strings ?? []).join('')
    case 'MX': {
      const m = d as MxData
      return `${m.preference} ${fqdn(m.exchange)}`
    }
    case 'SOA': {
      const s = d as SoaData
      return `${fqdn(s.mname)} ${fqdn(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`
    }
    case 'CAA': {
      const c = d as CaaData
      return `${c.flags} ${c.tag} ${quote(c.value)}`
    }
    case 'SRV': {
      const s = d as { priority: number; weight: number; port: number; target: string }
      return `${s.priority} ${s.weight} ${s.port} ${fqdn(s.target)}`
    }
    default: {
      if (typeof d === 'string') return d
      const hex = (d as { rdata?: unknown }).rdata
      if (typeof hex === 'string') return `\\# ${hex.length / 2} ${hex}`
      return JSON.stringify(d)
    }
  }
}

export interface ServerAddress {
  host: string
  port: number
  family: 4 | 6
  /** `host:port`, or `[v6]:port`. */
  label: string
}

/**
 * Parses `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address.
 * Only IP literals: a DNS server named by host name would need DNS to find it.
 */
export function parseServer(spec: string, defaultPort = 53): ServerAddress {
  const s = spec.trim()
  let host: string
  let portText: string | undefined
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s)
  if (bracket) {
    host = bracket[1] ?? ''
    portText = bracket[2]
  } else if (net.isIPv6(s)) {
    host = s
  } else {
    const m = /^([^:]+)(?::(\d+))?$/.exec(s)
    host = m?.[1] ?? ''
    portText = m?.[2]
  }
  const family = net.isIP(host)
  if (family !== 4 && family !== 6) {
    throw new Error(`"${spec}" is not a DNS server address. Use an IP address, optionally with a port, such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53.`)
  }
  const port = portText === undefined ? defaultPort : Number(portText)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`"${spec}" has a port outside 1 to 65535.`)
  }
  return { host, port, family, label: family === 6 ? `[${host}]:${port}` : `${host}:${port}` }
}

/**
 * Keeps the caller's case, strips a trailing dot, converts an IDN to ASCII.
 * Returns a plain-language reason instead when the name cannot go on the wire
 * (an empty label, a label over 63 bytes, a name over 253 bytes).
 */
export function normalizeQueryName(name: string): { name: string } | { problem: string } {
  let n = name.trim()
  if (n === '.') return { name: n }
  if (n.endsWith('.')) n = n.slice(0, -1)
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(n)) {
    const ascii = domainToASCII(n)
    if (ascii) n = ascii
  }
  if (n === '') return { problem: 'the name is empty' }
  if (Buffer.byteLength(n) > 253) return { problem: 'it is longer than the 253 characters a domain name can have' }
  for (const label of n.split('.')) {
    if (label === '') return { problem: 'it has two dots in a row (an empty part)' }
    if (Buffer.byteLength(label) > 63) return { problem: `the part "${label.slice(0, 20)}…" is longer than the 63 characters allowed between dots` }
  }
  return { name: n }
}
