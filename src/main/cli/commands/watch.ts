/**
 * `launch-ready watch [DOMAIN] [--config FILE] [--once] [--interval S] [--json]`:
 * the uptime watch, headless, for a server or a CI runner. What to watch comes
 * from the audit's config (critical URLs, the health endpoint, the main page);
 * --once checks each URL once (cron) and prints one JSON object per URL with
 * --json. Long-running, it prints state changes and alerts as they happen,
 * keeps the history in --history FILE, and stops cleanly on SIGTERM or Ctrl+C.
 * Alert channels come from the environment (LAUNCH_READY_ALERT_WEBHOOK,
 * LAUNCH_READY_ALERT_SLACK): their URLs are secrets, never flags.
 */
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { UsageError } from '../types'
import { siteDomain } from '../site-domain'
import { wireFromFlags } from '../net-flags'
import type { Project } from '../../../shared/model'
import { UserFacingError } from '../../../shared/result'
import type { wireEngine } from '../../engine/run/engine-deps'
import { loadConfig, projectForDomain } from '../audit-config'
import { intFlag, readCredential } from './perf'
import type { LoadedConfig } from '../audit-config'
import { Watch, type WatchTarget } from '../../engine/monitor/watch'
import { HistoryStore } from '../../engine/monitor/store'
import { alertFor, deliver, type Channel } from '../../engine/monitor/alerts'
import { DEFAULT_HEALTH_PATHS } from '../../engine/web/checks-page'

const USAGE = 'launch-ready watch [DOMAIN] [--config FILE] [--once] [--interval S] [--json] [--history FILE]'
const HELP = `${USAGE}

Checks the main page, the health endpoint and the critical URLs on an interval:
status, time split (DNS, connect, TLS, first byte), certificate days left. A URL is
down after 2 failures in a row; sleep and clock jumps are recorded as unknown.

  --once              check each URL once and exit (for cron): exit 1 when one is down
  --json              with --once: one JSON object per URL (url, state, httpStatus, ms,
                      dnsMs/connectMs/tlsMs/ttfbMs, certDaysLeft, error)
  --interval S        seconds between checks (default 60, at least 10)
  --timeout S         per request (default 10)
  --failures N        failures in a row that count as down (default 2)
  --history FILE      keep every check in this SQLite file (long-running mode)
  --config FILE       the audit's config (criticalUrls, canonicalHost, …)
  --dns-server H[:P], --ca-file PEM, --port-map LIST   as for audit

Alerts (long-running mode): LAUNCH_READY_ALERT_WEBHOOK (a JSON POST) and
LAUNCH_READY_ALERT_SLACK (a Slack incoming webhook) in the environment.
`

export function watchTargets(project: Project, o: { intervalMs: number; timeoutMs: number; health?: string }): WatchTarget[] {
  const host = project.canonicalHost === 'apex' ? project.domain : `www.${project.domain}`
  const out: WatchTarget[] = [{ url: `https://${host}/`, label: 'main page', intervalMs: o.intervalMs, timeoutMs: o.timeoutMs }]
  for (const f of project.criticalFlows.filter((x) => x.method === 'GET')) if (!out.some((t) => t.url === f.url)) out.push({ url: f.url, label: f.label, intervalMs: o.intervalMs, timeoutMs: o.timeoutMs, ...(f.expectStatus ? { expectStatus: f.expectStatus } : {}), ...(f.expectKeyword ? { keyword: f.expectKeyword } : {}), ...(f.expectJson ? { jsonField: f.expectJson } : {}) })
  const health = `https://${host}${o.health ?? DEFAULT_HEALTH_PATHS[0]}`
  if (!out.some((t) => t.url === health)) out.push({ url: health, label: 'health endpoint', intervalMs: o.intervalMs, timeoutMs: o.timeoutMs })
  return out
}

