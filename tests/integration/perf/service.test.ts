import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { perfHandlers } from '../../../src/main/services/perf'
import { staticLookup } from '../../../src/main/engine/perf/lookup'
import { FIXTURE_TOKEN, startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'
import { fakeContext } from '../../fixtures/perf/service-context'
import type { Finding } from '../../../src/shared/model'

let own: PerfFixture
let other: PerfFixture
beforeAll(async () => {
  other = await startPerfFixture({ host: '127.0.0.2' })
  own = await startPerfFixture()
})
afterAll(async () => {
  await own.close()
  await other.close()
})

const lookup = staticLookup({ 'www.example.com': '127.0.0.1', 'app.example.com': '127.0.0.1', 'other.example.net': '127.0.0.2' })
const call = { emit: () => {} }

function setup() {
  const app = (p: string) => `http://app.example.com:${own.port}${p}`
  const f = fakeContext(
    {
      domain: 'example.com',
      criticalFlows: [
        { id: 'feed', label: 'Feed', url: app('/auth'), method: 'GET', area: 'core', credential: 'api', authKind: 'bearer', safeToWrite: false },
        { id: 'away', label: 'Moved feed', url: app(`/redirect-other?to=http://other.example.net:${other.port}&path=/auth`), method: 'GET', area: 'core', credential: 'api', authKind: 'bearer', safeToWrite: false },
        { id: 'post', label: 'Create a post', url: app('/create'), method: 'POST', area: 'core', safeToWrite: false },
        { id: 'slow', label: 'Search', url: app('/fixed?ms=60'), method: 'GET', area: 'core', safeToWrite: false },
      ],
    },
    { api: FIXTURE_TOKEN },
  )
  const h = perfHandlers(f.ctx, { lookupFor: () => lookup, suite: { samples: 5, spacingMs: 0, baseUrl: `http://www.example.com:${own.port}/fixed?ms=1` }, load: { progressIntervalMs: 100, baselineSamples: 3 } })
  return { ...f, h, app }
}

describe('perf.measure', () => {
  it('measures pages and routes, stores a run, keeps the secret out, compares with the previous run', async () => {
    const { h, events, runs, app } = setup()
    const first = await h['perf.measure']({ projectId: 'p1' }, call)
    const byKey = new Map(first.latest!.findings.map((f: Finding) => [`${f.checkId} ${f.target}`, f]))
    const ttfb = first.latest!.findings.find((f) => f.checkId === 'perf.ttfb')!
    expect(ttfb.status).toBe('pass')
    expect(ttfb.evidence).toMatchObject({ samples: 5, targetMs: 200 })
    for (const k of ['p50Ms', 'p95Ms', 'p99Ms']) expect(typeof ttfb.evidence[k]).toBe('number')
    expect(ttfb.evidence.cold).toBeDefined()
    expect(ttfb.evidence.warm).toBeDefined()

    const feed = byKey.get(`perf.latency ${app('/auth')}`)!
    expect(feed.status).toBe('pass')
    expect(feed.evidence.auth).toMatchObject({ name: 'api', sent: true })
    expect(own.seen.filter((s) => s.path === '/auth' && s.credential).length).toBeGreaterThanOrEqual(5)

    // the redirect to another origin: followed without the credential, which never reached 127.0.0.2
    const away = first.latest!.findings.find((f) => f.target.includes('redirect-other'))!
    expect(away.status).toBe('error')
    expect(away.summary).toMatch(/another site/)
    expect(other.seen.length).toBeGreaterThan(0)
    expect(other.seen.every((s) => !s.anyAuthHeader)).toBe(true)

    const post = first.latest!.findings.find((f) => f.target === app('/create'))!
    expect(post.status).toBe('skipped')
    expect(own.seen.some((s) => s.path === '/create')).toBe(false)

    const search = first.latest!.findings.find((f) => f.target === app('/fixed?ms=60'))!
    expect(search.status).toBe('pass')
    expect(first.latest!.findings.some((f) => f.checkId === 'perf.payload')).toBe(true)

    expect(runs).toHaveLength(1)
    expect(JSON.stringify(runs)).not.toContain(FIXTURE_TOKEN)
    expect(JSON.stringify(events)).not.toContain(FIXTURE_TOKEN)
    expect(JSON.stringify(first)).not.toContain(FIXTURE_TOKEN)
    expect(events.filter((e) => e.name === 'perf.progress').length).toBeGreaterThan(3)

    await new Promise((r) => setTimeout(r, 5))
    const second = await h['perf.measure']({ projectId: 'p1' }, call)
    expect(second.previous?.runId).toBe(first.runId)
    const cmp = second.comparison.find((c) => c.target === app('/auth'))!
    expect(cmp.beforeP95Ms).toBeGreaterThan(0)
    expect(cmp.afterP95Ms).toBeGreaterThan(0)
    const latest = await h['perf.latest']({ projectId: 'p1' }, call)
    expect(latest.latest?.runId).toBe(second.runId)
  })
})

describe('perf.startLoad', () => {
  it('refuses without the typed host, and against hosts that are not the project’s', async () => {
    const { h } = setup()
    await expect(h['perf.startLoad']({ projectId: 'p1', url: `http://app.example.com:${own.port}/trivial`, users: 2, durationS: 5, confirmHost: 'example.com' }, call)).rejects.toThrow(/type the host name/i)
    await expect(h['perf.startLoad']({ projectId: 'p1', url: `http://other.example.net:${other.port}/trivial`, users: 2, durationS: 5, confirmHost: 'other.example.net' }, call)).rejects.toThrow(/not part of example.com/)
  })

  it('streams progress, stores the finding and can be cancelled', async () => {
    const { h, events, runs } = setup()
    const url = `http://app.example.com:${own.port}/auth`
    const { loadId } = await h['perf.startLoad']({ projectId: 'p1', url, users: 3, durationS: 30, confirmHost: 'APP.example.com' }, call)
    await expect(h['perf.startLoad']({ projectId: 'p1', url, users: 3, durationS: 30, confirmHost: 'app.example.com' }, call)).rejects.toThrow(/already running/)
    // wait for a running progress event, then cancel
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 25))
    }
    await until(() => events.some((e) => e.name === 'perf.loadProgress' && (e.payload as { phase: string }).phase === 'running'))
    expect((await h['perf.cancelLoad']({ loadId }, call)).cancelled).toBe(true)
    await until(() => events.some((e) => e.name === 'perf.loadProgress' && ['done', 'failed'].includes((e.payload as { phase: string }).phase)))
    const done = events.filter((e) => e.name === 'perf.loadProgress').at(-1)!.payload as { phase: string; finding: Finding }
    expect(done.phase).toBe('done')
    expect(done.finding.checkId).toBe('perf.load')
    expect(done.finding.evidence).toMatchObject({ stoppedBy: 'cancelled' })
    for (const k of ['p50Ms', 'p95Ms', 'p99Ms', 'samples', 'errorRate', 'timeouts', 'requests', 'bottleneckUsers']) expect(k in done.finding.evidence).toBe(true)
    expect(runs.some((r) => r.findings[0]?.checkId === 'perf.load')).toBe(true)
    // the credential went with every load request to its own host
    expect(own.seen.filter((s) => s.path === '/auth').every((s) => s.credential)).toBe(true)
    expect(JSON.stringify(events)).not.toContain(FIXTURE_TOKEN)
    const latest = await h['perf.latest']({ projectId: 'p1' }, call)
    expect(latest.loads[0]?.checkId).toBe('perf.load')
    expect(latest.runningLoadId).toBeUndefined()
  })
})
