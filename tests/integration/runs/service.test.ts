import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services/handlers'
import { caller, testServices } from '../../fixtures/services'
import type { RunsServiceDeps } from '../../../src/main/services/runs'
import type { Project, Run } from '../../../src/shared/model'
import type { RunProgress, RunSummary, RunsLatest } from '../../../src/shared/contract/runs'
import type { Status } from '../../../src/shared/catalog'
import { fakeDeps, scriptedSuite, type Step } from '../../fixtures/runs/fake-suites'

let dataDir: string
let services: Services
let events: RunProgress[]
let steps: Step[]
let runsDeps: RunsServiceDeps

async function start(deps: RunsServiceDeps) {
  services = await testServices({
    dataDir,
    emit: (name, payload) => {
      if (name === 'runs.progress') events.push(structuredClone(payload as RunProgress))
    },
    runs: deps,
  })
}
const { call, value } = caller(() => services)
/** Resolves with the finished event of a run. */
const finished = (runId: string) =>
  new Promise<RunProgress>((resolve) => {
    const t = setInterval(() => {
      const e = events.find((x) => x.runId === runId && x.type === 'finished')
      if (e) {
        clearInterval(t)
        resolve(e)
      }
    }, 5)
  })

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-runs-'))
  events = []
  steps = [
    { checkId: 'dns.apex.resolves', target: 'acme.com', status: 'pass' },
    { checkId: 'http.https-redirect', target: 'http://acme.com/', status: 'fail', delayMs: 20 },
    { checkId: 'edge.compression', target: 'https://www.acme.com/', status: 'fail' },
  ]
  // The suite reads `steps` on every run, so a test can change what the site "does" between runs.
  runsDeps = { suites: () => [scriptedSuite('s', steps.map((x) => ({ ...x })))], engineFor: () => fakeDeps, deadlineMs: 2000 }
  await start(runsDeps)
})
afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const newProject = () => value<Project>('projects.create', { name: 'Acme', vertical: 'membership', domain: 'acme.com' })

