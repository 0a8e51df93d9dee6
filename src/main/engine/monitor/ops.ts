/**
 * The ops view from the history: the four numbers (uptime over 24 h, 7 d and
 * 30 d; p95 against the target; error rate; queue backlog from a monitored
 * JSON field, or "not connected"), the hourly response-time series, an uptime
 * strip per URL, incidents with start, end and cause, certificate days left.
 * Reads aggregates, so a year of history stays fast.
 */
import type { HistoryStore } from './store'
import type { OpsView } from '../../../shared/contract/monitor'

export type { OpsView }

const H = 3_600_000

export function opsView(store: HistoryStore, urls: readonly { url: string; jsonField?: string }[], now: number, targetMs: number, failuresToDown = 2): OpsView {
  const day = store.window(null, now - 24 * H, now, now)
  const week = store.window(null, now - 7 * 24 * H, now, now)
  const month = store.window(null, now - 30 * 24 * H, now, now)
  const series: OpsView['series'] = []
  for (let i = 23; i >= 0; i--) {
    const from = Math.floor((now - i * H) / H) * H
    series.push({ t: from, p95Ms: store.window(null, from, from + H, now).p95Ms })
  }
  const strips = urls.map((u) => ({
    url: u.url,
    hours: Array.from({ length: 24 }, (_, k) => {
      const from = Math.floor((now - (23 - k) * H) / H) * H
      return store.window(u.url, from, from + H, now).uptime
    }),
  }))
  const incidents: OpsView['incidents'] = []
  const certs: OpsView['certs'] = []
  let queue: OpsView['queue'] = { connected: false }
  for (const u of urls) {
    const recent = store.recent(u.url, now - 48 * H)
    let run: { start: number; n: number; cause: string } | undefined
    for (const c of recent) {
      if (c.state === 'down') {
        run = run ? { ...run, n: run.n + 1 } : { start: c.at, n: 1, cause: c.error ?? `answered ${c.httpStatus}` }
      } else {
        if (run && run.n >= failuresToDown) incidents.push({ url: u.url, start: run.start, end: c.at, cause: run.cause })
        run = undefined
      }
    }
    if (run && run.n >= failuresToDown) incidents.push({ url: u.url, start: run.start, end: null, cause: run.cause })
    const lastCert = [...recent].reverse().find((c) => typeof c.certDaysLeft === 'number')
    if (lastCert) certs.push({ url: u.url, daysLeft: lastCert.certDaysLeft! })
    if (u.jsonField) {
      const last = [...recent].reverse().find((c) => c.field)
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
