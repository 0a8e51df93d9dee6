/** Stage 3: every certificate the audit saw, soonest expiry first, with days left drawn against the 7/14/30-day marks. */
import type { CertificateInfo } from '../../../../shared/audit-data'
import { Gloss } from '../../components/Gloss'
import { certRows } from './model'

export function Certificates({ certs }: { certs: CertificateInfo[] | undefined }) {
  if (!certs?.length) return null
  const rows = certRows(certs)
  return (
    <section aria-labelledby="certs-h" className="certs">
      <h4 id="certs-h">Certificate expiry</h4>
      <p className="hint">
        <Gloss text="Each certificate and how long it has left. Under 30 days, check that automatic renewal works; under 7 days, visitors will soon see a security warning." />
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Certificates table, scrolls sideways">
        <table className="audit-table" data-testid="certificates">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Expires</th>
              <th scope="col">Days left</th>
              <th scope="col">Issued by</th>
              <th scope="col">Trusted</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.host} className={r.tone === 'ok' ? undefined : 'problem'}>
                <th scope="row" className="mono">
                  {r.host}
                </th>
                <td>{r.expires}</td>
                <td>
                  <span className={`days tone-${r.tone}`}>{r.daysText}</span>
                  <span className="days-bar" aria-hidden="true">
                    <span className={`days-fill tone-${r.tone}`} style={{ width: `${r.barPct}%` }} />
                  </span>
                </td>
                <td>{r.issuer}</td>
                <td>{r.trusted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
