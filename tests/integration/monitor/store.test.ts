/** The history file: aggregates with p95, retention, unknown gaps, and a process killed mid-write many times. */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from 'esbuild'
import { HistoryStore, quantileOf, BUCKETS, RETENTION } from '../../../src/main/engine/monitor/store'

const dir = mkdtempSync(join(tmpdir(), 'lr-history-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const T0 = Date.parse('2026-11-01T00:00:00Z')

describe('the history store', () => {
  it('keeps per-minute, per-hour and per-day aggregates: uptime and p95 from the histogram', () => {
    const s = new HistoryStore(join(dir, 'a.db'))
    for (let i = 0; i < 120; i++) s.record({ url: 'https://acme.test/', at: T0 + i * 60_000, state: i % 20 === 0 ? 'down' : 'up', httpStatus: i % 20 === 0 ? 503 : 200, ms: i % 20 === 0 ? null : i % 10 === 5 ? 900 : 40 })
    const w = s.window('https://acme.test/', T0, T0 + 2 * 3600_000, T0 + 2 * 3600_000)
    expect(w).toMatchObject({ total: 120, up: 114, down: 6 })
    expect(w.uptime).toBeCloseTo(114 / 120)
    expect(w.p95Ms).toBe(1000) // 12 of 114 answers took 900 ms: above the 95th percentile's bucket
    expect(s.window(null, T0, T0 + 86_400_000, T0 + 86_400_000).total).toBe(120)
    s.close()
  })

  it('a gap (sleep, a clock jump) is unknown time, not downtime', () => {
    const s = new HistoryStore(join(dir, 'b.db'))
    s.record({ url: 'u', at: T0, state: 'up', httpStatus: 200, ms: 10 })
    s.recordGap({ url: 'u', from: T0 + 60_000, to: T0 + 31 * 60_000, reason: 'the computer was asleep' })
    s.record({ url: 'u', at: T0 + 31 * 60_000, state: 'up', httpStatus: 200, ms: 10 })
    const w = s.window('u', T0, T0 + 3600_000, T0 + 3600_000)
    expect(w).toMatchObject({ total: 2, down: 0, uptime: 1, unknownMs: 30 * 60_000 })
    s.close()
  })

  it('drops what is past each retention, keeping the coarser rollups', () => {
    const s = new HistoryStore(join(dir, 'c.db'))
    s.record({ url: 'u', at: T0, state: 'up', httpStatus: 200, ms: 10 })
    s.prune(T0 + RETENTION.rawMs + 1)
    expect(s.count()).toBe(0)
    // The day rollup still says there was a check that day.
    expect(s.window('u', T0 - 86_400_000, T0 + 86_400_000, T0 + 200 * 86_400_000).total).toBe(1)
    s.close()
  })

  it('quantiles come from the bucket bounds', () => {
    const h = BUCKETS.map(() => 0)
    h[2] = 95
    h[10] = 5
    expect(quantileOf(h, 0.95)).toBe(50)
    expect(quantileOf(h, 0.99)).toBe(BUCKETS[10])
    expect(quantileOf(BUCKETS.map(() => 0), 0.95)).toBeNull()
  })

  it('killed mid-write again and again, the file always opens and no committed check is lost', async () => {
    // Bundled inside the repository so it resolves libsql from node_modules.
    const entry = join(__dirname, '../../../node_modules/.cache/lr-test/history-writer.mjs')
    await build({ entryPoints: [join(__dirname, '../../fixtures/monitor/writer.ts')], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent', absWorkingDir: join(__dirname, '../../..') })
    const file = join(dir, 'killed.db')
    let committed = 0
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, [entry, file], { cwd: join(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] })
      const target = committed + 40 + round * 7
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code) => (committed >= target ? resolve() : reject(new Error(`the writer exited early (${code})`))))
        let buf = ''
        child.stdout.on('data', (b: Buffer) => {
          buf += b.toString()
          const lines = buf.split('\n')
          buf = lines.pop()!
          for (const l of lines) {
            const n = Number(l.slice(3))
            if (n > committed) committed = n
          }
          if (committed >= target && !child.killed) {
            child.kill('SIGKILL')
            resolve()
          }
        })
      })
      await new Promise((r) => child.once('exit', r))
      const s = new HistoryStore(file)
      expect(s.count(), `round ${round}`).toBeGreaterThanOrEqual(committed)
      s.close()
    }
  }, 60_000)
})

describe('the ops view', () => {
  it('gives the four numbers, incidents with start, end and cause, certificate days and the queue reading', async () => {
    const { opsView } = await import('../../../src/main/engine/monitor/ops')
    const s = new HistoryStore(join(dir, 'ops.db'))
    const now = T0 + 3 * 3600_000
    const url = 'https://acme.test/health'
    for (let i = 0; i < 120; i++) {
      const down = i >= 50 && i < 53
      s.record({ url, at: now - (120 - i) * 60_000, state: down ? 'down' : 'up', httpStatus: down ? 502 : 200, ms: down ? null : 80, certDaysLeft: 33, ...(down ? { error: 'answered 502' } : { field: 'queue is 4' }) })
    }
    s.record({ url, at: now - 30_000, state: 'down', httpStatus: null, ms: null, error: 'connect ECONNREFUSED' })
    const v = opsView(s, [{ url, jsonField: 'queue' }], now, 300)
    expect(v.incidents).toEqual([{ url, start: now - 70 * 60_000, end: now - 67 * 60_000, cause: 'answered 502' }])
    expect(v.certs).toEqual([{ url, daysLeft: 33 }])
    expect(v.queue).toMatchObject({ connected: true, value: 'queue is 4' })
    expect(v.errorRate).toBeCloseTo(4 / 121)
    expect(v.p95Ms).toBe(100)
    expect(v.strips[0]!.hours.filter((h) => h !== null).length).toBeGreaterThanOrEqual(2)
    s.close()
  })
})

describe('the pack', () => {
  it('lists the watched URLs, the alert channels by name with their last test, and the four numbers', async () => {
    const { opsView } = await import('../../../src/main/engine/monitor/ops')
    const { buildReport } = await import('../../../src/main/report/build')
    const { toMarkdown } = await import('../../../src/main/report/markdown')
    const { Project } = await import('../../../src/shared/model')
    const s = new HistoryStore(join(dir, 'pack.db'))
    const now = T0 + 3600_000
    for (let i = 0; i < 30; i++) s.record({ url: 'https://acme.test/', at: now - i * 60_000, state: 'up', httpStatus: 200, ms: 40 })
    const ops = opsView(s, [{ url: 'https://acme.test/' }], now, 300)
    s.close()
    const t = new Date(now).toISOString()
    const p = Project.parse({ id: 'p', name: 'Acme', vertical: 'b2b', domain: 'acme.test', createdAt: t, updatedAt: t, monitor: { enabled: true, urls: [{ url: 'https://acme.test/' }], channels: [{ id: 'c1', type: 'slack', name: '#ops', credential: 'slack hook' }], deliveries: [{ channel: 'c1', at: t, ok: true, kind: 'test' }] } })
    const md = toMarkdown(buildReport(p, [], { now: new Date(now), ops }))
    expect(md).toContain('### Uptime watch')
    expect(md).toContain('https://acme.test/ (every 60 s)')
    expect(md).toContain('| #ops | slack | delivered')
    expect(md).toContain('100.00%')
    expect(md).not.toContain('slack hook')
  })
})
