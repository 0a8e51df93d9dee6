/**
 * The secrets panels. Stage 4: where the scan looks (the code folder, the
 * build folder, the live site), "Scan for secrets" with the files and commits
 * read so far and Cancel, every value found in a table by location (file,
 * line, commit, kind, provider, the masked value) with its fix, "Not a
 * secret" with a reason, and what was skipped. Stage 1: the counts by kind,
 * worst first, beside the risk report. Values are only ever shown masked.
 */
import { useEffect, useId, useState } from 'react'
import type { StagePanelProps } from '../registry'
import type { Finding, Project } from '../../../../shared/model'
import { api } from '../../api'
import { appStore, useApp } from '../../store/hooks'
import { ProgressBar } from '../../components/Progress'
import { AuditFindingCard } from '../audit/cards'
import { coverageGaps, kindCounts, KIND_WORDS, LOCAL_IDS, LOCATIONS, scanText, SECRETS_IDS, secretRows, summaryText, type SecretRow } from './model'
import { Folders } from './Folders'
import './secrets.css'

// A stable empty list: a selector that returns a new [] each time makes the store re-render forever.
const NO_FINDINGS: Finding[] = []

/** Keeps the open project's secrets settings in step with what main saved. */
export function syncSecrets(p: Project): void {
  const cur = appStore.getState().current
  if (cur?.id === p.id) appStore.setState({ current: { ...cur, repoPath: p.repoPath, buildDir: p.buildDir, secretIgnores: p.secretIgnores, updatedAt: p.updatedAt } })
}

