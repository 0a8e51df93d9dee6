/**
 * npm run bench:audit — a full audit of the fixture domain good.test behind a
 * user-space delay: every DNS answer is held 50 ms and every TCP read and
 * write 25 ms each way (tests/fixtures/audit/delay-proxy.ts), so one round
 * trip costs 50 ms. Prints, as the median of several runs:
 *   - the audit's wall time (in process, through the real orchestrator),
 *   - the critical-path lower bound of this fixture and the ratio,
 *   - the same audit strictly one probe at a time,
 *   - the CLI's wall time and peak RSS (`launch-ready audit --json`, /usr/bin/time),
 *   - Debian's testssl.sh on the same host (TLS part only) as the peer reference.
 * Loopback only. Usage: npm run bench:audit [-- --runs 5 --rtt 50]
 */
import { execFile, spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { startSite } from '../tests/fixtures/runs/site'
import { startDelayProxy } from '../tests/fixtures/audit/delay-proxy'
import { runAudit } from '../src/main/engine/run'
import { wireEngine, toAuditTarget } from '../src/main/engine/run/engine-deps'
import { projectForDomain } from '../src/main/cli/audit-config'
import { auditSuites } from '../src/main/engine/suites'
import { systemClock, type EngineDeps, type SuiteContext } from '../src/main/engine/types'
import type { Finding } from '../src/shared/model'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, rtt: { type: 'string', default: '50' }, 'skip-testssl': { type: 'boolean', default: false }, serve: { type: 'boolean', default: false } } })
const RUNS = Math.max(1, Number(values.runs))
const RTT = Number(values.rtt)
const DOMAIN = 'good.test'

/**
 * The longest chain of round trips that depend on each other for good.test (its
 * redirects, page and mail records), whatever the engine does in parallel:
 *   DNS A good.test -> GET http://good.test/ (301 to https://www.good.test/)
 *   -> GET https://www.good.test/ (the page; its TLS handshake can overlap the first GET)
 *   -> GET /assets/app.3f9a7c1e.js, found in the page.
 * = 4 round trips. Every other chain is shorter (NS -> A ns1 -> SOA at ns1: 3;
 * SPF TXT -> MX -> A: 3; a TLS probe: A -> handshake: 2).
 */
const CRITICAL_PATH_RTTS = 4

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const ms = (x: number) => `${Math.round(x)} ms`

/** One operation at a time across the resolver and the HTTP client. */
function serial(deps: EngineDeps): EngineDeps {
  let chain: Promise<unknown> = Promise.resolve()
  const one = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn)
    chain = p.catch(() => undefined)
    return p
  }
  return {
    ...deps,
    resolver: { servers: () => deps.resolver.servers(), query: (n, t, o) => one(() => deps.resolver.query(n, t, o)) },
    http: { request: (r) => one(() => deps.http.request(r)) },
  }
}

interface Served {
  dnsServer: string
  dnsPort: number
  caFile: string
  caPem: string
  httpPort: number
  httpsPort: number
}

