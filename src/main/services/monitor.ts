/**
 * Stage 6's uptime watch, in the main process: one Watch per project that has
 * it on (started with the app, kept running with the window closed), its
 * history in the data folder (monitor/<project>.db), alerts to the channels
 * the founder configured and tested (webhook URLs and SMTP passwords read
 * from the keychain here, never stored in the project), "Send a test alert"
 * recording the delivery or the exact error, and the ops view. monitor.uptime
 * and monitor.alerts are kept as a run (kind `monitor`) for the risk report.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { AlertChannel, AlertDelivery, Finding, MonitorConfig, MonitorUrl, Project } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import { VERTICAL_INFO } from '../../shared/verticals'
import type { MonitorState } from '../../shared/contract/monitor'
import { makeFinding } from '../engine/finding'
import { engineDepsFor } from '../engine/run/engine-deps'
import { HistoryStore } from '../engine/monitor/store'
import { Watch, type WatchEvent } from '../engine/monitor/watch'
import { alertFor, deliver, type Alert, type Channel } from '../engine/monitor/alerts'
import { opsView } from '../engine/monitor/ops'
import { DEFAULT_HEALTH_PATHS } from '../engine/web/checks-page'
import { covers, listHostedMonitors, type HostedMonitor, type HostedProvider } from '../engine/monitor/hosted'

type MonitorChannel = 'monitor.get' | 'monitor.save' | 'monitor.start' | 'monitor.stop' | 'monitor.testAlert' | 'monitor.checkNow' | 'monitor.coverage'

export interface MonitorService {
  handlers: PartialHandlers<MonitorChannel>
  /** The computer woke up (powerMonitor 'resume'): the time asleep is unknown; check at once. */
  resumed(): void
  stopAll(): void
  /** How many projects are being watched now. */
  watching(): number
}

/** The URLs to watch when the founder has not listed any: the main page, the critical pages, the health endpoint. */
export function suggestedUrls(p: Project): MonitorUrl[] {
  const host = p.canonicalHost === 'apex' ? p.domain : `www.${p.domain}`
  const out: MonitorUrl[] = [{ url: `https://${host}/`, label: 'Main page', intervalS: 60, timeoutS: 10 }]
  for (const f of p.criticalFlows.filter((x) => x.method === 'GET')) if (!out.some((u) => u.url === f.url)) out.push({ url: f.url, label: f.label, intervalS: 60, timeoutS: 10 })
  const health = `https://${host}${DEFAULT_HEALTH_PATHS[0]}`
  if (!out.some((u) => u.url === health)) out.push({ url: health, label: 'Health endpoint', intervalS: 60, timeoutS: 10 })
  return out
}

