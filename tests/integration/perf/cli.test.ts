import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PassThrough } from 'node:stream'
import { runPerf } from '../../../src/main/cli/commands/perf'
import { runLoadCommand } from '../../../src/main/cli/commands/load'
import { FIXTURE_TOKEN, startPerfFixture, type PerfFixture } from '../../fixtures/perf/server'
import { startDnsFixture, startTlsFixture, type TlsFixture } from '../../fixtures/perf/dns-and-tls'

let srv: PerfFixture
let other: PerfFixture
let tlsSrv: TlsFixture
let dns: { server: string; close(): Promise<void> }
beforeAll(async () => {
  other = await startPerfFixture({ host: '127.0.0.2' })
  srv = await startPerfFixture({ otherOrigin: other.origin })
  tlsSrv = await startTlsFixture('secure.example.com')
  dns = await startDnsFixture({ 'app.example.com': '127.0.0.1', 'secure.example.com': '127.0.0.1' })
})
afterAll(async () => {
  await Promise.all([srv.close(), other.close(), tlsSrv.close(), dns.close()])
})

async function run(fn: (a: string[], o: NodeJS.WritableStream, e: NodeJS.WritableStream) => Promise<number>, args: string[]) {
  const out = new PassThrough()
  const err = new PassThrough()
  let o = ''
  let e = ''
  out.on('data', (c) => (o += c))
  err.on('data', (c) => (e += c))
  const code = await fn(args, out, err)
  return { code, out: o, err: e }
}

describe('launch-ready perf', () => {
  it('prints findings as JSON with p50/p95/p99 and samples', async () => {
    const r = await run(runPerf, [srv.url('/fixed?ms=5'), '--samples', '5', '--spacing', '0', '--json'])
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out)
    const f = j.findings.find((x: { checkId: string }) => x.checkId === 'perf.ttfb')
    expect(f.status).toBe('pass')
    for (const k of ['p50Ms', 'p95Ms', 'p99Ms']) expect(typeof f.evidence[k]).toBe('number')
    expect(f.evidence.samples).toBe(5)
    expect(j.meta.command).toBe('perf')
  })

  it('signs in with --auth, exits 1 when a route is over target, never prints the secret', async () => {
    process.env.LAUNCH_READY_CREDENTIAL_API = FIXTURE_TOKEN
    try {
      const ok = await run(runPerf, [srv.url('/auth'), '--auth', 'api', '--samples', '3', '--spacing', '0', '--json'])
      expect(ok.code).toBe(0)
      expect(JSON.parse(ok.out).findings[0].evidence.auth).toMatchObject({ name: 'api', sent: true })
      expect(ok.out + ok.err).not.toContain(FIXTURE_TOKEN)
      const slow = await run(runPerf, [srv.url('/fixed?ms=40'), '--auth', 'api', '--target', '10', '--samples', '3', '--spacing', '0'])
      expect(slow.code).toBe(1)
      expect(slow.out).toMatch(/FAIL/)
      expect(slow.out).not.toContain(FIXTURE_TOKEN)
      const before = other.seen.length
      await run(runPerf, [srv.url('/redirect-other'), '--auth', 'api', '--samples', '2', '--spacing', '0', '--json'])
      expect(other.seen.slice(before).every((s) => !s.anyAuthHeader)).toBe(true)
    } finally {
      delete process.env.LAUNCH_READY_CREDENTIAL_API
    }
  })

  it('resolves through --dns-server and trusts --ca-file', async () => {
    const r = await run(runPerf, [`https://secure.example.com:${tlsSrv.port}/`, '--dns-server', dns.server, '--ca-file', tlsSrv.caFile, '--samples', '3', '--spacing', '0', '--json'])
    const f = JSON.parse(r.out).findings[0]
    expect(f.status).toBe('pass')
    expect(f.evidence.cold.tlsMs).toBeGreaterThan(0)
    const untrusted = await run(runPerf, [`https://secure.example.com:${tlsSrv.port}/`, '--dns-server', dns.server, '--samples', '1', '--json'])
    expect(JSON.parse(untrusted.out).findings[0].status).toBe('error')
    expect(JSON.parse(untrusted.out).findings[0].summary).toMatch(/not trusted/)
  })

  it('exits 1 when its only check could not run (the name does not resolve): nothing was measured, so nothing passed', async () => {
    const r = await run(runPerf, ['https://nowhere.example.com/', '--dns-server', dns.server, '--samples', '1', '--json'])
    const statuses = JSON.parse(r.out).findings.map((f: { status: string }) => f.status)
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['error']))
    expect(r.code).toBe(1)
  })

  it('rejects bad usage with exit code 2', async () => {
    expect((await run(runPerf, [])).code).toBe(2)
    expect((await run(runPerf, [srv.url('/'), '--samples', 'lots'])).code).toBe(2)
  })
})

describe('launch-ready load', () => {
  it('refuses to start without the typed host', async () => {
    const r = await run(runLoadCommand, [srv.url('/trivial'), '--users', '2', '--duration', '2'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/--confirm 127.0.0.1/)
    expect((await run(runLoadCommand, [srv.url('/trivial'), '--confirm', 'example.com'])).code).toBe(2)
    expect((await run(runLoadCommand, [srv.url('/trivial'), '--confirm', '127.0.0.1', '--users', '500'])).code).toBe(2)
  })

  it('runs a short ramp and reports the load evidence as JSON', async () => {
    const r = await run(runLoadCommand, [`http://app.example.com:${srv.port}/fixed?ms=5`, '--users', '3', '--duration', '2', '--confirm', 'app.example.com', '--dns-server', dns.server, '--json'])
    expect(r.code).toBe(0)
    const f = JSON.parse(r.out).findings[0]
    expect(f.checkId).toBe('perf.load')
    for (const k of ['p50Ms', 'p95Ms', 'p99Ms', 'samples', 'errorRate', 'timeouts', 'requests', 'bottleneckUsers']) expect(k in f.evidence).toBe(true)
    expect(f.evidence.steps.length).toBeGreaterThanOrEqual(2)
  })

  it('exits 1 and stops early on a route that fails under load', async () => {
    const r = await run(runLoadCommand, [srv.url('/fail-under-load?limit=1'), '--users', '10', '--duration', '20', '--confirm', '127.0.0.1', '--json'])
    expect(r.code).toBe(1)
    const f = JSON.parse(r.out).findings[0]
    expect(f.evidence.stoppedBy).toBe('error-rate')
    expect(f.evidence.durationMs).toBeLessThan(15_000)
  })
})
