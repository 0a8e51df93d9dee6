/**
 * The uptime history: an embedded SQLite file (libsql — SQLite with a
 * better-sqlite3-compatible API and prebuilt N-API binaries, so neither
 * Node nor Electron needs a native rebuild) in WAL mode: a process killed
 * mid-write loses at most the check being written, and the file always opens.
 *
 * Retention, as the field's best do it: raw results for 48 hours; per-minute
 * and per-hour aggregates (counts, up/down, a latency histogram so p95 can be
 * computed later) for 14 and 90 days; daily rollups for a year. Gaps (sleep, a
 * clock jump) are stored as unknown spans, never as downtime.
 */
import Database from 'libsql'

export interface CheckRecord {
  url: string
  /** Wall-clock ms. */
  at: number
  state: 'up' | 'down'
  httpStatus: number | null
  ms: number | null
  dnsMs?: number | null
  connectMs?: number | null
  tlsMs?: number | null
  ttfbMs?: number | null
  certDaysLeft?: number | null
  error?: string | null
  /** A JSON field's reading (a queue depth), when the URL names one. */
  field?: string | null
}

export interface Gap {
  url: string
  from: number
  to: number
  reason: string
}

/** Latency histogram buckets (upper bounds, ms); the last is open-ended. */
export const BUCKETS = [10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, Infinity] as const

