/**
 * Turns one document of the openspf RFC 7208 suite into a fixture DNS zone,
 * following the reference driver's conventions (tests/conformance/spf/README
 * in ../shared): an SPF entry is also served as TXT unless the name has TXT
 * entries of its own; NONE values are dropped; a bare TIMEOUT makes queries
 * for the name time out unless a record of the queried type came before it;
 * `{TYPE: TIMEOUT}` times out that type; unlisted names are NXDOMAIN; CNAMEs
 * are followed (by the fixture server).
 */
import type { Fault, Zone, ZoneRecord } from '../../fixtures/dns/server'

export interface SuiteTest {
  description?: string
  spec?: string | string[]
  helo: string
  host: string
  mailfrom: string
  result: string | string[]
  explanation?: string
}

export interface SuiteDoc {
  description: string
  tests: Record<string, SuiteTest>
  zonedata?: Record<string, (Record<string, unknown> | string)[]>
}

const QUERY_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'SPF', 'PTR', 'CNAME']

function toRecord(type: string, value: unknown): ZoneRecord | null {
  switch (type) {
    case 'SPF':
    case 'TXT':
      return { type, data: Array.isArray(value) ? value.map(String) : String(value) }
    case 'MX': {
      const [pref, host] = value as [number, string]
      return { type: 'MX', data: { preference: Number(pref), exchange: String(host) } }
    }
    case 'A':
    case 'AAAA':
    case 'PTR':
    case 'CNAME':
      return { type, data: String(value) }
    default:
      return null
  }
}

export function suiteZone(doc: SuiteDoc): Zone {
  const records: Record<string, ZoneRecord[]> = {}
  const faults: Record<string, Fault> = {}
  for (const [name, entries] of Object.entries(doc.zonedata ?? {})) {
    const out: ZoneRecord[] = []
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e)
    const seenTypes = new Set<string>()
    let bareTimeout = false
    for (const e of entries) {
      if (e === 'TIMEOUT') {
        bareTimeout = true
        break
      }
      for (const [type, value] of Object.entries(e)) {
        if (value !== 'NONE') seenTypes.add(type)
        if (value === 'TIMEOUT') {
          faults[`${name}/${type}`] = 'TIMEOUT'
          continue
        }
        if (value === 'NONE') continue
        const rec = toRecord(type, value)
        if (!rec) continue
        out.push(rec)
        if (type === 'SPF' && !hasTxt) out.push({ ...rec, type: 'TXT' } as ZoneRecord)
      }
    }
    if (bareTimeout) {
      if (seenTypes.size === 0) faults[name] = 'TIMEOUT'
      else for (const t of QUERY_TYPES) if (!seenTypes.has(t) && !(t === 'TXT' && !hasTxt && seenTypes.has('SPF'))) faults[`${name}/${t}`] = 'TIMEOUT'
    }
    records[name] = out
  }
  return { records, faults }
}

export const acceptable = (t: SuiteTest): string[] => (Array.isArray(t.result) ? t.result : [t.result])