describe('runs service', () => {
  it('runs an audit in the background, streams progress and stores it in the history', async () => {
    const p = await newProject()
    const { runId } = await value<{ runId: string }>('runs.start', { projectId: p.id })
    const end = await finished(runId)
    expect(end).toMatchObject({ state: 'completed', done: 3, total: 3, running: [] })
    const mine = events.filter((e) => e.runId === runId)
    expect(mine[0]).toMatchObject({ type: 'planned', total: 3, done: 0 })
    expect(mine.filter((e) => e.type === 'started')).toHaveLength(3)
    expect(mine.filter((e) => e.type === 'finding').map((e) => e.finding?.checkId).sort()).toEqual(['dns.apex.resolves', 'edge.compression', 'http.https-redirect'])
    expect(mine.at(-1)?.type).toBe('finished')
    const list = await value<RunSummary[]>('runs.list', { projectId: p.id })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ id: runId, state: 'completed', scopeText: 'every automated check', counts: { pass: 1, fail: 2 } })
    const run = await value<Run>('runs.get', { runId })
    expect(run.findings).toHaveLength(3)
    expect(run.meta.kind).toBe('audit')
    const latest = await value<RunsLatest>('runs.latest', { projectId: p.id })
    expect(latest.findings).toHaveLength(3)
    expect(latest.diff).toBeNull()
    expect(latest.active).toBeUndefined()
    expect(latest.coverage).toEqual({ complete: true })
  })

  it('one run at a time per project, said plainly; a run in progress shows in runs.latest', async () => {
    steps[0]!.delayMs = Infinity
    const p = await newProject()
    const { runId } = await value<{ runId: string }>('runs.start', { projectId: p.id })
    const second = await call('runs.start', { projectId: p.id })
    expect(second.ok).toBe(false)
    if (!second.ok) {
      expect(second.error.code).toBe('busy')
      expect(second.error.message).toMatch(/already running for this project/)
    }
    await new Promise((r) => setTimeout(r, 50))
    const latest = await value<RunsLatest>('runs.latest', { projectId: p.id })
    expect(latest.active).toMatchObject({ runId, total: 3 })
    expect(latest.active?.running.map((r) => r.checkId)).toContain('dns.apex.resolves')
    expect((await value<{ cancelled: boolean }>('runs.cancel', { runId })).cancelled).toBe(true)
    expect((await finished(runId)).state).toBe('cancelled')
    await services.close()
    await start(runsDeps)
    const list = await value<RunSummary[]>('runs.list', { projectId: p.id })
    expect(list[0]).toMatchObject({ id: runId, state: 'cancelled' })
    // The cancelled run kept only what finished; nothing was invented, and the view says it is partial.
    expect(list[0]?.counts.error).toBe(0)
    expect((await value<RunsLatest>('runs.latest', { projectId: p.id })).coverage.reason).toMatch(/stopped before it finished/)
    expect((await value<{ cancelled: boolean }>('runs.cancel', { runId })).cancelled).toBe(false)
  })

  it('a run that reaches its deadline stores error findings with the reason', async () => {
    await services.close()
    steps[1]!.delayMs = Infinity
    await start({ ...runsDeps, deadlineMs: 150 })
    const p = await newProject()
    const { runId } = await value<{ runId: string }>('runs.start', { projectId: p.id })
    expect((await finished(runId)).state).toBe('deadline')
    const run = await value<Run>('runs.get', { runId })
    const stuck = run.findings.find((f) => f.checkId === 'http.https-redirect')
    expect(stuck).toMatchObject({ status: 'error', target: 'http://acme.com/' })
    expect(stuck?.summary).toMatch(/time limit/)
  })

  it('"Check again" re-runs one check on one target; the diff shows it fixed', async () => {
    const p = await newProject()
    const first = await value<{ runId: string }>('runs.start', { projectId: p.id })
    await finished(first.runId)
    steps[1]!.status = 'pass' as Status
    const again = await value<{ runId: string }>('runs.start', { projectId: p.id, scope: { checkIds: ['http.https-redirect'], targets: ['http://acme.com/'] } })
    await finished(again.runId)
    const run = await value<Run>('runs.get', { runId: again.runId })
    expect(run.findings.map((f) => f.checkId)).toEqual(['http.https-redirect'])
    const latest = await value<RunsLatest>('runs.latest', { projectId: p.id })
    expect(latest.findings).toHaveLength(3)
    expect(latest.diff?.fixed.map((f) => f.checkId)).toEqual(['http.https-redirect'])
    expect(latest.diff?.unchanged.map((f) => f.checkId)).toEqual(['edge.compression'])
    expect(latest.previousRunId).toBe(first.runId)
    const list = await value<RunSummary[]>('runs.list', { projectId: p.id })
    expect(list[0]?.scopeText).toBe('the check http.https-redirect on http://acme.com/')
  })

  it('accepts a risk with a reason and takes it back', async () => {
    const p = await newProject()
    const key = 'edge.compression@https://www.acme.com/'
    const noReason = await call('runs.acceptRisk', { projectId: p.id, key, reason: '  ' })
    expect(noReason.ok).toBe(false)
    if (!noReason.ok) expect(noReason.error.message).toMatch(/Say why/)
    const accepted = await value<Project>('runs.acceptRisk', { projectId: p.id, key, reason: 'Our CDN compresses; this is the origin.' })
    expect(accepted.acceptedRisks[key]?.reason).toBe('Our CDN compresses; this is the origin.')
    expect((await value<Project>('projects.get', { id: p.id })).acceptedRisks[key]).toBeDefined()
    const bad = await call('runs.acceptRisk', { projectId: p.id, key: 'nope.nothing@acme.com', reason: 'x' })
    expect(bad.ok).toBe(false)
    const back = await value<Project>('runs.unacceptRisk', { projectId: p.id, key })
    expect(back.acceptedRisks[key]).toBeUndefined()
  })

  it('refuses unknown check ids and unreadable CA files with plain messages', async () => {
    const p = await newProject()
    const r = await call('runs.start', { projectId: p.id, scope: { checkIds: ['dns.nope'] } })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('There is no check called dns.nope.')
    await services.close()
    await start({ suites: runsDeps.suites! })
    const q = await value<Project>('projects.update', { id: p.id, patch: { caFile: join(dataDir, 'missing.pem') } })
    const ca = await call('runs.start', { projectId: q.id })
    expect(ca.ok).toBe(false)
    if (!ca.ok) {
      expect(ca.error.code).toBe('ca-file')
      expect(ca.error.message).toMatch(/could not read the CA file .*missing\.pem/)
    }
    await value<Project>('projects.update', { id: p.id, patch: { caFile: '', dnsServer: 'dns.example.com' } })
    const dns = await call('runs.start', { projectId: p.id })
    expect(!dns.ok && dns.error.message).toMatch(/^The DNS server in the project settings is not usable: "dns\.example\.com" is not a DNS server address/)
    const missing = await call('runs.get', { runId: 'gone' })
    expect(!missing.ok && missing.error.code).toBe('not-found')
  })

  it('lays the email panel’s re-checks over the last audit', async () => {
    const p = await newProject()
    const { runId } = await value<{ runId: string }>('runs.start', { projectId: p.id })
    await finished(runId)
    const base = await value<Run>('runs.get', { runId })
    const email = { ...base.findings[0]!, checkId: 'email.dmarc.present', stage: 2, status: 'pass' as const, target: 'acme.com' }
    services.service.runs.save({ id: 'email1', projectId: p.id, startedAt: new Date(Date.now() + 1000).toISOString(), state: 'completed', scope: { stage: 2, checkIds: ['email.dmarc.present'] }, findings: [email], meta: { kind: 'email' } })
    const latest = await value<RunsLatest>('runs.latest', { projectId: p.id })
    expect(latest.findings.map((f) => f.checkId)).toContain('email.dmarc.present')
    expect(latest.findings).toHaveLength(4)
    expect((await value<RunSummary[]>('runs.list', { projectId: p.id }))[0]).toMatchObject({ id: 'email1', scopeText: 'the email checks' })
  })

  it('leaves perf measurements out of the audit history', async () => {
    const p = await newProject()
    services.service.runs.save({ id: 'perf1', projectId: p.id, startedAt: new Date().toISOString(), state: 'completed', scope: { stage: 5 }, findings: [], meta: { kind: 'perf' } })
    expect(await value<RunSummary[]>('runs.list', { projectId: p.id })).toEqual([])
  })
})
