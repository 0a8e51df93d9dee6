/**
 * The data side of the loopback DNS fixture: a zone description and the
 * authoritative lookup (exact names, empty non-terminals, wildcards, CNAME
 * chains inside the zone, NXDOMAIN vs NODATA with the SOA in authority).
 */
/** Injected behaviour for a name (`"a.test"`) or a name and type (`"a.test/MX"`). */
export type Fault =
  | 'SERVFAIL'
  | 'REFUSED'
  | 'NOTIMP'
  | 'FORMERR'
  /** Never answer (UDP or TCP). */
  | 'TIMEOUT'
  /** Always set TC over UDP, so the client must retry over TCP. */
  | 'TRUNCATE'
  /** First send an answer with the wrong ID, then the real one. */
  | 'SPOOF_ID'
  /** First send an answer with the right ID but another question, then the real one. */
  | 'SPOOF_QUESTION'

export interface SoaInput {
  mname: string
  rname: string
  serial: number
  refresh?: number
  retry?: number
  expire?: number
  minimum?: number
}

export type ZoneRecord =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR' | 'DNAME'; data: string; ttl?: number }
  /** One record; a string longer than 255 bytes is split into 255-byte character-strings. */
  | { type: 'TXT' | 'SPF'; data: string | string[]; ttl?: number }
  | { type: 'MX'; data: { preference: number; exchange: string }; ttl?: number }
  | { type: 'SOA'; data: SoaInput; ttl?: number }
  | { type: 'CAA'; data: { flags?: number; tag: string; value: string }; ttl?: number }
  | { type: 'SRV'; data: { priority: number; weight: number; port: number; target: string }; ttl?: number }

export interface Zone {
  /** Owner name (case-insensitive, `*.name` for a wildcard) -> records. */
  records: Record<string, ZoneRecord[]>
  faults?: Record<string, Fault>
  /** TTL for records without one. Default 300. */
  defaultTtl?: number
}

export interface WireRecord {
  name: string
  type: string
  ttl: number
  class: 'IN'
  data: unknown
}

export interface Lookup {
  rcode: 'NOERROR' | 'NXDOMAIN'
  answers: WireRecord[]
  authorities: WireRecord[]
}

const lower = (n: string) => n.replace(/\.$/, '').toLowerCase()

/** Splits text into character-strings of at most 255 bytes without cutting a UTF-8 sequence. */
export function chunkText(text: string): string[] {
  const out: string[] = []
  let cur = ''
  let bytes = 0
  for (const ch of text) {
    const n = Buffer.byteLength(ch)
    if (bytes + n > 255) {
      out.push(cur)
      cur = ''
      bytes = 0
    }
    cur += ch
    bytes += n
  }
  out.push(cur)
  return out
}

function toWire(owner: string, r: ZoneRecord, defaultTtl: number): WireRecord {
  const base = { name: owner, type: r.type as string, ttl: r.ttl ?? defaultTtl, class: 'IN' as const }
  switch (r.type) {
    case 'TXT':
      return { ...base, data: (Array.isArray(r.data) ? r.data : [r.data]).flatMap(chunkText) }
    case 'SPF': {
      // dns-packet has no SPF codec: build the TXT rdata (length-prefixed strings) and hand it over raw.
      const strings = (Array.isArray(r.data) ? r.data : [r.data]).flatMap(chunkText)
      return { ...base, data: Buffer.concat(strings.map((t) => Buffer.concat([Buffer.from([Buffer.byteLength(t)]), Buffer.from(t)]))) }
    }
    case 'SOA':
      return { ...base, data: { refresh: 3600, retry: 600, expire: 604800, minimum: 300, ...r.data } }
    case 'CAA':
      return { ...base, data: { flags: 0, ...r.data } }
    default:
      return { ...base, data: r.data }
  }
}

/** A compiled zone: lower-cased owners, the set of empty non-terminals, the SOA owners. */
export class ZoneData {
  private readonly byName = new Map<string, ZoneRecord[]>()
  private readonly ancestors = new Set<string>()
  private readonly soaOwners: string[] = []
  readonly defaultTtl: number