export async function runWatch(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand(
    'watch',
    argv,
    { config: { type: 'string' }, once: { type: 'boolean' }, json: { type: 'boolean' }, interval: { type: 'string' }, timeout: { type: 'string' }, failures: { type: 'string' }, history: { type: 'string' }, health: { type: 'string' }, 'dns-server': { type: 'string' }, 'ca-file': { type: 'string' }, 'port-map': { type: 'string' } },
    { help: HELP, usage: `${USAGE}\n` },
    out,
    err,
  )
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let project: Project
  let wired: ReturnType<typeof wireEngine>
  let targets: WatchTarget[]
  let failures: number
  let section: LoadedConfig['watch']
  try {
    if (parsed.positionals.length > 1) throw new UsageError('give one domain')
    const domain = parsed.positionals[0] ? siteDomain(parsed.positionals[0]) : undefined
    if (!domain && !v.config) throw new UsageError('give the domain (or --config FILE) to watch, e.g. launch-ready watch acme.com --once')
    const loaded = v.config ? loadConfig(v.config, domain) : undefined
    project = loaded?.project ?? projectForDomain(domain!)
    section = loaded?.watch
    // Flags win over the config's watch section, which wins over the defaults.
    const intervalMs = intFlag(v.interval, 'interval', 10, 86_400, section?.interval ?? 60) * 1000
    const timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, section?.timeout ?? 10) * 1000
    failures = intFlag(v.failures, 'failures', 1, 10, section?.failures ?? 2)
    if (v.health && !v.health.startsWith('/')) throw new UsageError('--health is a path, starting with /')
    targets = watchTargets(project, { intervalMs, timeoutMs, ...(v.health ? { health: v.health } : {}) })
    wired = wireFromFlags(v, timeoutMs)
  } catch (e) {
    if (e instanceof UsageError || (e instanceof UserFacingError && e.code !== 'internal')) {
      err.write(`launch-ready watch: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  const channels: Channel[] = [
    ...(process.env.LAUNCH_READY_ALERT_WEBHOOK ? [{ type: 'webhook' as const, name: 'webhook', url: process.env.LAUNCH_READY_ALERT_WEBHOOK }] : []),
    ...(process.env.LAUNCH_READY_ALERT_SLACK ? [{ type: 'slack' as const, name: 'slack', url: process.env.LAUNCH_READY_ALERT_SLACK }] : []),
  ]
  // The config's channels: each URL from an environment variable or the keychain, never from the file.
  for (const a of section?.alerts ?? []) {
    const url = a.env ? process.env[a.env] : a.credential ? await readCredential(a.credential) : undefined
    if (!url) {
      err.write(`launch-ready watch: the ${a.type} channel “${a.name ?? a.type}” has no URL (${a.env ? `${a.env} is not set` : a.credential ? `no credential “${a.credential}” in the keychain` : 'give env or credential'}); it is left out.\n`)
      continue
    }
    channels.push({ type: a.type, name: a.name ?? a.type, url: url.trim() })
  }
  if (v.once) {
    // One check each: a failure is down (there is no second check to wait for).
    const w = new Watch(targets, { ...wired, failuresToDown: 1 })
    try {
      const results = await w.checkAll()
      for (const r of results) {
        const line = { url: r.url, state: r.state, httpStatus: r.httpStatus, ms: r.ms === null ? null : Math.round(r.ms), dnsMs: r.dnsMs ?? null, connectMs: r.connectMs ?? null, tlsMs: r.tlsMs ?? null, ttfbMs: r.ttfbMs === undefined || r.ttfbMs === null ? null : Math.round(r.ttfbMs), ...(r.url.startsWith('https:') ? { certDaysLeft: r.certDaysLeft ?? null } : {}), ...(r.error ? { error: r.error } : {}) }
        out.write(v.json ? `${JSON.stringify(line)}\n` : `${r.state === 'up' ? 'UP  ' : 'DOWN'} ${r.url}  ${r.httpStatus ?? '-'}  ${line.ms ?? '-'} ms${line.certDaysLeft !== undefined && line.certDaysLeft !== null ? `  cert ${line.certDaysLeft} days` : ''}${r.error ? `  ${r.error}` : ''}\n`)
      }
      return results.some((r) => r.state === 'down') ? 1 : 0
    } finally {
      wired.close()
    }
  }
  const store = v.history ? new HistoryStore(v.history) : undefined
  const w = new Watch(targets, {
    ...wired,
    failuresToDown: failures,
    ...(section?.p95TargetMs ? { p95TargetMs: section.p95TargetMs } : {}),
    ...(store ? { store } : {}),
    onEvent: (e) => {
      const at = Date.now()
      if (e.type === 'check') return
      if (e.type === 'gap') return void out.write(`${new Date(e.to).toISOString()} UNKNOWN ${Math.round((e.to - e.from) / 1000)} s not watched: ${e.reason}\n`)
      const alert = alertFor(e.type === 'cert' ? { ...e, at } : e)
      out.write(`${new Date(alert.at).toISOString()} ${e.type.toUpperCase()} ${alert.title}: ${alert.detail}\n`)
      if (!channels.length) return
      for (const c of channels) void deliver(c, alert, wired).then((d) => out.write(`  alert via ${d.channel}: ${d.ok ? 'delivered' : `failed (${d.error})`}\n`))
    },
  })
  out.write(`Watching ${targets.length} URLs every ${Math.round(targets[0]!.intervalMs / 1000)} s${channels.length ? `, alerts to ${channels.map((c) => c.name).join(', ')}` : ''}. Ctrl+C to stop.\n`)
  w.start()
  // The watch's own timers do not hold the process open (they are unref'd for the app); this does, until a signal.
  const keepAlive = setInterval(() => undefined, 1 << 30)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
  clearInterval(keepAlive)
  w.stop()
  await w.drain()
  store?.close()
  wired.close()
  out.write('Stopped.\n')
  return 0
}

registerCommand({ name: 'watch', usage: USAGE, summary: 'Watch the critical URLs: uptime, timings, certificate expiry, alerts.', run: (argv) => runWatch(argv) })
