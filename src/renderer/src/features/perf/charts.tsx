/**
 * Charts for Stage 5, drawn with recharts (SVG, no inline <style> elements,
 * no eval: fine under the renderer's strict CSP). Colours come from the theme
 * through CSS classes in perf.css; every chart has a text equivalent.
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { SeriesPoint } from '../../../../shared/contract/perf'
import { fmtMs, histogramBars, type PhaseRow } from './model'

export function LatencyHistogram({ evidence, title }: { evidence: Record<string, unknown>; title: string }) {
  const bars = histogramBars(evidence)
  if (bars.length === 0) return null
  const target = typeof evidence.targetMs === 'number' ? evidence.targetMs : undefined
  const targetBar = target === undefined ? undefined : bars.find((b) => target >= b.fromMs && target < b.toMs)
  const over = bars.filter((b) => b.overTarget).reduce((n, b) => n + b.count, 0)
  const total = bars.reduce((n, b) => n + b.count, 0)
  const label = `${title}: ${total} requests; ${over} at or over the ${target ?? ''} ms target. p50 ${fmtMs(evidence.p50Ms)}, p95 ${fmtMs(evidence.p95Ms)}, p99 ${fmtMs(evidence.p99Ms)}.`
  return (
    <figure className="perf-chart">
      <div role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={bars} margin={{ top: 22, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid className="perf-grid" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" tickLine={false} />
            <YAxis allowDecimals={false} width={32} tickLine={false} />
            <Tooltip formatter={(v) => [`${v} requests`, 'count']} labelFormatter={(l) => `from ${l}`} />
            <Bar dataKey="count" isAnimationActive={false}>
              {bars.map((b) => (
                <Cell key={b.fromMs} className={b.overTarget ? 'perf-bar over' : 'perf-bar'} />
              ))}
            </Bar>
            {targetBar && <ReferenceLine x={targetBar.label} className="perf-target" label={{ value: `target ${target} ms`, position: 'top', className: 'perf-target-label' }} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        Time per request ({total} requests). Bars right of the target line ({target ?? '–'} ms) are slower than the target.
        {!targetBar && target !== undefined && bars.at(-1)!.toMs <= target ? ' Every request finished before the target.' : ''}
      </figcaption>
    </figure>
  )
}

export function P95OverTime({ series, targetMs, title = 'p95 over time' }: { series: SeriesPoint[]; targetMs: number; title?: string }) {
  if (series.length === 0) return null
  const data = series.map((p) => ({ t: `${p.tS}s`, p95: p.p95Ms, users: p.users, rps: p.rps, errors: p.errors }))
  const worst = Math.max(...series.map((p) => p.p95Ms ?? 0))
  const label = `${title}: ${series.length} seconds, worst p95 ${fmtMs(worst)} against a ${targetMs} ms target.`
  return (
    <figure className="perf-chart">
      <div role="img" aria-label={label}>
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 22, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid className="perf-grid" vertical={false} />
            <XAxis dataKey="t" interval="preserveStartEnd" tickLine={false} />
            <YAxis yAxisId="ms" width={44} tickLine={false} unit=" ms" />
            <YAxis yAxisId="users" orientation="right" width={32} tickLine={false} allowDecimals={false} />
            <Tooltip />
            <Legend />
            <ReferenceLine yAxisId="ms" y={targetMs} className="perf-target" label={{ value: `target ${targetMs} ms`, position: 'insideTopLeft', className: 'perf-target-label' }} />
            <Line yAxisId="ms" type="monotone" dataKey="p95" name="p95 (ms)" stroke="#4a82d9" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            <Line yAxisId="users" type="stepAfter" dataKey="users" name="users at once" stroke="#8a8f99" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>p95 response time each second (left axis) and users at once (right axis).</figcaption>
    </figure>
  )
}

/** Mid-tone colours with at least 3:1 contrast on both the light and the dark background. */
const PHASES = [
  ['dns', 'DNS lookup', '#7a8aa6'],
  ['connect', 'Connect', '#9b7fc4'],
  ['tls', 'TLS handshake', '#3e9a95'],
  ['wait', 'Server wait', '#4a82d9'],
  ['download', 'Download', '#c9924a'],
] as const

export function PhaseBreakdown({ rows }: { rows: PhaseRow[] }) {
  if (rows.length === 0) return null
  return (
    <figure className="perf-chart">
      <div role="img" aria-label="Median time per phase for each measured address; the same numbers are in the table below.">
        <ResponsiveContainer width="100%" height={Math.max(120, 34 * rows.length + 60)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 12, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid className="perf-grid" horizontal={false} />
            <XAxis type="number" unit=" ms" tickLine={false} />
            <YAxis type="category" dataKey="name" width={150} tickLine={false} />
            <Tooltip formatter={(v) => fmtMs(Number(v))} />
            <Legend />
            {PHASES.map(([k, name, colour]) => (
              <Bar key={k} dataKey={k} name={name} stackId="p" fill={colour} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="perf-table">
        <caption>Median time per phase (connection phases from new connections only)</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            {PHASES.map(([k, name]) => (
              <th key={k} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              {PHASES.map(([k]) => (
                <td key={k}>{fmtMs(r[k])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
