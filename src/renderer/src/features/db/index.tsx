/**
 * Stage 5's Database panel: connect (a keychain credential holding the
 * postgres:// URL, an optional CA file, a test connection with plain errors),
 * the least-privilege role to connect as, "Run the database checks" with
 * progress and Cancel, the top three bottlenecks, and every finding with its
 * statement to copy. Read-only: the advisor never changes the database.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { api } from '../../api'
import type { StagePanelProps } from '../registry'
import type { CredentialSummary } from '../../../../shared/contract/vault'
import type { DbLatest, DbServerInfo } from '../../../../shared/contract/db'
import { findingKey, type Finding } from '../../../../shared/model'
import { FindingCard } from '../../components/FindingCard'
import { CopyButton } from '../../components/CopyButton'
import { ProgressBar } from '../../components/Progress'
import { appStore, useApp } from '../../store/hooks'
import './db.css'

const RANK = ['blocker', 'high', 'medium', 'low', 'info']
const ORDER = ['fail', 'error', 'warn', 'skipped', 'pass']
export const rankFindings = (fs: readonly Finding[]) => [...fs].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || RANK.indexOf(a.severity) - RANK.indexOf(b.severity))

export function serverText(s: DbServerInfo): string {
  const v = `PostgreSQL ${Math.floor(s.version / 10000)}.${s.version % 100}`
  return `${v}, database ${s.database} as ${s.user}. Query statistics: ${s.statements ? 'on' : 'off (the panel says how to turn them on)'}. Hypothetical indexes (hypopg): ${s.hypopg ? 'yes, proposals are checked before you build them' : 'no, proposals come from the plans and statistics only'}.`
}

function Connect({ projectId, onConnected }: { projectId: string; onConnected(s: DbServerInfo): void }) {
  const id = useId()
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const [creds, setCreds] = useState<CredentialSummary[]>([])
  const [credential, setCredential] = useState(project?.dbCredential ?? '')
  const [ca, setCa] = useState(project?.dbCaFile ?? '')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void api()
      .vault.list()
      .then((r) => {
        if (!r.ok) return
        setCreds(r.value)
        setCredential((c) => c || r.value.find((x) => x.kind === 'database-url')?.name || '')
      })
  }, [])
  const submit = async () => {
    setBusy(true)
    setError('')
    const r = await api().db.connect({ projectId, credential, ...(ca.trim() ? { caFile: ca.trim() } : {}) })
    setBusy(false)
    if (!r.ok) return setError(r.error.issues?.[0]?.message ? `${r.error.message}` : r.error.message)
    const cur = appStore.getState().current
    if (cur?.id === projectId) appStore.setState({ current: { ...cur, dbCredential: r.value.project.dbCredential, dbCaFile: r.value.project.dbCaFile, updatedAt: r.value.project.updatedAt } })
    onConnected(r.value.server)
  }
  const dbCreds = creds.filter((c) => c.kind === 'database-url')
  const shown = dbCreds.length ? dbCreds : creds
  return (
    <form
      className="db-connect"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-c`}>Connection URL (a credential in your keychain)</label>
        {shown.length ? (
          <select id={`${id}-c`} value={credential} onChange={(e) => setCredential(e.target.value)}>
            <option value="">Choose…</option>
            {shown.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.masked})
              </option>
            ))}
          </select>
        ) : (
          <p className="hint">No credential yet. Add the postgres:// URL in Credentials (kind “Database connection URL”); it stays in the keychain.</p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-ca`}>CA certificate file (optional, for providers with a private CA)</label>
        <input id={`${id}-ca`} type="text" value={ca} placeholder="/path/to/ca.pem" spellCheck={false} onChange={(e) => setCa(e.target.value)} />
      </div>
      <p className="hint">sslmode in the URL decides TLS: require encrypts without checking the certificate (as psql does), verify-full checks it against the CA.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || !credential}>
        {busy ? 'Connecting…' : 'Test and save the connection'}
      </button>
    </form>
  )
}

export default function DbPanel({ projectId }: StagePanelProps) {
  const id = useId()
  const connected = useApp((s) => (s.current?.id === projectId ? Boolean(s.current.dbCredential) : false))
  const accepted = useApp((s) => (s.current?.id === projectId ? s.current.acceptedRisks : undefined))
  const acceptRisk = useApp((s) => s.acceptRisk)
  const unacceptRisk = useApp((s) => s.unacceptRisk)
  const [latest, setLatest] = useState<DbLatest | undefined>()
  const [server, setServer] = useState<DbServerInfo | undefined>()
  const [live, setLive] = useState<{ runId: string; done: number; total: number; step: string } | undefined>()
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')

  const refresh = useCallback(async () => {
    const r = await api().db.latest({ projectId })
    if (r.ok) setLatest(r.value)
  }, [projectId])
  useEffect(() => void refresh(), [refresh])
  useEffect(
    () =>
      api().db.onProgress((p) => {
        if (p.projectId !== projectId) return
        if (p.phase === 'running') return setLive({ runId: p.runId, done: p.done, total: p.total, step: p.step })
        setLive(undefined)
        setMessage(p.phase === 'done' ? 'Database checks finished.' : (p.message ?? 'The database checks stopped.'))
        void refresh()
      }),
    [projectId, refresh],
  )

  const run = async () => {
    setError('')
    setMessage('')
    const r = await api().db.run({ projectId })
    if (!r.ok) return setError(r.error.message)
    setLive({ runId: r.value.runId, done: 0, total: 8, step: 'connecting' })
  }
  const findings = rankFindings(latest?.run?.findings ?? [])
  const problems = findings.filter((f) => f.status !== 'pass')
  const fine = findings.filter((f) => f.status === 'pass')
  const info = server ?? latest?.run?.server
  const card = (f: Finding) => {
    const key = findingKey(f)
    const acc = accepted?.[key]
    return (
      <li key={key}>
        <FindingCard finding={f} busy={Boolean(live)} onCheckAgain={() => void run()} {...(acc ? { accepted: acc } : {})} onAccept={(reason) => acceptRisk(projectId, key, reason)} onUnaccept={() => void unacceptRisk(projectId, key)} headingLevel={4} />
      </li>
    )
  }
  return (
    <section className="db-panel" aria-labelledby={`${id}-h`} data-testid="db-panel">
      <h2 id={`${id}-h`}>Database: slow queries and missing indexes</h2>
      <p className="hint">We read your Postgres statistics and plans, read-only: the session cannot write, every statement has a time limit, and nothing is analyzed, reset or created. You get the exact statements to run yourself.</p>
      <Connect projectId={projectId} onConnected={(s) => (setServer(s), setMessage('Connected.'))} />
      {info && <p className="db-server" data-testid="db-server">{serverText(info)}</p>}
      <details className="db-role">
        <summary>The safest role to connect as</summary>
        <p className="hint">Statistics rights plus read-only SELECT (for query plans). With statistics rights alone the plan-based checks cannot run, and the panel says which.</p>
        <pre className="mono">{latest?.roleSql}</pre>
        {latest?.roleSql && <CopyButton value={latest.roleSql} label="the SQL for the advisor role" />}
      </details>
      <div className="run-actions">
        <button type="button" className="primary" disabled={!connected || Boolean(live)} onClick={() => void run()}>
          {latest?.run ? 'Run the database checks again' : 'Run the database checks'}
        </button>
        {live && (
          <button type="button" onClick={() => void api().db.cancel({ runId: live.runId })}>
            Cancel
          </button>
        )}
      </div>
      {live && <ProgressBar progress={{ done: live.done, total: live.total }} label={`Reading: ${live.step}`} unit="steps" />}
      <p role="status" aria-live="polite" className="run-live">
        {message}
      </p>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {latest?.run?.state === 'failed' && <p className="notice error">The last run could not finish; its earlier results are not shown as current.</p>}
      {latest?.run && latest.run.top.length > 0 && (
        <div className="db-top" data-testid="db-top">
          <h3>Top three bottlenecks</h3>
          <ol>
            {latest.run.top.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ol>
          <p className="hint">
            Read {latest.run.queries ?? '?'} views and catalogs in {((latest.run.durationMs ?? 0) / 1000).toFixed(1)} s, {new Date(latest.run.at).toLocaleString()}.
          </p>
        </div>
      )}
      {problems.length > 0 && <ul className="finding-list">{problems.map(card)}</ul>}
      {fine.length > 0 && (
        <details>
          <summary>Passed ({fine.length})</summary>
          <ul className="finding-list">{fine.map(card)}</ul>
        </details>
      )}
    </section>
  )
}
