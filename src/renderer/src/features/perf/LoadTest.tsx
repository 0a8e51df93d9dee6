/** The load test form (typed host confirmation, cancel) and its live and final charts. */
import { useEffect, useId, useRef, useState } from 'react'
import { api } from '../../api'
import type { Finding, Project } from '../../../../shared/model'
import { LOAD_LIMITS, type SeriesPoint } from '../../../../shared/contract/perf'
import { VERTICAL_INFO } from '../../../../shared/verticals'
import { P95OverTime } from './charts'
import { FindingCard } from './FindingCard'
import { confirmMatches, fmtMs, hostOf, loadDefaults } from './model'

interface Live {
  phase: string
  elapsedS: number
  users: number
  rate?: number
  requests: number
  errors: number
  timeouts: number
  p95Ms: number | null
}

export function LoadTest({ project, previous, runningLoadId, onDone }: { project: Project; previous?: Finding; runningLoadId?: string; onDone(): void }) {
  const id = useId()
  const defaults = loadDefaults(project)
  const [url, setUrl] = useState(defaults.url)
  const [coreUrl, setCoreUrl] = useState(defaults.coreUrl)
  const [users, setUsers] = useState<number>(LOAD_LIMITS.defaultUsers)
  const [durationS, setDurationS] = useState<number>(LOAD_LIMITS.defaultDurationS)
  const [mode, setMode] = useState<'closed' | 'open'>('closed')
  const [rate, setRate] = useState(20)
  const [confirm, setConfirm] = useState('')
  const [loadId, setLoadId] = useState<string | undefined>(runningLoadId)
  const [live, setLive] = useState<Live | undefined>()
  const [series, setSeries] = useState<SeriesPoint[]>([])
  const [result, setResult] = useState<Finding | undefined>()
  const [error, setError] = useState<string | undefined>()
  const loadRef = useRef(loadId)
  loadRef.current = loadId
  const doneRef = useRef(onDone)
  doneRef.current = onDone
  const targetMs = VERTICAL_INFO[project.vertical].p95TargetMs
  const host = hostOf(url)

  useEffect(
    () =>
      api().perf.onLoadProgress((p) => {
        if (p.projectId !== project.id || (loadRef.current && p.loadId !== loadRef.current)) return
        setLive({ phase: p.phase, elapsedS: p.elapsedS, users: p.users, ...(p.rate !== undefined ? { rate: p.rate } : {}), requests: p.requests, errors: p.errors, timeouts: p.timeouts, p95Ms: p.p95Ms })
        if (p.point) setSeries((s) => (s.some((x) => x.tS === p.point!.tS) ? s : [...s, p.point!]))
        if (p.phase === 'done' || p.phase === 'failed') {
          setLoadId(undefined)
          if (p.finding) setResult(p.finding)
          if (p.phase === 'failed') setError(p.message)
          doneRef.current()
        }
      }),
    [project.id],
  )

  async function start(e: React.FormEvent) {
    e.preventDefault()
    setError(undefined)
    setResult(undefined)
    setSeries([])
    setLive(undefined)
    const r = await api().perf.startLoad({ projectId: project.id, url, ...(coreUrl ? { coreUrl } : {}), users, durationS, ...(mode === 'open' ? { rate } : {}), confirmHost: confirm })
    if (r.ok) setLoadId(r.value.loadId)
    else setError(r.error.message)
  }

  async function cancel() {
    if (loadId) await api().perf.cancelLoad({ loadId })
  }

  const running = loadId !== undefined
  const shown = result ?? (running ? undefined : previous)
  const finalSeries = (shown?.evidence.series as SeriesPoint[] | undefined) ?? []
  return (
    <section className="perf-load" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Load sanity test</h3>
      <p className="hint">
        Ramps from 1 to {users} people using the site at once for up to {durationS} s (at most {LOAD_LIMITS.maxRequests.toLocaleString()} requests), and stops by itself if more than
        one request in five fails or answers get ten times slower than for a single user. Run it against your own site only, ideally outside busy hours.
      </p>
      <form onSubmit={start} className="perf-form">
        <div className="field">
          <label htmlFor={`${id}-url`}>Login page</label>
          <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required disabled={running} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-core`}>One core flow (optional)</label>
          <input id={`${id}-core`} type="url" value={coreUrl} onChange={(e) => setCoreUrl(e.target.value)} disabled={running} />
        </div>
        <div className="perf-form-row">
          <div className="field">
            <label htmlFor={`${id}-users`}>{mode === 'open' ? 'Most requests in flight' : 'Users at the peak'}</label>
            <input id={`${id}-users`} type="number" min={1} max={LOAD_LIMITS.maxUsers} value={users} onChange={(e) => setUsers(Math.min(LOAD_LIMITS.maxUsers, Math.max(1, Number(e.target.value) || 1)))} disabled={running} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-dur`}>Duration (seconds)</label>
            <input id={`${id}-dur`} type="number" min={5} max={LOAD_LIMITS.maxDurationS} value={durationS} onChange={(e) => setDurationS(Math.min(LOAD_LIMITS.maxDurationS, Math.max(5, Number(e.target.value) || 5)))} disabled={running} />
          </div>
          <fieldset className="field" disabled={running}>
            <legend>How users arrive</legend>
            <label>
              <input type="radio" name={`${id}-mode`} checked={mode === 'closed'} onChange={() => setMode('closed')} /> Each user waits for an answer
            </label>
            <label>
              <input type="radio" name={`${id}-mode`} checked={mode === 'open'} onChange={() => setMode('open')} /> Fixed arrival rate
            </label>
          </fieldset>
          {mode === 'open' && (
            <div className="field">
              <label htmlFor={`${id}-rate`}>Requests per second at the peak</label>
              <input id={`${id}-rate`} type="number" min={1} max={LOAD_LIMITS.maxRate} value={rate} onChange={(e) => setRate(Math.min(LOAD_LIMITS.maxRate, Math.max(1, Number(e.target.value) || 1)))} disabled={running} />
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>
            To confirm, type the host name <strong className="mono">{host || '…'}</strong>
          </label>
          <input id={`${id}-confirm`} type="text" autoComplete="off" spellCheck={false} value={confirm} onChange={(e) => setConfirm(e.target.value)} disabled={running} aria-describedby={`${id}-confirm-hint`} />
          <p className="hint" id={`${id}-confirm-hint`}>
            {confirmMatches(confirm, url) ? '✓ Host confirmed.' : 'The test starts only when this matches exactly.'}
          </p>
        </div>
        <div className="perf-actions">
          <button type="submit" className="primary" disabled={running || !confirmMatches(confirm, url)}>
            Start load test
          </button>
          {running && (
            <button type="button" className="danger" onClick={cancel}>
              Stop now
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <p className="perf-live" aria-live="polite">
        {running && live
          ? live.phase === 'baseline'
            ? 'Measuring a single user first…'
            : `${Math.round(live.elapsedS)} s: ${live.rate !== undefined ? `${live.rate} requests/s` : `${live.users} users`}, ${live.requests} requests, ${live.errors} errors, p95 ${fmtMs(live.p95Ms)}`
          : running
            ? 'Starting…'
            : ''}
      </p>
      {running && <P95OverTime series={series} targetMs={targetMs} title="Live p95" />}
      {shown && (
        <>
          {!result && <p className="hint">Last load test:</p>}
          <FindingCard finding={shown} />
          <P95OverTime series={finalSeries} targetMs={targetMs} />
        </>
      )}
    </section>
  )
}
