/** Every finding of the current view in one dense table, with filters (status, severity, stage, text): the consultant's view. */
import { useId, useState } from 'react'
import type { Finding } from '../../../../shared/model'
import { findingKey } from '../../../../shared/model'
import { STAGE_NUMBERS } from '../../../../shared/roadmap'
import type { Severity, StageNumber, Status } from '../../../../shared/catalog'
import { SEVERITY_INFO, STATUS_INFO } from '../../components/findingModel'
import { SeverityBadge, StatusBadge } from '../../components/FindingCard'
import { useApp } from '../../store/hooks'
import { DEFAULT_FILTER, filterFindings, SEVERITY_CHOICES, STATUS_CHOICES, type TableFilter } from './model'

const statusLabel = (s: TableFilter['status']) => (s === 'all' ? 'All statuses' : s === 'problems' ? 'Problems only' : STATUS_INFO[s].word)
const severityLabel = (s: TableFilter['severity']) => (s === 'all' ? 'All severities' : SEVERITY_INFO[s].word)

export function FindingsTable({ projectId, findings }: { projectId: string; findings: Finding[] }) {
  const id = useId()
  const [filter, setFilter] = useState<TableFilter>(DEFAULT_FILTER)
  const busy = useApp((s) => s.liveRun?.projectId === projectId)
  const start = useApp((s) => s.startRun)
  if (!findings.length) return null
  const rows = filterFindings(findings, filter)
  const set = (patch: Partial<TableFilter>) => setFilter((f) => ({ ...f, ...patch }))
  return (
    <section aria-labelledby={`${id}-h`} className="findings-table">
      <h4 id={`${id}-h`}>All results</h4>
      <div className="filters" role="group" aria-label="Filter results">
        <label>
          Status{' '}
          <select value={filter.status} onChange={(e) => set({ status: e.target.value as TableFilter['status'] })}>
            {STATUS_CHOICES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select value={filter.severity} onChange={(e) => set({ severity: e.target.value as Severity | 'all' })}>
            {SEVERITY_CHOICES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stage{' '}
          <select value={String(filter.stage)} onChange={(e) => set({ stage: e.target.value === 'all' ? 'all' : (Number(e.target.value) as StageNumber) })}>
            <option value="all">All stages</option>
            {STAGE_NUMBERS.map((n) => (
              <option key={n} value={n}>
                Stage {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        {JSON.stringify(filter) !== JSON.stringify(DEFAULT_FILTER) && (
          <button type="button" className="small" onClick={() => setFilter(DEFAULT_FILTER)}>
            Clear filters
          </button>
        )}
      </div>
      <p className="hint" role="status" aria-live="polite">
        Showing {rows.length} of {findings.length} results.
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Results table, scrolls sideways">
        <table className="audit-table" data-testid="findings-table">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Severity</th>
              <th scope="col">Stage</th>
              <th scope="col">Result</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={findingKey(f)} data-status={f.status}>
                <td>
                  <StatusBadge status={f.status as Status} severity={f.severity} />
                </td>
                <td>{f.status === 'pass' || f.status === 'skipped' ? '–' : <SeverityBadge severity={f.severity} />}</td>
                <td>{f.stage}</td>
                <th scope="row">
                  {f.title}
                  <span className="hint block">{f.summary}</span>
                </th>
                <td className="mono">{f.target}</td>
                <td>
                  <button type="button" className="small" disabled={busy} onClick={() => void start(projectId, { checkIds: [f.checkId], targets: [f.target] })} aria-label={`Check again: ${f.title} on ${f.target}`}>
                    Check again
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
