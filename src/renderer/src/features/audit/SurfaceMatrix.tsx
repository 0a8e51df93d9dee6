/** The site surface as one accessible table: every entry address -> where it ends, hops, path kept, certificate, HSTS. */
import type { SurfaceRow } from '../../../../shared/audit-data'
import { Gloss } from '../../components/Gloss'
import { surfaceCells } from './model'

export function SurfaceMatrix({ rows }: { rows: SurfaceRow[] | undefined }) {
  if (!rows?.length) return null
  const existing = rows.filter((r) => r.exists)
  const missing = rows.filter((r) => !r.exists)
  return (
    <section aria-labelledby="surface-h" className="surface">
      <h4 id="surface-h">Where each address of your site ends up</h4>
      <p className="hint">
        <Gloss text="Every address a visitor might type, over http:// and https://, followed redirect by redirect. The path column says whether a deep link survives the redirects; certificate and HSTS apply to https:// addresses." />
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Site surface table, scrolls sideways">
        <table className="audit-table" data-testid="surface-matrix">
          <caption className="visually-hidden">Site surface: {existing.length} addresses checked</caption>
          <thead>
            <tr>
              <th scope="col">Address typed</th>
              <th scope="col">Ends at</th>
              <th scope="col">Redirects</th>
              <th scope="col">Path kept</th>
              <th scope="col">Certificate</th>
              <th scope="col">HSTS</th>
            </tr>
          </thead>
          <tbody>
            {existing.map((r) => {
              const c = surfaceCells(r)
              return (
                <tr key={r.entryUrl} className={c.problem ? 'problem' : undefined}>
                  <th scope="row" className="mono">
                    {r.entryUrl}
                  </th>
                  <td className="mono">{c.final}</td>
                  <td>{c.hops}</td>
                  <td>{c.path}</td>
                  <td>{c.cert}</td>
                  <td>{c.hsts}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && <p className="hint">Not in DNS (not checked further): {[...new Set(missing.map((r) => r.host))].join(', ')}.</p>}
    </section>
  )
}