export function createMonitorService(ctx: ServiceContext, deps: { portMap?: Readonly<Record<number, number>>; now?: () => number; onStartAtLogin?: (on: boolean) => void; hostedBase?: Partial<Record<HostedProvider, string>> } = {}): MonitorService {
  const now = deps.now ?? (() => Date.now())
  const running = new Map<string, { watch: Watch; store: HistoryStore; close(): void }>()
  const stores = new Map<string, HistoryStore>()
  const storeOf = (projectId: string) => {
    let s = stores.get(projectId)
    if (!s) {
      mkdirSync(join(ctx.dataDir, 'monitor'), { recursive: true })
      s = new HistoryStore(join(ctx.dataDir, 'monitor', `${projectId.replace(/[^\w-]/g, '_')}.db`))
      stores.set(projectId, s)
    }
    return s
  }
  const urlsOf = (p: Project) => (p.monitor.urls.length ? p.monitor.urls : suggestedUrls(p))

  async function channelOf(c: AlertChannel): Promise<Channel | 'desktop'> {
    if (c.type === 'desktop') return 'desktop'
    const secret = c.credential ? await ctx.vault.get(c.credential) : undefined
    if (c.type === 'email') {
      if (!c.email) throw new UserFacingError('invalid-input', `The email channel “${c.name}” has no SMTP server set.`)
      return { type: 'email', name: c.name, host: c.email.host, port: c.email.port, secure: c.email.secure, ...(c.email.user ? { user: c.email.user } : {}), ...(secret ? { password: secret } : {}), from: c.email.from, to: c.email.to }
    }
    if (!secret) throw new UserFacingError('no-credential', `The ${c.type === 'slack' ? 'Slack webhook' : 'webhook'} URL of “${c.name}” is not in the keychain (credential “${c.credential ?? ''}”). Add it in Credentials.`)
    return { type: c.type, name: c.name, url: secret.trim() }
  }

  async function send(p: Project, c: AlertChannel, alert: Alert): Promise<AlertDelivery> {
    const at = new Date(alert.at).toISOString()
    let d: AlertDelivery
    try {
      const ch = await channelOf(c)
      if (ch === 'desktop') {
        const shown = (await ctx.notify?.(alert.title, alert.detail)) ?? false
        d = shown ? { channel: c.id, at, ok: true, kind: alert.kind } : { channel: c.id, at, ok: false, error: 'Desktop notifications are only shown by the desktop app (this window cannot show them).', kind: alert.kind }
      } else {
        const engine = engineDepsFor(p, { timeoutMs: 10_000, ...(deps.portMap ? { portMap: deps.portMap } : {}) })
        try {
          const r = await deliver(ch, alert, engine)
          d = { channel: c.id, at, ok: r.ok, ...(r.error ? { error: r.error } : {}), kind: alert.kind }
        } finally {
          engine.close()
        }
      }
    } catch (e) {
      d = { channel: c.id, at, ok: false, error: e instanceof Error ? e.message : String(e), kind: alert.kind }
    }
    const fresh = ctx.projects.get(p.id)
    ctx.projects.update(p.id, { monitor: { ...fresh.monitor, deliveries: [d, ...fresh.monitor.deliveries].slice(0, 50) } })
    return d
  }

  function start(p: Project): void {
    stop(p.id)
    const engine = engineDepsFor(p, { timeoutMs: 10_000, ...(deps.portMap ? { portMap: deps.portMap } : {}) })
    const store = storeOf(p.id)
    const onEvent = (e: WatchEvent) => {
      if (e.type === 'check') return ctx.emit('monitor.event', { projectId: p.id, type: 'check', url: e.result.url, state: e.result.watchState })
      ctx.emit('monitor.event', { projectId: p.id, type: e.type, ...('url' in e ? { url: e.url } : {}) })
      if (e.type === 'gap') return
      const fresh = ctx.projects.get(p.id)
      const alert = alertFor(e.type === 'cert' ? { ...e, at: now() } : e)
      for (const c of fresh.monitor.channels) void send(fresh, c, alert)
    }
    const watch = new Watch(
      urlsOf(p).map((u) => ({ url: u.url, label: u.label || u.url, intervalMs: u.intervalS * 1000, timeoutMs: u.timeoutS * 1000, ...(u.expectStatus ? { expectStatus: u.expectStatus } : {}), ...(u.keyword ? { keyword: u.keyword } : {}), ...(u.jsonField ? { jsonField: u.jsonField } : {}) })),
      { ...engine, store, failuresToDown: p.monitor.failuresToDown, p95TargetMs: VERTICAL_INFO[p.vertical].p95TargetMs, onEvent },
    )
    watch.start()
    running.set(p.id, { watch, store, close: () => engine.close() })
  }

  function stop(projectId: string): void {
    const r = running.get(projectId)
    if (!r) return
    r.watch.stop()
    r.close()
    running.delete(projectId)
  }

  function state(p: Project): MonitorState {
    const store = storeOf(p.id)
    store.prune(now())
    return { config: p.monitor, urls: urlsOf(p), suggested: !p.monitor.urls.length, running: running.has(p.id), ops: opsView(store, urlsOf(p), now(), VERTICAL_INFO[p.vertical].p95TargetMs, p.monitor.failuresToDown) }
  }

  // The watch runs with the app: every project that has it on starts now.
  for (const s of ctx.projects.list()) {
    try {
      const p = ctx.projects.get(s.id)
      if (p.monitor.enabled) start(p)
    } catch (e) {
      ctx.log.warn('monitor: could not start a watch', e instanceof Error ? e.message : e)
    }
  }

  const handlers: PartialHandlers<MonitorChannel> = {
    'monitor.get': ({ projectId }) => state(ctx.projects.get(projectId)),
    'monitor.save': ({ projectId, config }) => {
      const p = ctx.projects.get(projectId)
      const next: MonitorConfig = { ...p.monitor, ...config, deliveries: p.monitor.deliveries, enabled: p.monitor.enabled }
      const saved = ctx.projects.update(projectId, { monitor: next })
      if (config.startAtLogin !== undefined && config.startAtLogin !== p.monitor.startAtLogin) deps.onStartAtLogin?.(ctx.projects.list().some((x) => ctx.projects.get(x.id).monitor.startAtLogin))
      if (running.has(projectId)) start(saved)
      return state(saved)
    },
    'monitor.start': ({ projectId }) => {
      const p = ctx.projects.get(projectId)
      const saved = ctx.projects.update(projectId, { monitor: { ...p.monitor, enabled: true } })
      start(saved)
      return state(saved)
    },
    'monitor.stop': ({ projectId }) => {
      const p = ctx.projects.get(projectId)
      stop(projectId)
      return state(ctx.projects.update(projectId, { monitor: { ...p.monitor, enabled: false } }))
    },
    'monitor.testAlert': async ({ projectId, channelId }) => {
      const p = ctx.projects.get(projectId)
      const c = p.monitor.channels.find((x) => x.id === channelId)
      if (!c) throw new UserFacingError('not-found', 'That alert channel is no longer in the project.')
      return send(p, c, { kind: 'test', title: `Test alert from Launch Ready for ${p.domain}`, detail: 'If you can read this, alerts for your site reach you here.', at: now() })
    },
    'monitor.checkNow': async ({ projectId }) => {
      const p = ctx.projects.get(projectId)
      const engine = engineDepsFor(p, { timeoutMs: 10_000, ...(deps.portMap ? { portMap: deps.portMap } : {}) })
      try {
        const w = new Watch(urlsOf(p).map((u) => ({ url: u.url, label: u.label || u.url, intervalMs: u.intervalS * 1000, timeoutMs: u.timeoutS * 1000, ...(u.expectStatus ? { expectStatus: u.expectStatus } : {}), ...(u.keyword ? { keyword: u.keyword } : {}), ...(u.jsonField ? { jsonField: u.jsonField } : {}) })), { ...engine, store: storeOf(p.id), failuresToDown: 1 })
        await w.checkAll()
      } finally {
        engine.close()
      }
      return state(p)
    },
    'monitor.coverage': async ({ projectId }) => {
      const p = ctx.projects.get(projectId)
      const hosted: HostedMonitor[] = []
      const hostedErrors: string[] = []
      if (p.monitor.hosted.length) {
        const engine = engineDepsFor(p, { timeoutMs: 15_000, ...(deps.portMap ? { portMap: deps.portMap } : {}) })
        try {
          for (const h of p.monitor.hosted) {
            const token = await ctx.vault.get(h.credential)
            if (!token) {
              hostedErrors.push(`the ${h.provider === 'uptimerobot' ? 'UptimeRobot' : 'Better Stack'} token “${h.credential}” is not in the keychain`)
              continue
            }
            try {
              hosted.push(...(await listHostedMonitors(h.provider, token.trim(), engine.http, deps.hostedBase?.[h.provider] ? { baseUrl: deps.hostedBase[h.provider]! } : {})))
            } catch (e) {
              hostedErrors.push(e instanceof Error ? e.message : String(e))
            }
          }
        } finally {
          engine.close()
        }
      }
      const findings = coverageFindings(p, running.has(projectId), hosted, hostedErrors)
      const t = new Date(now()).toISOString()
      ctx.runs.save({ id: randomUUID(), projectId, startedAt: t, finishedAt: t, state: 'completed', scope: { checkIds: ['monitor.uptime', 'monitor.alerts'] }, findings, meta: { kind: 'monitor' } })
      return findings
    },
  }
  return {
    handlers,
    resumed() {
      for (const r of running.values()) r.watch.resumed()
    },
    watching: () => running.size,
    stopAll() {
      for (const id of [...running.keys()]) stop(id)
      for (const s of stores.values()) s.close()
      stores.clear()
    },
  }
}

