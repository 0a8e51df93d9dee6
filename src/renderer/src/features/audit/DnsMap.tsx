/** Stage 2's DNS map: every name the audit looked up, its records with TTLs, and how they compare with the expected map. */
import type { DnsMapEntry } from '../../../../shared/audit-data'
import { Gloss } from '../../components/Gloss'
import { dnsMapRows } from './model'

export function DnsMap({ entries }: { entries: DnsMapEntry[] | undefined }) {
  if (!entries?.length) return null
  const rows = dnsMapRows(entries)
  return (
    <section aria-labelledby="dnsmap-h" className="dns-map">
      <h4 id="dnsmap-h">Your DNS map</h4>
      <p className="hint">
        <Gloss text="Every DNS record we found for your names, with its TTL in seconds. Keep this table: it is the map the handover pack prints." />
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="DNS map table, scrolls sideways">
        <table className="audit-table" data-testid="dns-map">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">TTL</th>
              <th scope="col">Value</th>
              <th scope="col">Matches your map</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={r.problem ? 'problem' : undefined}>
                <th scope="row" className="mono">
                  {r.name}
                </th>
                <td>{r.type}</td>
                <td>{r.ttl}</td>
                <td className="mono">{r.value}</td>
                <td>{r.expected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
