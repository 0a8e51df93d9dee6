/**
 * The uptime watch: each monitored URL on its interval, in the main process
 * (never renderer timers, which are throttled when a window is hidden). Down
 * means N failures in a row (default 2), so one blip is not an outage. Sleep
 * and clock jumps are noticed (a tick arriving far later than due, or the
 * wall clock moving unlike the monotonic one) and recorded as an unknown gap,
 * never as downtime; the URLs are checked at once after one. The clock and the
 * timers are injected, so tests run an hour in milliseconds.
 */
import tls from 'node:tls'
import type { Clock, HttpClient, Resolver } from '../types'
import { jsonFieldHolds } from '../deploy/smoke'
import type { CheckRecord, HistoryStore } from './store'

export interface WatchTarget {
  url: string
  label: string
  intervalMs: number
  timeoutMs: number
  expectStatus?: number
  keyword?: string
  /** `path` or `path=value` in a JSON body (a health payload's version, a queue depth). */
  jsonField?: string
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }

export interface CheckResult extends CheckRecord {
  label: string
  /** The watch's state after this check (down only after N failures in a row). */
  watchState: 'up' | 'down' | 'unknown'
}

export type WatchEvent =
  | { type: 'check'; result: CheckResult }
  | { type: 'down'; url: string; at: number; cause: string; failures: number }
  | { type: 'recovered'; url: string; at: number; downForMs: number }
  | { type: 'gap'; from: number; to: number; reason: string }
  | { type: 'cert'; url: string; host: string; daysLeft: number; threshold: number }
  | { type: 'slow'; at: number; p95Ms: number; targetMs: number }

export interface WatchDeps {
  http: HttpClient
  resolver: Resolver
  clock: Clock
  timers?: Timers
  store?: HistoryStore
  /** 443 → the port to connect to (the fixtures' loopback ports). */
  portMap?: Readonly<Record<number, number>>
  extraCa?: string[]
  failuresToDown?: number
  /** Alert when the p95 of every URL's answers stays over this for 5 minutes. */
  p95TargetMs?: number
  onEvent?: (e: WatchEvent) => void
}

export const CERT_THRESHOLDS = [21, 14, 7] as const

/** Days left on a host's certificate (a fresh TLS handshake; SNI and trust as a browser's). */
export async function certDaysLeft(deps: Pick<WatchDeps, 'resolver' | 'portMap' | 'extraCa' | 'clock'>, host: string, timeoutMs: number): Promise<number | null> {
  let address = host
  try {
    const a = await deps.resolver.query(host, 'A', { timeoutMs })
    const rec = a.answers.find((r) => r.type === 'A')
    if (rec) address = String(rec.data)
  } catch {
    return null
  }
  return new Promise((resolve) => {
    const socket = tls.connect({ host: address, port: deps.portMap?.[443] ?? 443, servername: host, rejectUnauthorized: false, ...(deps.extraCa?.length ? { ca: [...tls.rootCertificates, ...deps.extraCa] } : {}) })
    const done = (v: number | null) => {
      socket.destroy()
      resolve(v)
    }
    socket.setTimeout(timeoutMs, () => done(null))
    socket.once('error', () => done(null))
    socket.once('secureConnect', () => {
      const c = socket.getPeerCertificate()
      done(c?.valid_to ? Math.floor((Date.parse(c.valid_to) - deps.clock.now()) / 86_400_000) : null)
    })
  })
}

interface UrlState {
  failures: number
  state: 'up' | 'down' | 'unknown'
  downSince?: number
  lastCause?: string
  /** Certificate thresholds already alerted, by certificate expiry day. */
  certAlerted: Set<string>
  timer?: unknown
  lastTickWall?: number
  lastTickMono?: number
}

export class Watch {
  private readonly states = new Map<string, UrlState>()
  /** The last 5 minutes of answer times, for the p95 alert. */
  private recent: { at: number; ms: number }[] = []
  private slowSince: number | undefined
  private slowAlerted = false
  private running = false
  /** Set by stop(): a check still in flight then records and reports nothing (its store may be closed). */
  private halted = false
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly timers: Timers
  private readonly n: number

  constructor(
    private readonly targets: readonly WatchTarget[],
    private readonly deps: WatchDeps,
  ) {
    this.timers = deps.timers ?? realTimers
    this.n = deps.failuresToDown ?? 2
    for (const t of targets) this.states.set(t.url, { failures: 0, state: 'unknown', certAlerted: new Set() })
  }

  private emit(e: WatchEvent): void {
    try {
      this.deps.onEvent?.(e)
    } catch {
      /* a broken listener must not stop the watch */
    }
  }