/** monitor.uptime: every critical URL is watched; monitor.alerts: a channel has delivered a test alert. */
export function coverageFindings(p: Project, watching: boolean, hosted: readonly HostedMonitor[] = [], hostedErrors: readonly string[] = []): Finding[] {
  const watched = new Set((watching || p.monitor.enabled ? (p.monitor.urls.length ? p.monitor.urls : suggestedUrls(p)) : []).map((u) => u.url))
  const critical = suggestedUrls(p).map((u) => u.url)
  const byHosted = (u: string) => hosted.find((h) => covers(h.url, u))
  const uncovered = critical.filter((u) => !watched.has(u) && !byHosted(u))
  const coveredBy = Object.fromEntries(critical.map((u) => [u, watched.has(u) ? 'the app’s watch' : byHosted(u) ? `${byHosted(u)!.provider === 'uptimerobot' ? 'UptimeRobot' : 'Better Stack'} (${byHosted(u)!.name})` : null]))
  const out: Finding[] = [
    uncovered.length
      ? makeFinding('monitor.uptime', p.domain, 'fail', { title: `${uncovered.length} critical URL${uncovered.length === 1 ? ' is' : 's are'} not watched`, summary: `Nobody would know within minutes if ${uncovered.slice(0, 4).join(', ')} went down.${hostedErrors.length ? ` (A hosted monitor could not be read: ${hostedErrors.join('; ')}.)` : ''}`, evidence: { uncovered, coveredBy, hostedErrors }, fix: [{ text: 'Turn the uptime watch on in Stage 6 (it checks every minute and alerts on two failures in a row), or add these URLs to your hosted monitor.' }] })
      : makeFinding('monitor.uptime', p.domain, 'pass', { title: 'Every critical URL is watched', summary: `${critical.length} critical URLs are watched: ${[...new Set(Object.values(coveredBy))].join(' and ')}.`, evidence: { coveredBy } }),
  ]
  const delivered = p.monitor.deliveries.find((d) => d.ok && d.kind === 'test' && p.monitor.channels.some((c) => c.id === d.channel))
  const lastFail = p.monitor.deliveries.find((d) => !d.ok && d.kind === 'test')
  out.push(
    delivered
      ? makeFinding('monitor.alerts', p.domain, 'pass', { title: 'A test alert reached a person', summary: `“${p.monitor.channels.find((c) => c.id === delivered.channel)?.name}” delivered a test alert on ${delivered.at.slice(0, 10)}.`, evidence: { delivery: delivered } })
      : makeFinding('monitor.alerts', p.domain, 'fail', { title: p.monitor.channels.length ? 'No alert channel has delivered a test alert' : 'No alert channel is set up', summary: lastFail ? `The last test failed: ${lastFail.error}` : 'An alert nobody receives is the same as no alert: add a channel (Slack, email, a webhook) and send a test.', evidence: { channels: p.monitor.channels.map((c) => c.name), ...(lastFail ? { lastFailure: lastFail } : {}) }, fix: [{ text: 'In Stage 6, add a channel and press “Send a test alert”; check it arrived.' }] }),
  )
  return out
}
