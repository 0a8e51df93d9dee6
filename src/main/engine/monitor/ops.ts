/**
 * The ops view from the history: the four numbers (uptime over 24 h, 7 d and
 * 30 d; p95 against the target; error rate; queue backlog from a monitored
 * JSON field, or "not connected"), the hourly response-time series, an uptime
 * strip per URL, incidents with start, end and cause, certificate days left.
 * Reads aggregates, so a year of history stays fast.
 */
import { BUCKETS, quantileOf, type HistoryStore } from './store'
import type { OpsView } from '../../../shared/contract/monitor'

export type { OpsView }

const H = 3_600_000

export function opsView(store: HistoryStore, urls: readonly { url: string; jsonField?: string }[], now: number, targetMs: number, failuresToDown = 2): OpsView {
  const day = store.window(null, now - 24 * H, now, now)
  const week = store.window(null, now - 7 * 24 * H, now, now)
  const month = store.window(null, now - 30 * 24 * H, now, now)
  // The last 24 hours, hour by hour, in one read: the series (p95 over every URL) and each URL's strip.
  const first = Math.floor(now / H) * H - 23 * H
  const rows = store.aggregates('hour', first, first + 24 * H)
  const series: OpsView['series'] = []
  for (let k = 0; k < 24; k++) {
    const hist = BUCKETS.map(() => 0)
    for (const r of rows) if (r.start === first + k * H) r.hist.forEach((n, i) => (hist[i]! += n))
    series.push({ t: first + k * H, p95Ms: quantileOf(hist, 0.95) })
  }
  const strips = urls.map((u) => ({
    url: u.url,
    hours: Array.from({ length: 24 }, (_, k) => {
      const r = rows.find((x) => x.url === u.url && x.start === first + k * H)
      return r && r.total ? r.up / r.total : null
    }),
  }))
  const incidents: OpsView['incidents'] = []
  const certs: OpsView['certs'] = []
  let queue: OpsView['queue'] = { connected: false }
  for (const u of urls) {
    for (const r of store.downRuns(u.url, now - 48 * H)) if (r.n >= failuresToDown) incidents.push({ url: u.url, start: r.start, end: r.end, cause: r.cause })
    const cert = store.latestWith(u.url, 'cert_days')
    if (cert && cert.certDaysLeft !== null) certs.push({ url: u.url, daysLeft: cert.certDaysLeft })
    if (u.jsonField) {
      const last = store.latestWith(u.url, 'field')
      if (last?.field) queue = { connected: true, value: last.field, url: u.url, at: last.at }
    }
  }
  return {
    uptime: { day: day.uptime, week: week.uptime, month: month.uptime },
    p95Ms: day.p95Ms,
    targetMs,
    errorRate: day.total ? day.down / day.total : null,
    queue,
    series,
    strips,
    incidents: incidents.sort((a, b) => b.start - a.start).slice(0, 50),
    certs,
    unknownMs: day.unknownMs,
  }
}