function NotASecret({ projectId, row }: { projectId: string; row: SecretRow }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const id = useId()
  if (!row.fingerprint || row.fingerprint.startsWith('file:')) return null
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Not a secret…
      </button>
    )
  const save = async () => {
    const r = await api().secrets.ignore({ projectId, fingerprint: row.fingerprint!, reason, ...(row.masked ? { masked: row.masked } : {}) })
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message)
    syncSecrets(r.value)
    setOpen(false)
  }
  return (
    <form
      className="not-secret"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label htmlFor={`${id}-r`}>Why is {row.masked ?? 'this'} not a secret?</label>
      <input id={`${id}-r`} type="text" value={reason} placeholder="e.g. a revoked key in a test fixture" onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-e` : undefined} />
      {error && (
        <p id={`${id}-e`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Stop reporting it</button>
      <button type="button" onClick={() => setOpen(false)}>
        Keep reporting it
      </button>
    </form>
  )
}

function Row({ projectId, row }: { projectId: string; row: SecretRow }) {
  const [details, setDetails] = useState(false)
  const kind = row.kind ? KIND_WORDS[row.kind] : undefined
  return (
    <>
      <tr className={`kind-${row.kind ?? 'file'}`}>
        <td className="mono">{row.where}</td>
        <td>{row.line ?? ''}</td>
        <td className="mono">{row.commit ?? ''}</td>
        <td>{kind ? <span title={kind.meaning}>{kind.word}</span> : 'File'}</td>
        <td>{row.provider ?? row.finding.title}</td>
        <td className="mono">{row.masked ?? ''}</td>
        <td>
          <button type="button" className="link-button" aria-expanded={details} onClick={() => setDetails((d) => !d)}>
            {details ? 'Hide the fix' : 'How to fix'}
          </button>{' '}
          <NotASecret projectId={projectId} row={row} />
        </td>
      </tr>
      {details && (
        <tr className="secret-details">
          <td colSpan={7}>
            <AuditFindingCard projectId={projectId} finding={row.finding} headingLevel={4} />
          </td>
        </tr>
      )}
    </>
  )
}

function Table({ projectId, rows }: { projectId: string; rows: SecretRow[] }) {
  return (
    <>
      {LOCATIONS.map((loc) => {
        const mine = rows.filter((r) => r.location === loc.id)
        if (!mine.length) return null
        return (
          <div key={loc.id} className="secret-group" data-testid={`secrets-${loc.id}`}>
            <h4>
              {loc.title} ({mine.length})
            </h4>
            <table className="secrets-table">
              <thead>
                <tr>
                  <th scope="col">{loc.id === 'site' ? 'Address' : 'File'}</th>
                  <th scope="col">Line</th>
                  <th scope="col">Commit</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Whose</th>
                  <th scope="col">Value (masked)</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mine.map((r) => (
                  <Row key={`${r.finding.checkId}@${r.finding.target}`} projectId={projectId} row={r} />
                ))}
              </tbody>
            </table>
          </div>
        )
      })}
    </>
  )
}

function Ignored({ project }: { project: Project }) {
  if (!project.secretIgnores.length) return null
  return (
    <details className="secret-ignored">
      <summary>Not reported: marked as not a secret ({project.secretIgnores.length})</summary>
      <ul>
        {project.secretIgnores.map((i) => (
          <li key={i.fingerprint}>
            <span className="mono">{i.masked ?? i.fingerprint}</span>: {i.reason}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() =>
                void api()
                  .secrets.unignore({ projectId: project.id, fingerprint: i.fingerprint })
                  .then((r) => r.ok && syncSecrets(r.value))
              }
            >
              Report it again
            </button>
          </li>
        ))}
      </ul>
    </details>
  )
}

function ScanControls({ projectId, hasRepo }: { projectId: string; hasRepo: boolean }) {
  const live = useApp((s) => (s.liveRun?.projectId === projectId ? s.liveRun : undefined))
  const start = useApp((s) => s.startRun)
  const cancel = useApp((s) => s.cancelRun)
  const scanned = useApp((s) => s.runsProjectId === projectId && (s.runsLatest?.findings ?? []).some((f) => f.checkId.startsWith('secrets.')))
  const ids = hasRepo ? [...SECRETS_IDS] : SECRETS_IDS.filter((id) => !(LOCAL_IDS as readonly string[]).includes(id))
  return (
    <div className="run-controls">
      <div className="run-actions">
        <button type="button" className="primary" disabled={Boolean(live)} onClick={() => void start(projectId, { checkIds: ids })}>
          {scanned ? 'Check again' : 'Scan for secrets'}
        </button>
        {live && (
          <button type="button" onClick={() => void cancel()} disabled={live.cancelling}>
            {live.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {live && (
        <div className="run-progress" data-testid="secrets-progress">
          <ProgressBar progress={{ done: live.done, total: Math.max(live.total, live.done) }} label="Checks" unit="checks" estimate />
          {hasRepo && <p className="hint">{scanText(live.scan)}</p>}
        </div>
      )}
    </div>
  )
}

function Read({ projectId }: { projectId: string }) {
  const s = useApp((st) => (st.runsProjectId === projectId ? st.runsLatest?.artifacts.secrets : undefined))
  if (!s) return null
  return (
    <div className="hint secret-read" data-testid="secrets-read">
      {s.repo && (
        <p>
          Read {s.repo.filesScanned} files{s.repo.commits !== undefined ? ` and ${s.repo.commits} commits on every branch and tag (${s.repo.merges ?? 0} merges)` : ''} in {s.repo.path}
          {s.repo.shallow ? ' — a shallow clone, so older commits were not there to read' : ''}.
        </p>
      )}
      {s.site && (
        <p>
          On the live site: {s.site.pages} {s.site.pages === 1 ? 'page' : 'pages'}, {s.site.scripts} scripts and {s.site.maps} source maps.
          {s.site.limits.length ? ` Not everything was read: ${s.site.limits.join('; ')}.` : ''}
        </p>
      )}
      {s.repo && s.repo.filesSkipped > 0 && (
        <details>
          <summary>Skipped files ({s.repo.filesSkipped})</summary>
          <ul>
            {s.repo.skipped.map((x) => (
              <li key={x.path}>
                <span className="mono">{x.path}</span>: {x.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

function StageFour({ projectId }: { projectId: string }) {
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const findings = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest?.findings : undefined)) ?? NO_FINDINGS
  if (!project) return null
  const rows = secretRows(findings)
  const mine = findings.filter((f) => f.checkId.startsWith('secrets.'))
  const maps = mine.filter((f) => f.checkId === 'secrets.sourcemaps' && f.status === 'fail')
  const gaps = coverageGaps(mine, Boolean(project.repoPath))
  return (
    <>
      <Folders project={project} onSaved={syncSecrets} />
      <ScanControls projectId={projectId} hasRepo={Boolean(project.repoPath)} />
      {gaps.map((g) => (
        <p key={g} className="notice warn">
          {g}
        </p>
      ))}
      {mine.length > 0 && <p className="secret-summary">{summaryText(kindCounts(mine))}</p>}
      <Table projectId={projectId} rows={rows} />
      {maps.map((f) => (
        <AuditFindingCard key={f.target} projectId={projectId} finding={f} headingLevel={4} />
      ))}
      <Read projectId={projectId} />
      <Ignored project={project} />
    </>
  )
}

function StageOne({ projectId }: { projectId: string }) {
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const findings = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest?.findings : undefined)) ?? NO_FINDINGS
  const setPosition = useApp((s) => s.setWizardPosition)
  const mine = findings.filter((f) => f.checkId.startsWith('secrets.'))
  const c = kindCounts(mine)
  return (
    <div className="secret-stage1" data-testid="secrets-summary">
      <p className={c.secret || c.other ? 'secret-summary bad' : 'secret-summary'}>{mine.length ? summaryText(c) : 'Not scanned yet.'}</p>
      {!project?.repoPath && <p className="hint">Only the live site is checked until you choose the folder with your code.</p>}
      <button type="button" onClick={() => setPosition(4)}>
        Open the secrets panel (Stage 4)
      </button>
    </div>
  )
}

export default function SecretsPanel({ projectId, stage }: StagePanelProps) {
  const id = useId()
  const load = useApp((s) => s.loadRuns)
  useEffect(() => {
    void load(projectId)
  }, [projectId, load])
  return (
    <section className="secrets-panel" aria-labelledby={`${id}-h`} id={stage === 4 ? 'panel-secrets' : undefined} tabIndex={-1} data-testid={`secrets-panel-${stage}`}>
      <h2 id={`${id}-h`}>{stage === 1 ? 'Exposed secrets' : 'Secrets in the code, the build and the site'}</h2>
      {stage === 4 && <p className="hint">We read your code, its whole history, its build and the JavaScript your site serves, and look for keys that should not be there. Nothing leaves this computer, and found values are only ever shown masked.</p>}
      {stage === 1 ? <StageOne projectId={projectId} /> : <StageFour projectId={projectId} />}
    </section>
  )
}
