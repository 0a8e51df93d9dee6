import { describe, expect, it } from 'vitest'
import { runAudit, type RunEvent } from '../../../src/main/engine/run'
import { artifactSuite, fakeDeps, fakeTarget, scriptedSuite } from '../../fixtures/runs/fake-suites'

const base = { deps: fakeDeps, target: fakeTarget() }

describe('run orchestrator', () => {
  it('runs suites concurrently and streams started/finding/finished with done of total', async () => {
    const events: RunEvent[] = []
    const a = scriptedSuite('a', [
      { checkId: 'dns.apex.resolves', target: 'acme.test', status: 'pass', delayMs: 80 },
      { checkId: 'dns.www.resolves', target: 'www.acme.test', status: 'fail', delayMs: 40 },
    ], { sequential: true })
    const b = scriptedSuite('b', [{ checkId: 'tls.trusted', target: 'www.acme.test', status: 'pass', delayMs: 60 }])
    const r = await runAudit({ ...base, suites: [a, b], deadlineMs: 5000, onEvent: (e) => events.push(e) })
    expect(r.state).toBe('completed')
    expect(r.findings.map((f) => f.checkId).sort()).toEqual(['dns.apex.resolves', 'dns.www.resolves', 'tls.trusted'])
    expect(events.at(-1)).toMatchObject({ type: 'finished', state: 'completed', done: 3, total: 3 })
    // Every finding comes after its start; done only grows; total never drops below done.
    const seen = new Set<string>()
    let lastDone = 0
    for (const e of events) {
      if (e.type === 'started') seen.add(`${e.checkId}@${e.target}`)
      if (e.type === 'finding') expect(seen.has(`${e.finding.checkId}@${e.finding.target}`)).toBe(true)
      expect(e.done).toBeGreaterThanOrEqual(lastDone)
      expect(e.total).toBeGreaterThanOrEqual(e.done)
      lastDone = e.done
    }
    expect(events[0]).toEqual({ type: 'planned', done: 0, total: 3, running: [] })
    expect(events[1]?.type).toBe('started')
    // Concurrent: checks of both suites are running at the same moment.
    const both = events.find((e) => e.type === 'started' && e.running.length === 2)
    expect(both?.running.map((x) => x.checkId).sort()).toEqual(['dns.apex.resolves', 'tls.trusted'])
    expect(r.meta.kind).toBe('audit')
    expect(r.meta.timings).toMatchObject({ deadlineMs: 5000 })
  })

  it('turns checks still running at the deadline into error findings with the reason, never a pass', async () => {
    const hang = scriptedSuite('hang', [
      { checkId: 'tls.trusted', target: 'www.acme.test', status: 'pass', delayMs: Infinity },
      { checkId: 'tls.hsts', target: 'www.acme.test', status: 'pass' },
    ], { sequential: true })
    const rude = scriptedSuite('rude', [{ checkId: 'dns.ttl', target: 'acme.test', status: 'pass', delayMs: Infinity, ignoreAbort: true }])
    const ok = scriptedSuite('ok', [{ checkId: 'dns.apex.resolves', target: 'acme.test', status: 'pass' }])
    const t0 = performance.now()
    const r = await runAudit({ ...base, suites: [hang, rude, ok], deadlineMs: 150 })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(r.state).toBe('deadline')
    const by = new Map(r.findings.map((f) => [f.checkId, f]))
    expect(by.get('dns.apex.resolves')?.status).toBe('pass')
    for (const id of ['tls.trusted', 'tls.hsts', 'dns.ttl']) {
      const f = by.get(id)
      expect(f?.status, id).toBe('error')
      expect(f?.summary).toMatch(/time limit of 0\.1 s/)
    }
    // A check that never started is reported too, against the domain.
    expect(by.get('tls.hsts')?.target).toBe('acme.test')
    expect(by.get('tls.trusted')?.summary).toMatch(/had been running for/)
  })

  it('cancels: stops promptly, keeps what finished, invents nothing', async () => {
    const ac = new AbortController()
    const events: RunEvent[] = []
    const s = scriptedSuite('s', [
      { checkId: 'dns.apex.resolves', target: 'acme.test', status: 'fail' },
      { checkId: 'tls.trusted', target: 'www.acme.test', status: 'pass', delayMs: Infinity },
    ])
    const p = runAudit({ ...base, suites: [s], deadlineMs: 10_000, signal: ac.signal, onEvent: (e) => {
      events.push(e)
      if (e.type === 'finding') ac.abort()
    } })
    const r = await p
    expect(r.state).toBe('cancelled')
    expect(r.findings.map((f) => f.checkId)).toEqual(['dns.apex.resolves'])
    expect(events.at(-1)).toMatchObject({ type: 'finished', state: 'cancelled', done: 1 })
  })

  it('an already-aborted signal runs nothing', async () => {
    const ac = new AbortController()
    ac.abort()
    const s = scriptedSuite('s', [{ checkId: 'dns.apex.resolves', target: 'acme.test', status: 'pass', delayMs: 50 }])
    const r = await runAudit({ ...base, suites: [s], deadlineMs: 1000, signal: ac.signal })
    expect(r.state).toBe('cancelled')
    expect(r.findings).toEqual([])
  })

  it('a suite that throws yields error findings for its unfinished and unreported checks', async () => {
    const s = scriptedSuite('boom', [
      { checkId: 'http.reachable', target: 'https://www.acme.test/', status: 'pass' },
      { checkId: 'http.health', target: 'https://www.acme.test/health', status: 'pass', throws: 'socket exploded' },
      { checkId: 'http.version', target: 'https://www.acme.test/', status: 'pass' },
    ], { sequential: true })
    const r = await runAudit({ ...base, suites: [s], deadlineMs: 2000 })
    expect(r.state).toBe('completed')
    const by = new Map(r.findings.map((f) => [f.checkId, f]))
    expect(by.get('http.reachable')?.status).toBe('pass')
    expect(by.get('http.health')).toMatchObject({ status: 'error', target: 'https://www.acme.test/health' })
    expect(by.get('http.health')?.summary).toMatch(/socket exploded/)
    expect(by.get('http.version')).toMatchObject({ status: 'error', target: 'acme.test' })
  })

  it('a check started and never reported ends as an error', async () => {
    const s = { id: 'lazy', checkIds: ['dns.caa'], plan: () => 1, run: async (_c: unknown, sink: { start(a: string, b: string): void }) => sink.start('dns.caa', 'acme.test') }
    const r = await runAudit({ ...base, suites: [s], deadlineMs: 1000 })
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ checkId: 'dns.caa', status: 'error' })
    expect(r.findings[0]?.summary).toMatch(/reported no result/)
  })

  it('honours a scope: one stage, one check, one target', async () => {
    let sawOnly: ReadonlySet<string> | undefined
    const dns = scriptedSuite('dns', [
      { checkId: 'dns.apex.resolves', target: 'acme.test', status: 'pass' },
      { checkId: 'dns.subdomain.resolves', target: 'app.acme.test', status: 'fail' },
      { checkId: 'dns.subdomain.resolves', target: 'api.acme.test', status: 'fail' },
    ], { onRun: (ctx) => (sawOnly = ctx.only) })
    const tls = scriptedSuite('tls', [{ checkId: 'tls.trusted', target: 'www.acme.test', status: 'pass' }])
    const stage3 = await runAudit({ ...base, suites: [dns, tls], deadlineMs: 1000, scope: { stage: 3 } })
    expect(stage3.findings.map((f) => f.checkId)).toEqual(['tls.trusted'])
    expect(stage3.scope).toEqual({ stage: 3 })

    const one = await runAudit({ ...base, suites: [dns, tls], deadlineMs: 1000, scope: { checkIds: ['dns.subdomain.resolves'], targets: ['api.acme.test'] } })
    expect(one.findings.map((f) => `${f.checkId}@${f.target}`)).toEqual(['dns.subdomain.resolves@api.acme.test'])
    expect([...(sawOnly ?? [])]).toEqual(['dns.subdomain.resolves'])

    const stage1 = await runAudit({ ...base, suites: [dns, tls], deadlineMs: 1000, scope: { stage: 1 } })
    expect(stage1.findings).toHaveLength(4)
    expect(stage1.scope).toEqual({})
  })

  it('collects run artifacts that match the shared shapes and drops the rest', async () => {
    const r = await runAudit({ ...base, suites: [artifactSuite('acme.test')], deadlineMs: 1000 })
    expect(r.meta.surface).toHaveLength(1)
    expect(r.meta.certificates).toBeUndefined()
  })

  it('a throwing progress listener does not break the run', async () => {
    const s = scriptedSuite('s', [{ checkId: 'dns.apex.resolves', target: 'acme.test', status: 'pass' }])
    const r = await runAudit({ ...base, suites: [s], deadlineMs: 1000, onEvent: () => { throw new Error('listener') } })
    expect(r.findings).toHaveLength(1)
  })

  it('"Check again" on an address the check no longer reports on says so, never leaves the old result standing silently', async () => {
    const s = scriptedSuite('s', [{ checkId: 'tls.hsts', target: 'www.acme.test', status: 'pass' }])
    const r = await runAudit({ ...base, suites: [s], deadlineMs: 1000, scope: { checkIds: ['tls.hsts'], targets: ['old.acme.test'] } })
    expect(r.findings).toHaveLength(1)
    expect(r.findings[0]).toMatchObject({ checkId: 'tls.hsts', target: 'old.acme.test', status: 'error' })
    expect(r.findings[0]?.summary).toMatch(/no longer reports on old\.acme\.test/)
  })
})