  constructor(readonly zone: Zone) {
    this.defaultTtl = zone.defaultTtl ?? 300
    for (const [owner, recs] of Object.entries(zone.records)) {
      const key = lower(owner)
      this.byName.set(key, [...(this.byName.get(key) ?? []), ...recs])
      if (recs.some((r) => r.type === 'SOA')) this.soaOwners.push(key)
      const labels = key.split('.')
      for (let i = 1; i < labels.length; i++) this.ancestors.add(labels.slice(i).join('.'))
    }
    this.soaOwners.sort((a, b) => b.length - a.length)
  }

  fault(name: string, type: string): Fault | undefined {
    const key = lower(name)
    const f = this.zone.faults
    if (!f) return undefined
    for (const [k, v] of Object.entries(f)) {
      const [n, t] = k.split('/')
      if (lower(n ?? '') === key && (t === undefined || t.toUpperCase() === type)) return v
    }
    return undefined
  }

  /** The closest SOA owner at or above `name`, if the zone has one. */
  private apexOf(name: string): string | undefined {
    return this.soaOwners.find((o) => name === o || name.endsWith(`.${o}`))
  }

  private inZone(name: string): boolean {
    return this.soaOwners.length === 0 || this.apexOf(name) !== undefined
  }

  private exists(name: string): boolean {
    return this.byName.has(name) || this.ancestors.has(name)
  }

  /** Records at `name` (possibly synthesized from a wildcard), [] for an empty non-terminal, undefined when the name does not exist. */
  private node(name: string): ZoneRecord[] | undefined {
    const exact = this.byName.get(name)
    if (exact) return exact
    if (this.ancestors.has(name)) return []
    const labels = name.split('.')
    for (let i = 1; i < labels.length; i++) {
      const encloser = labels.slice(i).join('.')
      if (this.exists(encloser)) return this.byName.get(`*.${encloser}`)
    }
    return undefined
  }

  private negative(name: string): WireRecord[] {
    const apex = this.apexOf(name)
    const soa = apex ? this.byName.get(apex)?.find((r) => r.type === 'SOA') : undefined
    if (!apex || !soa || soa.type !== 'SOA') return []
    const rec = toWire(apex, soa, this.defaultTtl)
    const minimum = (rec.data as { minimum: number }).minimum
    return [{ ...rec, ttl: Math.min(rec.ttl, minimum) }]
  }

  lookup(qname: string, qtype: string): Lookup {
    const answers: WireRecord[] = []
    const seen = new Set<string>()
    let owner = qname.replace(/\.$/, '')
    for (let hops = 0; hops < 20; hops++) {
      const key = lower(owner)
      seen.add(key)
      const recs = this.node(key)
      if (recs === undefined) {
        // A chain that leaves the zone ends with what we have; inside the zone it is NXDOMAIN (RFC 6604).
        if (answers.length > 0 && !this.inZone(key)) return { rcode: 'NOERROR', answers, authorities: [] }
        return { rcode: 'NXDOMAIN', answers, authorities: this.negative(key) }
      }
      if (qtype === 'ANY') {
        // RFC 8482: a modern server answers ANY with one synthesized HINFO record.
        if (recs.length === 0) return { rcode: 'NOERROR', answers, authorities: this.negative(key) }
        return { rcode: 'NOERROR', answers: [...answers, { name: owner, type: 'HINFO', ttl: 3600, class: 'IN', data: { cpu: 'RFC8482', os: '' } }], authorities: [] }
      }
      const cname = recs.find((r) => r.type === 'CNAME')
      if (cname && qtype !== 'CNAME') {
        answers.push(toWire(owner, cname, this.defaultTtl))
        const target = String(cname.data).replace(/\.$/, '')
        if (seen.has(lower(target)) || !this.inZone(lower(target))) return { rcode: 'NOERROR', answers, authorities: [] }
        owner = target
        continue
      }
      const matches = recs.filter((r) => r.type === qtype)
      if (matches.length === 0) return { rcode: 'NOERROR', answers, authorities: this.negative(key) }
      return { rcode: 'NOERROR', answers: [...answers, ...matches.map((r) => toWire(owner, r, this.defaultTtl))], authorities: [] }
    }
    return { rcode: 'NOERROR', answers, authorities: [] }
  }
}
