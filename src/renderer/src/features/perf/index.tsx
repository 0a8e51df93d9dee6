/**
 * Stage 5 panel: measure TTFB, critical-route latency and payload; latency
 * histograms with the target line, per-phase breakdown, comparison with the
 * previous run, and the load sanity test. Talks to main only through api().
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { api } from '../../api'
import type { StagePanelProps } from '../registry'
import type { Project } from '../../../../shared/model'
import type { PerfLatest } from '../../../../shared/contract/perf'
import { LatencyHistogram, PhaseBreakdown } from './charts'
import { FindingCard } from './FindingCard'
import { LoadTest } from './LoadTest'
import { comparisonText, fmtMs, phaseRows, shortTarget } from './model'
import './perf.css'

export function PerfPanel({ projectId }: StagePanelProps) {
  const id = useId()
  const [project, setProject] = useState<Project | undefined>()
  const [data, setData] = useState<PerfLatest | undefined>()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState('')
  const [error, setError] = useState<string | undefined>()

  const refresh = useCallback(async () => {
    const r = await api().perf.latest({ projectId })
    if (r.ok) setData(r.value)
    else setError(r.error.message)
  }, [projectId])

  useEffect(() => {
    void api()
      .projects.get({ id: projectId })
      .then((r) => (r.ok ? setProject(r.value) : setError(r.error.message)))
    void refresh()
  }, [projectId, refresh])

  useEffect(
    () =>
      api().perf.onProgress((p) => {
        if (p.projectId !== projectId) return
        setProgress(p.finding ? `${p.done} of ${p.total} measured` : `Measuring ${shortTarget({ target: p.target, evidence: {} })} (${p.done + 1} of ${p.total})…`)
      }),
    [projectId],
  )

  async function measure() {
    setBusy(true)
    setError(undefined)
    setProgress('Starting…')
    const r = await api().perf.measure({ projectId })
    setBusy(false)
    if (r.ok) {
      setData(r.value)
      setProgress(`Done: ${r.value.latest?.findings.length ?? 0} results.`)
    } else {
      setError(r.error.message)
      setProgress('')
    }
  }

  const findings = data?.latest?.findings.filter((f) => f.checkId !== 'perf.load') ?? []
  const timed = findings.filter((f) => f.checkId === 'perf.ttfb' || f.checkId === 'perf.latency')
  const payload = findings.find((f) => f.checkId === 'perf.payload')
  const cmp = new Map((data?.comparison ?? []).map((c) => [`${c.checkId}@${c.target}`, c]))

  return (
    <section className="perf-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Speed of your pages and key flows</h2>
      <p className="hint">
        We send 20 spaced requests to each public page and critical flow and report the time half of them beat (p50) and the time 19 in 20 beat (p95), split into
        DNS lookup, connection, TLS handshake, server wait and download.
      </p>
      <div className="perf-actions">
        <button type="button" className="primary" onClick={measure} disabled={busy}>
          {data?.latest ? 'Measure again' : 'Measure now'}
        </button>
        {data?.latest && <span className="hint">Last measured {new Date(data.latest.at).toLocaleString()}</span>}
      </div>
      <p className="perf-live" aria-live="polite">
        {busy ? progress : ''}
      </p>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}

      {data && data.comparison.length > 0 && (
        <section className="perf-compare" aria-labelledby={`${id}-cmp`}>
          <h3 id={`${id}-cmp`}>Compared with the previous run</h3>
          <ul>
            {data.comparison.map((c) => (
              <li key={`${c.checkId}@${c.target}`}>
                <strong>{c.label ?? shortTarget({ target: c.target, evidence: {} })}</strong>: {comparisonText(c)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {timed.length > 0 && (
        <section aria-labelledby={`${id}-res`}>
          <h3 id={`${id}-res`}>Results</h3>
          <div className="perf-grid-cards">
            {timed.map((f) => {
              const c = cmp.get(`${f.checkId}@${f.target}`)
              const cold = f.evidence.cold as { samples: number; p50Ms: number | null } | undefined
              const warm = f.evidence.warm as { samples: number; p50Ms: number | null } | undefined
              return (
                <FindingCard key={`${f.checkId}@${f.target}`} finding={f}>
                  {c && <p className="perf-delta">{comparisonText(c)}</p>}
                  {cold && warm && (cold.samples > 0 || warm.samples > 0) && (
                    <p className="hint">
                      New connections: p50 {fmtMs(cold.p50Ms)} ({cold.samples}); reused connections: p50 {fmtMs(warm.p50Ms)} ({warm.samples}).
                    </p>
                  )}
                  <LatencyHistogram evidence={f.evidence} title={shortTarget(f)} />
                </FindingCard>
              )
            })}
          </div>
          <h3>Where the time goes</h3>
          <PhaseBreakdown rows={phaseRows(timed)} />
        </section>
      )}

      {payload && <FindingCard finding={payload} />}

      {project && <LoadTest project={project} previous={data?.loads[0]} runningLoadId={data?.runningLoadId} onDone={() => void refresh()} />}
    </section>
  )
}

export default PerfPanel