export const RETENTION = { rawMs: 48 * 3600_000, minuteMs: 14 * 86_400_000, hourMs: 90 * 86_400_000, dayMs: 366 * 86_400_000 } as const

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS checks (url TEXT NOT NULL, at INTEGER NOT NULL, state TEXT NOT NULL, http_status INTEGER, ms REAL, dns_ms REAL, connect_ms REAL, tls_ms REAL, ttfb_ms REAL, cert_days INTEGER, error TEXT, field TEXT)`,
  `CREATE INDEX IF NOT EXISTS checks_url_at ON checks (url, at)`,
  // One row per url and bucket start, for each resolution: counts and the latency histogram (JSON array of BUCKETS' counts).
  `CREATE TABLE IF NOT EXISTS agg (res TEXT NOT NULL, url TEXT NOT NULL, start INTEGER NOT NULL, total INTEGER NOT NULL, up INTEGER NOT NULL, down INTEGER NOT NULL, sum_ms REAL NOT NULL, max_ms REAL NOT NULL, hist TEXT NOT NULL, PRIMARY KEY (res, url, start))`,
  `CREATE TABLE IF NOT EXISTS gaps (url TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL, reason TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`,
]

const RES = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const
type Res = keyof typeof RES

export function bucketOf(ms: number): number {
  return BUCKETS.findIndex((b) => ms <= b)
}

/** p-quantile (0–1) from a histogram: the bucket's upper bound (the open bucket's lower one). */
export function quantileOf(hist: readonly number[], q: number): number | null {
  const n = hist.reduce((a, b) => a + b, 0)
  if (!n) return null
  let seen = 0
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!
    if (seen >= q * n) return Number.isFinite(BUCKETS[i]!) ? BUCKETS[i]! : BUCKETS[i - 1]!
  }
  return BUCKETS[BUCKETS.length - 2]!
}

export interface Window {
  total: number
  up: number
  down: number
  /** Uptime over the checks that ran (unknown gaps excluded), 0–1; null with no checks. */
  uptime: number | null
  p95Ms: number | null
  meanMs: number | null
  unknownMs: number
}

export class HistoryStore {
  private readonly db: Database.Database

  constructor(readonly file: string) {
    this.db = new Database(file)
    this.db.exec('PRAGMA journal_mode=WAL')
    this.db.exec('PRAGMA synchronous=NORMAL')
    this.db.exec('PRAGMA busy_timeout=2000')
    for (const s of SCHEMA) this.db.exec(s)
  }

  close(): void {
    this.db.close()
  }

  /** One check: the raw row and every resolution's aggregate, in one transaction. */
  record(c: CheckRecord): void {
    const write = () => {
      this.db.prepare('INSERT INTO checks (url, at, state, http_status, ms, dns_ms, connect_ms, tls_ms, ttfb_ms, cert_days, error, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(c.url, c.at, c.state, c.httpStatus, c.ms, c.dnsMs ?? null, c.connectMs ?? null, c.tlsMs ?? null, c.ttfbMs ?? null, c.certDaysLeft ?? null, c.error ?? null, c.field ?? null)
      for (const res of Object.keys(RES) as Res[]) this.bump(res, c)
    }
    if (this.inBatch) write()
    else this.db.transaction(write)()
  }

  private inBatch = false

  private bump(res: Res, c: CheckRecord): void {
    const start = Math.floor(c.at / RES[res]) * RES[res]
    const row = this.db.prepare('SELECT total, up, down, sum_ms, max_ms, hist FROM agg WHERE res = ? AND url = ? AND start = ?').get(res, c.url, start) as { total: number; up: number; down: number; sum_ms: number; max_ms: number; hist: string } | undefined
    const hist: number[] = row ? (JSON.parse(row.hist) as number[]) : BUCKETS.map(() => 0)
    if (c.state === 'up' && c.ms !== null) hist[bucketOf(c.ms)]! += 1
    const ms = c.state === 'up' && c.ms !== null ? c.ms : 0
    this.db
      .prepare('INSERT INTO agg (res, url, start, total, up, down, sum_ms, max_ms, hist) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (res, url, start) DO UPDATE SET total = excluded.total, up = excluded.up, down = excluded.down, sum_ms = excluded.sum_ms, max_ms = excluded.max_ms, hist = excluded.hist')
      .run(res, c.url, start, (row?.total ?? 0) + 1, (row?.up ?? 0) + (c.state === 'up' ? 1 : 0), (row?.down ?? 0) + (c.state === 'down' ? 1 : 0), (row?.sum_ms ?? 0) + ms, Math.max(row?.max_ms ?? 0, ms), JSON.stringify(hist))
  }

  /** Writes one aggregate row as it is (an import of older history; the benchmark's simulated year). */
  putAggregate(res: 'minute' | 'hour' | 'day', url: string, start: number, a: { total: number; up: number; down: number; sumMs: number; maxMs: number; hist: number[] }): void {
    this.db.prepare('INSERT OR REPLACE INTO agg (res, url, start, total, up, down, sum_ms, max_ms, hist) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(res, url, start, a.total, a.up, a.down, a.sumMs, a.maxMs, JSON.stringify(a.hist))
  }

  /** Runs `fn` in one transaction (bulk writes). */
  batch(fn: () => void): void {
    this.inBatch = true
    try {
      this.db.transaction(fn)()
    } finally {
      this.inBatch = false
    }
  }

  recordGap(g: Gap): void {
    this.db.prepare('INSERT INTO gaps (url, start, stop, reason) VALUES (?, ?, ?, ?)').run(g.url, g.from, g.to, g.reason)
  }

  /** Deletes what is past each resolution's retention. */
  prune(now: number): void {
    const tx = this.db.transaction(() => {
      this.db.prepare('DELETE FROM checks WHERE at < ?').run(now - RETENTION.rawMs)
      this.db.prepare("DELETE FROM agg WHERE res = 'minute' AND start < ?").run(now - RETENTION.minuteMs)
      this.db.prepare("DELETE FROM agg WHERE res = 'hour' AND start < ?").run(now - RETENTION.hourMs)
      this.db.prepare("DELETE FROM agg WHERE res = 'day' AND start < ?").run(now - RETENTION.dayMs)
      this.db.prepare('DELETE FROM gaps WHERE stop < ?').run(now - RETENTION.dayMs)
    })
    tx()
  }

  /** Uptime, p95 and mean over [from, to), from the finest aggregate that still covers it. */
  window(url: string | null, from: number, to: number, now = Date.now()): Window {
    const span = to - from
    // The coarsest resolution that still resolves the window (and is kept that far back): a year stays a few hundred rows.
    const res: Res = span <= 6 * 3600_000 && from >= now - RETENTION.minuteMs ? 'minute' : span <= 2 * 86_400_000 && from >= now - RETENTION.hourMs ? 'hour' : 'day'
    const rows = (url === null ? this.db.prepare('SELECT total, up, down, sum_ms, hist FROM agg WHERE res = ? AND start >= ? AND start < ?').all(res, Math.floor(from / RES[res]) * RES[res], to) : this.db.prepare('SELECT total, up, down, sum_ms, hist FROM agg WHERE res = ? AND url = ? AND start >= ? AND start < ?').all(res, url, Math.floor(from / RES[res]) * RES[res], to)) as { total: number; up: number; down: number; sum_ms: number; hist: string }[]
    const hist = BUCKETS.map(() => 0)
    let total = 0
    let up = 0
    let down = 0
    let sum = 0
    for (const r of rows) {
      total += r.total
      up += r.up
      down += r.down
      sum += r.sum_ms
      ;(JSON.parse(r.hist) as number[]).forEach((n, i) => (hist[i]! += n))
    }
    const gaps = (url === null ? this.db.prepare('SELECT start, stop FROM gaps WHERE stop > ? AND start < ?').all(from, to) : this.db.prepare('SELECT start, stop FROM gaps WHERE url = ? AND stop > ? AND start < ?').all(url, from, to)) as { start: number; stop: number }[]
    const unknownMs = gaps.reduce((a, g) => a + Math.min(g.stop, to) - Math.max(g.start, from), 0)
    return { total, up, down, uptime: total ? up / total : null, p95Ms: quantileOf(hist, 0.95), meanMs: up ? sum / up : null, unknownMs }
  }

  /** Aggregate rows of one resolution over [from, to), every URL, histograms parsed (the ops view's series and strips, in one read). */
  aggregates(res: Res, from: number, to: number): { url: string; start: number; total: number; up: number; hist: number[] }[] {
    return (this.db.prepare('SELECT url, start, total, up, hist FROM agg WHERE res = ? AND start >= ? AND start < ?').all(res, from, to) as { url: string; start: number; total: number; up: number; hist: string }[]).map((r) => ({ url: r.url, start: r.start, total: r.total, up: r.up, hist: JSON.parse(r.hist) as number[] }))
  }

  /** Runs of failed checks since `since` (start, end at the next success or null, the first failure's cause, how many), read from the failures only. */
  downRuns(url: string, since: number): { start: number; end: number | null; cause: string; n: number }[] {
    const downs = this.db.prepare("SELECT at, error, http_status AS status FROM checks WHERE url = ? AND at >= ? AND state = 'down' ORDER BY at").all(url, since) as { at: number; error: string | null; status: number | null }[]
    const nextUp = this.db.prepare("SELECT min(at) AS at FROM checks WHERE url = ? AND at > ? AND state = 'up'")
    const out: { start: number; end: number | null; cause: string; n: number }[] = []
    let i = 0
    while (i < downs.length) {
      const d = downs[i]!
      const end = (nextUp.get(url, d.at) as { at: number | null }).at
      let n = 0
      while (i < downs.length && (end === null || downs[i]!.at < end)) {
        n++
        i++
      }
      out.push({ start: d.at, end, cause: d.error ?? `answered ${d.status}`, n })
    }
    return out
  }

  /** The newest check of a URL that has a value in `column` (certificate days, a JSON field). */
  latestWith(url: string, column: 'cert_days' | 'field'): { at: number; certDaysLeft: number | null; field: string | null } | undefined {
    return this.db.prepare(`SELECT at, cert_days AS certDaysLeft, field FROM checks WHERE url = ? AND ${column} IS NOT NULL ORDER BY at DESC LIMIT 1`).get(url) as { at: number; certDaysLeft: number | null; field: string | null } | undefined
  }

  /** The newest raw checks of a URL (the uptime strip, incidents). */
  recent(url: string, since: number): CheckRecord[] {
    return (this.db.prepare('SELECT url, at, state, http_status AS httpStatus, ms, cert_days AS certDaysLeft, error, field FROM checks WHERE url = ? AND at >= ? ORDER BY at').all(url, since) as CheckRecord[]).map((r) => ({ ...r }))
  }

  count(): number {
    return Number((this.db.prepare('SELECT count(*) AS n FROM checks').get() as { n: number }).n)
  }

  getMeta(k: string): string | undefined {
    return (this.db.prepare('SELECT v FROM meta WHERE k = ?').get(k) as { v: string } | undefined)?.v
  }

  setMeta(k: string, v: string): void {
    this.db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v').run(k, v)
  }
}