  /** One check of one URL: the request with its timing split, the certificate, the state machine, the history. */
  check(t: WatchTarget): Promise<CheckResult> {
    const p = this.checkOnce(t)
    this.inflight.add(p)
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined)
    return p
  }

  /** Resolves when no check is in flight (after stop(), before closing the history). */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight])
  }

  private async checkOnce(t: WatchTarget): Promise<CheckResult> {
    const at = this.deps.clock.now()
    const u = new URL(t.url)
    const st = this.states.get(t.url)!
    let record: CheckRecord
    let field: string | undefined
    try {
      const r = await this.deps.http.request({ url: t.url, timeoutMs: t.timeoutMs, maxBodyBytes: 256 * 1024, acceptEncoding: true })
      const body = Buffer.from(r.decodedBody ?? r.body).toString('utf8')
      const problems: string[] = []
      const statusOk = t.expectStatus ? r.status === t.expectStatus : r.status >= 200 && r.status < 400
      if (!statusOk) problems.push(`answered ${r.status}`)
      if (t.keyword && !body.includes(t.keyword)) problems.push(`“${t.keyword}” is not on the page`)
      if (t.jsonField) {
        const j = jsonFieldHolds(body, t.jsonField)
        field = j.seen
        if (t.jsonField.includes('=') && !j.ok) problems.push(j.seen)
      }
      record = { url: t.url, at, state: problems.length ? 'down' : 'up', httpStatus: r.status, ms: r.timings.totalMs, dnsMs: r.timings.dnsMs ?? null, connectMs: r.timings.connectMs ?? null, tlsMs: r.timings.tlsMs ?? null, ttfbMs: r.timings.ttfbMs, ...(problems.length ? { error: problems.join('; ') } : {}) }
    } catch (e) {
      record = { url: t.url, at, state: 'down', httpStatus: null, ms: null, error: e instanceof Error ? e.message : String(e) }
    }
    if (u.protocol === 'https:') {
      const days = await certDaysLeft(this.deps, u.hostname, t.timeoutMs)
      record.certDaysLeft = days
      if (days !== null) {
        const crossed = CERT_THRESHOLDS.filter((d) => days <= d)
        const threshold = crossed[crossed.length - 1]
        // Once per threshold per certificate: keyed by the expiry day, so a renewal starts over.
        const key = `${threshold}@${Math.floor(at / 86_400_000) + days}`
        if (threshold !== undefined && !st.certAlerted.has(key)) {
          st.certAlerted.add(key)
          this.emit({ type: 'cert', url: t.url, host: u.hostname, daysLeft: days, threshold })
        }
      }
    }
    if (field !== undefined) record.field = field
    if (this.halted) return { ...record, label: t.label, watchState: st.state }
    this.deps.store?.record(record)
    if (record.state === 'up') {
      if (st.state === 'down') this.emit({ type: 'recovered', url: t.url, at, downForMs: at - (st.downSince ?? at) })
      st.failures = 0
      st.state = 'up'
      st.downSince = undefined
    } else {
      st.failures++
      st.lastCause = record.error ?? 'no answer'
      if (st.state !== 'down' && st.failures >= this.n) {
        st.state = 'down'
        st.downSince = at
        this.emit({ type: 'down', url: t.url, at, cause: st.lastCause, failures: st.failures })
      }
    }
    if (record.state === 'up' && record.ms !== null) this.slowCheck(at, record.ms)
    const result: CheckResult = { ...record, label: t.label, watchState: st.state }
    this.emit({ type: 'check', result })
    return result
  }

  /** p95 over the target for 5 minutes in a row: one alert, again only after it has come back under. */
  private slowCheck(at: number, ms: number): void {
    const target = this.deps.p95TargetMs
    if (!target) return
    this.recent = [...this.recent.filter((x) => x.at > at - 5 * 60_000), { at, ms }]
    const sorted = this.recent.map((x) => x.ms).sort((a, b) => a - b)
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!
    if (p95 <= target) {
      this.slowSince = undefined
      this.slowAlerted = false
      return
    }
    this.slowSince ??= at
    if (!this.slowAlerted && at - this.slowSince >= 5 * 60_000) {
      this.slowAlerted = true
      this.emit({ type: 'slow', at, p95Ms: Math.round(p95), targetMs: target })
    }
  }

  /** Every URL once, all at once (`--once`, "check now"). */
  checkAll(): Promise<CheckResult[]> {
    return Promise.all(this.targets.map((t) => this.check(t)))
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.halted = false
    for (const t of this.targets) this.tick(t)
  }

  stop(): void {
    this.running = false
    this.halted = true
    for (const st of this.states.values()) if (st.timer !== undefined) this.timers.clearTimeout(st.timer)
  }

  /** After a sleep (powerMonitor 'resume'): the time since the last check is unknown; check everything now. */
  resumed(reason = 'the computer was asleep'): void {
    const now = this.deps.clock.now()
    for (const t of this.targets) {
      const st = this.states.get(t.url)!
      if (st.lastTickWall !== undefined && now - st.lastTickWall > t.intervalMs) this.gap(t.url, st.lastTickWall + t.intervalMs, now, reason)
      if (this.running) {
        if (st.timer !== undefined) this.timers.clearTimeout(st.timer)
        this.tick(t)
      }
    }
  }

  private gap(url: string, from: number, to: number, reason: string): void {
    this.deps.store?.recordGap({ url, from, to, reason })
    this.emit({ type: 'gap', from, to, reason })
  }

  private tick(t: WatchTarget): void {
    const st = this.states.get(t.url)!
    const wall = this.deps.clock.now()
    const mono = this.deps.clock.monotonic()
    // A tick far later than due (a sleep the OS did not report), or wall and monotonic clocks disagreeing (a clock jump).
    if (st.lastTickWall !== undefined && st.lastTickMono !== undefined) {
      const wallGap = wall - st.lastTickWall
      const monoGap = mono - st.lastTickMono
      if (wallGap > 2 * t.intervalMs + 5000) this.gap(t.url, st.lastTickWall + t.intervalMs, wall, Math.abs(wallGap - monoGap) > 5000 ? 'the clock jumped' : 'the watch could not run (the computer slept or was too busy)')
    }
    st.lastTickWall = wall
    st.lastTickMono = mono
    void this.check(t).finally(() => {
      if (this.running) st.timer = this.timers.setTimeout(() => this.tick(t), t.intervalMs)
    })
  }

  stateOf(url: string): UrlState['state'] {
    return this.states.get(url)?.state ?? 'unknown'
  }
}