if (values.serve) {
  // The fixture side, in its own process so its TLS work does not share the audit's event loop.
  const site = await startSite()
  site.dns.setDelay(RTT)
  const [httpProxy, httpsProxy] = await Promise.all([startDelayProxy(site.web.httpPort, RTT / 2), startDelayProxy(site.web.httpsPort, RTT / 2)])
  const served: Served = { dnsServer: site.dns.server, dnsPort: site.dns.port, caFile: site.caFile, caPem: site.web.caPem, httpPort: httpProxy.port, httpsPort: httpsProxy.port }
  process.stdout.write(`${JSON.stringify(served)}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => void Promise.allSettled([httpProxy.close(), httpsProxy.close(), site.close()]).then(() => process.exit(0)))
  await new Promise(() => {})
}

const server = spawn(process.execPath, [process.argv[1]!, '--serve', '--rtt', String(RTT)], { stdio: ['pipe', 'pipe', 'inherit'] })
const served = await new Promise<Served>((resolve, reject) => {
  let buf = ''
  server.stdout.on('data', (d: Buffer) => {
    buf += d.toString()
    if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]!) as Served)
  })
  server.on('exit', (code) => reject(new Error(`the fixture process exited (${code})`)))
})
const portMap = { 80: served.httpPort, 443: served.httpsPort, 53: served.dnsPort }
const portSpec = Object.entries(portMap).map(([a, b]) => `${a}:${b}`).join(',')
const target = toAuditTarget(projectForDomain(DOMAIN))
const wire = () => wireEngine({ dnsServer: served.dnsServer, extraCa: [served.caPem], portMap, timeoutMs: 10_000 })

const trace: string[] = []
async function concurrentRun(): Promise<{ wall: number; findings: Finding[] }> {
  const deps = wire()
  const t0 = performance.now()
  if (process.env.LR_BENCH_TRACE) {
    trace.length = 0
    const { http } = deps
    const req = http.request.bind(http)
    deps.http = {
      request: (r) => {
        const s = performance.now() - t0
        const done = (tag: string) => trace.push(`${String(Math.round(s)).padStart(5)}-${String(Math.round(performance.now() - t0)).padEnd(5)} ${tag} ${r.url}`)
        return req(r).then(
          (x) => (done(`${x.status} ${x.timings.reused ? 'warm' : 'cold'}`), x),
          (e: unknown) => (done('ERR'), Promise.reject(e)),
        )
      },
    }
  }
  // LR_BENCH_SUITES=dns,http,tls,edge times some families only.
  const only = process.env.LR_BENCH_SUITES?.split(',')
  const r = await runAudit({ suites: auditSuites({ timeoutMs: 10_000 }).filter((s) => !only || only.includes(s.id)), deps, target, deadlineMs: 60_000 })
  const wall = performance.now() - t0
  deps.close()
  return { wall, findings: r.findings }
}

async function sequentialRun(): Promise<number> {
  const wired = wire()
  const deps = serial(wired)
  const ctx: SuiteContext = { ...deps, clock: systemClock, target, signal: new AbortController().signal, deadline: Date.now() + 120_000, activeProbes: false, shared: new Map() }
  const sink = { start: () => {}, finding: () => {} }
  const t0 = performance.now()
  for (const s of auditSuites({ timeoutMs: 10_000, concurrency: 1 })) await s.run(ctx, sink)
  const wall = performance.now() - t0
  wired.close()
  return wall
}

function run(cmd: string, args: string[], timeoutMs = 180_000): Promise<{ out: string; err: string; ms: number }> {
  const t0 = performance.now()
  return new Promise((resolve) => execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (_e, out, err) => resolve({ out, err, ms: performance.now() - t0 })))
}

try {
  await concurrentRun() // warm-up (JIT, CA parsing)
  const walls: number[] = []
  let findings: Finding[] = []
  for (let i = 0; i < RUNS; i++) {
    const r = await concurrentRun()
    walls.push(r.wall)
    findings = r.findings
  }
  // What two round trips really cost through this rig (one DNS query, then one plain GET on a fresh connection).
  const calib: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const d = wire()
    const t0 = performance.now()
    await d.http.request({ url: `http://${DOMAIN}/` })
    calib.push(performance.now() - t0)
    d.close()
  }
  const seq: number[] = []
  for (let i = 0; i < Math.min(RUNS, 3); i++) seq.push(await sequentialRun())

  const cli: { ms: number; rssKb: number }[] = []
  for (let i = 0; i < RUNS; i++) {
    const r = await run('/usr/bin/time', ['-f', 'RSS_KB=%M', process.execPath, 'bin/launch-ready.mjs', 'audit', DOMAIN, '--json', '--dns-server', served.dnsServer, '--ca-file', served.caFile, '--port-map', portSpec])
    cli.push({ ms: r.ms, rssKb: Number(/RSS_KB=(\d+)/.exec(r.err)?.[1] ?? NaN) })
  }

  let testssl: number | null = null
  if (!values['skip-testssl']) {
    const r = await run('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--ip', '127.0.0.1', '-p', '-S', '-e', `www.${DOMAIN}:${served.httpsPort}`], 600_000)
    testssl = r.out.includes('Testing') || r.out.length > 0 ? r.ms : null
  }

  const lb = CRITICAL_PATH_RTTS * RTT
  const wall = median(walls)
  if (process.env.LR_BENCH_TRACE) process.stdout.write(`${trace.sort().join('\n')}\n`)
  if (process.env.LR_BENCH_TRACE)
    for (const f of [...findings].sort((a, b) => b.durationMs - a.durationMs).slice(0, 25)) process.stdout.write(`  ${ms(f.durationMs).padStart(8)}  ${f.checkId} ${f.target}\n`)
  const byStatus = findings.reduce<Record<string, number>>((m, f) => ((m[f.status] = (m[f.status] ?? 0) + 1), m), {})
  process.stdout.write(
    [
      `Audit of ${DOMAIN} at ${RTT} ms per round trip (median of ${RUNS} runs; ${findings.length} findings: ${Object.entries(byStatus).map(([k, v]) => `${v} ${k}`).join(', ')})`,
      `  wall time (in process)         ${ms(wall)}   runs: ${walls.map(ms).join(', ')}`,
      `  critical-path lower bound      ${ms(lb)}   (${CRITICAL_PATH_RTTS} dependent round trips x ${RTT} ms)`,
      `  ratio                          ${(wall / lb).toFixed(2)}   (target <= 1.5)`,
      `  rig calibration                ${ms(median(calib))}   (one DNS query + one GET = 2 round trips, ideally ${ms(2 * RTT)})`,
      `  one probe at a time            ${ms(median(seq))}   (${(median(seq) / wall).toFixed(1)}x slower)`,
      `  CLI wall time (incl. start-up) ${ms(median(cli.map((c) => c.ms)))}   (target <= 2000 ms)`,
      `  CLI peak RSS                   ${Math.round(Math.max(...cli.map((c) => c.rssKb)) / 1024)} MB   (target <= 150 MB)`,
      `  testssl.sh, TLS part only      ${testssl === null ? 'not run' : ms(testssl)}   (protocols + server defaults, same host and delay)`,
      '',
    ].join('\n'),
  )
} finally {
  server.stdin.end()
}
