/** Performance charts drawn as vector graphics (react-pdf SVG), with a visible target line and text labels. */
import type { ReactElement } from 'react'
import { G, Line, Rect, Svg, Text as SvgText } from '@react-pdf/renderer'
import type { PerfRow } from '../../../shared/report-model'
import { fmtMs } from '../format'
import { C, h } from './kit'
import { SANS } from './fonts'

const W = 499
const LABEL_W = 170

/** p95 per address as horizontal bars, each with its target tick; over-target bars are red and marked "over". */
export function P95Chart(rows: PerfRow[]): ReactElement {
  const data = rows.filter((r) => r.p95Ms !== null)
  const max = Math.max(1, ...data.map((r) => Math.max(r.p95Ms ?? 0, r.targetMs ?? 0))) * 1.1
  const barH = 12
  const gap = 6
  const height = data.length * (barH + gap) + 22
  const x = (ms: number) => LABEL_W + ((W - LABEL_W - 50) * ms) / max
  return h(
    Svg,
    { width: W, height, viewBox: `0 0 ${W} ${height}` },
    ...data.map((r, i) => {
      const y = i * (barH + gap)
      const over = r.targetMs !== null && (r.p95Ms ?? 0) > r.targetMs
      const label = r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label
      return h(
        G,
        { key: i },
        h(SvgText, { x: 0, y: y + barH - 3, style: { fontSize: 7, fontFamily: SANS }, fill: C.ink }, label),
        h(Rect, { x: LABEL_W, y, width: Math.max(1, x(r.p95Ms ?? 0) - LABEL_W), height: barH, fill: over ? C.fail : C.accent }),
        ...(r.targetMs !== null ? [h(Line, { x1: x(r.targetMs), x2: x(r.targetMs), y1: y - 2, y2: y + barH + 2, stroke: C.ink, strokeWidth: 1.2, strokeDasharray: '2,1' })] : []),
        h(SvgText, { x: x(r.p95Ms ?? 0) + 4, y: y + barH - 3, style: { fontSize: 7, fontFamily: SANS }, fill: C.ink }, `${fmtMs(r.p95Ms)}${over ? ' (over)' : ''}`),
      )
    }),
    h(Line, { x1: LABEL_W, x2: LABEL_W + 14, y1: height - 8, y2: height - 8, stroke: C.ink, strokeWidth: 1.2, strokeDasharray: '2,1' }),
    h(SvgText, { x: LABEL_W + 18, y: height - 5, style: { fontSize: 7, fontFamily: SANS }, fill: C.muted }, 'target (dashed tick); bars show p95 (19 of 20 requests are faster)'),
  )
}

/** Latency histogram of one address: bars per bucket, the target as a dashed line. */
export function Histogram(row: PerfRow): ReactElement | null {
  const hist = row.histogram
  if (!hist || hist.counts.length === 0) return null
  const width = 240
  const height = 90
  const plotH = 64
  const n = hist.counts.length
  const maxCount = Math.max(1, ...hist.counts)
  const bw = (width - 20) / n
  const span = n * hist.bucketMs
  const tx = row.targetMs !== null && row.targetMs <= span ? 20 + ((width - 20) * row.targetMs) / span : null
  return h(
    Svg,
    { width, height, viewBox: `0 0 ${width} ${height}` },
    ...hist.counts.map((c, i) => h(Rect, { key: i, x: 20 + i * bw, y: plotH - (plotH * c) / maxCount, width: Math.max(0.5, bw - 0.8), height: (plotH * c) / maxCount, fill: C.accent })),
    h(Line, { x1: 20, x2: width, y1: plotH, y2: plotH, stroke: C.muted, strokeWidth: 0.5 }),
    ...(tx !== null ? [h(Line, { x1: tx, x2: tx, y1: 0, y2: plotH, stroke: C.fail, strokeWidth: 1, strokeDasharray: '3,2' })] : []),
    h(SvgText, { x: 20, y: plotH + 10, style: { fontSize: 6.5, fontFamily: SANS }, fill: C.muted }, '0 ms'),
    h(SvgText, { x: width - 40, y: plotH + 10, style: { fontSize: 6.5, fontFamily: SANS }, fill: C.muted }, fmtMs(span)),
    h(SvgText, { x: 20, y: plotH + 22, style: { fontSize: 6.5, fontFamily: SANS }, fill: C.muted }, `requests per ${fmtMs(hist.bucketMs)} bucket${tx !== null ? '; red dashed line: target' : ''}`),
  )
}
