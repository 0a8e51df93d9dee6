/**
 * npm run bench:watch
 *  1. 50 monitored URLs at a 60 s interval on loopback for a simulated hour:
 *     the clock and timers are simulated, the requests are real. Prints the CPU
 *     time per check and the RSS at the start and the end (no growth).
 *  2. A simulated year of history for 10 URLs (what retention keeps: raw
 *     checks for 48 h, minute aggregates for 14 days, hourly for 90, daily for
 *     the year): the time to compute the ops view (median of 20, target under
 *     50 ms) and the history file's size.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDnsServer } from '../src/main/demo/dns-server'
import { webZone } from '../src/main/demo/site'
import { createResolver } from '../src/main/engine/dns/client'
import { createHttpClient } from '../src/main/engine/web/http-client'
import { Watch, type Timers, type WatchTarget } from '../src/main/engine/monitor/watch'
import { BUCKETS, HistoryStore } from '../src/main/engine/monitor/store'
import { opsView } from '../src/main/engine/monitor/ops'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const dir = mkdtempSync(join(tmpdir(), 'lr-bench-watch-'))
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ status: 'ok', queue: 2 }))
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const port = (server.address() as AddressInfo).port
const hosts = Array.from({ length: 50 }, (_, i) => `site${i}.bench.test`)
const dns = await startDnsServer(webZone(hosts))
const resolver = createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 })
const httpc = createHttpClient({ resolver, portMap: { 80: port }, timeoutMs: 3000 })
try {
  // 1. A simulated hour.
  let wall = Date.parse('2026-12-01T00:00:00Z')
  let mono = 0
  const queue: { fn: () => void; due: number }[] = []
  const timers: Timers = { setTimeout: (fn, ms) => queue.push({ fn, due: mono + ms }), clearTimeout: () => undefined }
  const store = new HistoryStore(join(dir, 'hour.db'))
  const targets: WatchTarget[] = hosts.map((h) => ({ url: `http://${h}/health`, label: h, intervalMs: 60_000, timeoutMs: 3000, jsonField: 'queue' }))
  let checks = 0
  let pending = 0
  let settle: (() => void) | undefined
  const w = new Watch(targets, { http: httpc, resolver, clock: { now: () => wall, monotonic: () => mono }, timers, store, onEvent: (e) => {
    if (e.type === 'check') {
      checks++
      if (--pending === 0) settle?.()
    }
  } })
  const round = () => new Promise<void>((r) => (settle = r))
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const rss0 = process.memoryUsage().rss
  const cpu0 = process.cpuUsage()
  pending = targets.length
  let done = round()
  w.start()
  await done
  let rss10 = 0
  for (let minute = 1; minute < 60; minute++) {
    if (minute === 10) {
      gc?.()
      rss10 = process.memoryUsage().rss
    }
    await new Promise((r) => setImmediate(r))
    wall += 60_000
    mono += 60_000
    const due = queue.splice(0, queue.length)
    pending = due.length
    done = round()
    for (const d of due) d.fn()
    await done
  }
  w.stop()
  const cpu = process.cpuUsage(cpu0)
  gc?.()
  const rss1 = process.memoryUsage().rss
  const heap = Math.round(process.memoryUsage().heapUsed / 1e6)
  console.log(`simulated hour: ${checks} real checks of 50 URLs; CPU ${((cpu.user + cpu.system) / 1000 / checks).toFixed(2)} ms per check (history writes included); RSS ${Math.round(rss0 / 1e6)} MB at the start, ${Math.round(rss10 / 1e6)} MB after 10 simulated minutes, ${Math.round(rss1 / 1e6)} MB at the end (JS heap ${heap} MB${gc ? ', after a forced GC' : ''})`)
  store.close()

  // 2. A simulated year for 10 URLs.
  const year = new HistoryStore(join(dir, 'year.db'))
  const now = Date.parse('2026-12-01T00:00:00Z')
  const urls = Array.from({ length: 10 }, (_, i) => `https://site${i}.bench.test/`)
  const hist = (n: number) => {
    const h = BUCKETS.map(() => 0)
    h[3] = Math.round(n * 0.9)
    h[6] = n - h[3]!
    return h
  }
  const t0 = performance.now()
  year.batch(() => {
    for (const url of urls) {
      // What record() leaves after a year with retention: daily rows for the year, hourly for 90 days, per-minute for 14, raw for 48 hours.
      for (let d = 0; d < 366; d++) year.putAggregate('day', url, Math.floor((now - d * 86_400_000) / 86_400_000) * 86_400_000, { total: 1440, up: 1438, down: 2, sumMs: 1438 * 60, maxMs: 300, hist: hist(1438) })
      for (let h = 0; h < 90 * 24; h++) year.putAggregate('hour', url, Math.floor((now - h * 3_600_000) / 3_600_000) * 3_600_000, { total: 60, up: 60, down: 0, sumMs: 3600, maxMs: 200, hist: hist(60) })
      for (let m = 0; m < 14 * 1440; m++) year.putAggregate('minute', url, Math.floor((now - m * 60_000) / 60_000) * 60_000, { total: 1, up: 1, down: 0, sumMs: 60, maxMs: 60, hist: hist(1) })
    }
  })
  year.batch(() => {
    for (const url of urls) for (let i = 0; i < 48 * 60; i++) year.record({ url, at: now - i * 60_000, state: 'up', httpStatus: 200, ms: 40 + (i % 7), certDaysLeft: 60 })
  })
  const seeded = performance.now() - t0
  const times: number[] = []
  let view
  for (let i = 0; i < 20; i++) {
    const s = performance.now()
    view = opsView(year, urls.map((url) => ({ url })), now, 300)
    times.push(performance.now() - s)
  }
  year.close()
  const size = statSync(join(dir, 'year.db')).size + (() => {
    try {
      return statSync(join(dir, 'year.db-wal')).size
    } catch {
      return 0
    }
  })()
  console.log(`simulated year, 10 URLs (seeded in ${(seeded / 1000).toFixed(1)} s): ops view median of 20 ${median(times).toFixed(1)} ms (target < 50 ms); uptime 30 d ${(view!.uptime.month! * 100).toFixed(2)}%; history file ${(size / 1e6).toFixed(1)} MB`)
} finally {
  httpc.close()
  await dns.close()
  server.close()
  rmSync(dir, { recursive: true, force: true })
}
