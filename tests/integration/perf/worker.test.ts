import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { runLoadOffThread } from '../../../src/main/engine/perf/load-runner'
import { staticLookup } from '../../../src/main/engine/perf/lookup'
import type { LoadProgress } from '../../../src/main/engine/perf/load'
import { FIXTURE_TOKEN, startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'
import { fakeContext } from '../../fixtures/perf/service-context'
import { perfHandlers } from '../../../src/main/services/perf'

let srv: PerfFixture
let dir: string
let entry: string
beforeAll(async () => {
  srv = await startPerfFixture()
  dir = mkdtempSync(join(tmpdir(), 'lr-perf-worker-'))
  entry = join(dir, 'load-worker.mjs')
  // What the app's build does: bundle the worker entry on its own.
  await build({ entryPoints: [join(process.cwd(), 'src/main/engine/perf/load-worker.ts')], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' })
})
afterAll(async () => {
  await srv.close()
  rmSync(dir, { recursive: true, force: true })
})

const base = { maxRequests: 5000, targetMs: 100, timeoutMs: 5000, baselineSamples: 3, progressIntervalMs: 100 }

describe('load test on a worker thread', () => {
  it('resolves names in the caller, sends the credential, streams progress and returns the result', async () => {
    const progress: LoadProgress[] = []
    const url = `http://app.example.com:${srv.port}/auth`
    const r = await runLoadOffThread(
      { ...base, urls: [url], users: 3, durationS: 1.5, lookup: staticLookup({ 'app.example.com': '127.0.0.1' }), headersFor: () => ({ Authorization: `Bearer ${FIXTURE_TOKEN}` }), onProgress: (p) => progress.push(p) },
      entry,
    )
    expect(r.stoppedBy).toBe('completed')
    expect(r.errors).toBe(0)
    expect(r.requests).toBeGreaterThan(10)
    expect(progress.some((p) => p.phase === 'running')).toBe(true)
    expect(srv.seen.filter((s) => s.path === '/auth').every((s) => s.credential && s.host === `app.example.com:${srv.port}`)).toBe(true)
  })

  it('can be cancelled from the calling thread', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 400)
    const r = await runLoadOffThread({ ...base, urls: [srv.url('/fixed?ms=5')], users: 2, durationS: 30, signal: ac.signal }, entry)
    expect(r.stoppedBy).toBe('cancelled')
    expect(r.durationMs).toBeLessThan(10_000)
  })

  it('reports a worker that cannot start', async () => {
    await expect(runLoadOffThread({ ...base, urls: [srv.url('/trivial')], users: 1, durationS: 1 }, join(dir, 'missing.mjs'))).rejects.toThrow()
  })

  it('runs the app’s perf.startLoad on the worker with the credential from the keychain', async () => {
    const url = `http://app.example.com:${srv.port}/auth`
    const f = fakeContext({ domain: 'example.com', criticalFlows: [{ id: 'feed', label: 'Feed', url, method: 'GET', area: 'core', credential: 'api', authKind: 'bearer', safeToWrite: false }] }, { api: FIXTURE_TOKEN })
    const h = perfHandlers(f.ctx, { lookupFor: () => staticLookup({ 'app.example.com': '127.0.0.1' }), loadWorkerEntry: entry, load: { progressIntervalMs: 100, baselineSamples: 2 } })
    const before = srv.seen.length
    await h['perf.startLoad']({ projectId: 'p1', url, users: 2, durationS: 5, confirmHost: 'app.example.com' }, { emit: () => {} })
    for (let i = 0; i < 400 && !f.events.some((e) => (e.payload as { phase?: string }).phase === 'done'); i++) await new Promise((r) => setTimeout(r, 25))
    const done = f.events.find((e) => (e.payload as { phase?: string }).phase === 'done')!.payload as { finding: { checkId: string; status: string } }
    expect(done.finding).toMatchObject({ checkId: 'perf.load', status: 'pass' })
    const seen = srv.seen.slice(before)
    expect(seen.length).toBeGreaterThan(10)
    expect(seen.every((s) => s.credential)).toBe(true)
    expect(JSON.stringify(f.events) + JSON.stringify(f.runs)).not.toContain(FIXTURE_TOKEN)
  })
})
