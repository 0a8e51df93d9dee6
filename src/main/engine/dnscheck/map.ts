/** The run's DNS map (`Run.meta.dnsMap`): every checked name with its records, TTLs, response code and the expected values. */
import type { DnsMapEntry } from '../../../shared/audit-data'
import { presentRecord } from '../dns/records'
import type { RecordType, SuiteContext } from '../types'
import type { ExpectedResult } from './checks-authority'
import { lookup, norm } from './query'

const APEX_TYPES: RecordType[] = ['A', 'AAAA', 'NS', 'SOA', 'MX', 'TXT', 'CAA']
const HOST_TYPES: RecordType[] = ['A', 'AAAA']

export async function dnsMap(ctx: SuiteContext, names: string[], expected: ExpectedResult[], timeoutMs: number): Promise<DnsMapEntry[]> {
  const apex = norm(ctx.target.domain)
  const all = [...new Set([apex, ...names.map(norm), ...expected.map((e) => e.name)])]
  return Promise.all(
    all.map(async (name): Promise<DnsMapEntry> => {
      const types = [...new Set([...(name === apex ? APEX_TYPES : HOST_TYPES), ...expected.filter((e) => e.name === name).map((e) => e.type as RecordType)])]
      const answers = await Promise.all(types.map((t) => lookup(ctx, name, t, timeoutMs)))
      const seen = new Set<string>()
      const records = answers.flatMap((a) => (a.ok ? a.res.answers : [])).filter((r) => {
        const key = `${norm(r.name)}|${r.type}|${presentRecord(r)}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
      const first = answers[0]
      return {
        name,
        rcode: first?.ok ? String(first.res.rcode) : 'NO ANSWER',
        records: records.map((r) => ({ name: norm(r.name), type: String(r.type), ttl: r.ttl, value: presentRecord(r) })),
        expected: expected.filter((e) => e.name === name).map((e) => ({ type: e.type, value: e.expected, matches: e.matches })),
      }
    }),
  )
}
