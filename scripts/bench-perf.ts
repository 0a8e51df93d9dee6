import { resolve } from 'node:path'
/**
 * npm run bench:perf — precision of the perf engine's percentiles against a
 * known distribution, compared with autocannon, and the load generator's top
 * request rate against autocannon's. Prints medians of several runs.
 */
import { fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { runLoad } from '../src/main/engine/perf/load'
import { Samples } from '../src/main/engine/perf/stats'

const require = createRequire(import.meta.url)
// autocannon ships no types; only these fields of its result are read.
interface AutocannonResult {
  latency: { p50: number; p97_5: number; p99: number }
  requests: { total: number }
}
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const DUR = Number(process.env.BENCH_SECONDS ?? 5)
const CONNS = 10
const TRUTH = { p50: 50, p95: 250, p99: 250 }
/** The headers buildRequest() adds (besides Host), so both generators send identical requests. */
const SAME_HEADERS = { 'user-agent': 'LaunchReady-perf/0.1 (+launch sanity check)', accept: '*/*', 'accept-encoding': 'br, gzip, deflate', connection: 'keep-alive' }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!
const errPct = (measured: number, truth: number) => ((measured - truth) / truth) * 100
const f1 = (x: number) => x.toFixed(1)
const f2 = (x: number) => x.toFixed(2)

async function main() {
  const serverPath = resolve('scripts/bench-perf-server.mjs')
  const child = fork(serverPath, [], { stdio: 'inherit' })
  const port = await new Promise<number>((r) => child.once('message', (m: { port: number }) => r(m.port)))
  const base = `http://127.0.0.1:${port}`
  const reset = () => fetch(`${base}/reset`).then((r) => r.text())
  console.log(`bench:perf — ${RUNS} runs of ${DUR} s each, ${CONNS} connections, server in its own process on ${base}\n`)

  const only = process.env.BENCH_ONLY // 'precision' | 'rate'
  if (only !== 'rate') await precision(base, reset)
  if (only !== 'precision') await rate(base)
  child.disconnect()
  child.kill()
}

async function precision(base: string, reset: () => Promise<string>) {
  // 1. Precision on the every-5th-slow distribution.
  const ours = { p50: [] as number[], p95: [] as number[], p99: [] as number[], n: [] as number[] }
  const ac = { p50: [] as number[], p975: [] as number[], p99: [] as number[], n: [] as number[] }
  for (let i = 0; i < RUNS; i++) {
    await reset()
    const r = await runLoad({ urls: [`${base}/mixed`], users: CONNS, durationS: DUR, ramp: false, maxRequests: 1e9, targetMs: 300, abort: false, baselineSamples: 0, keepSamples: true })
    const s = new Samples()
    for (const v of r.latenciesMs!) s.add(v)
    ours.p50.push(s.percentile(50))
    ours.p95.push(s.percentile(95))
    ours.p99.push(s.percentile(99))
    ours.n.push(s.count)
    await reset()
    const a = await autocannon({ url: `${base}/mixed`, connections: CONNS, duration: DUR })
    ac.p50.push(a.latency.p50)
    ac.p975.push(a.latency.p97_5)
    ac.p99.push(a.latency.p99)
    ac.n.push(a.requests.total)
  }
  console.log('Precision: /mixed, every 5th request 250 ms, others 50 ms (truth p50 50 ms, p95 250 ms, p99 250 ms)')
  const row = (name: string, m: number, t: number) => console.log(`  ${name.padEnd(4)} measured ${f2(m).padStart(7)} ms   truth ${String(t).padStart(3)} ms   error ${errPct(m, t) >= 0 ? '+' : ''}${f2(errPct(m, t))}%`)
  console.log(`  launch-ready generator (median of ${RUNS}; ${median(ours.n)} samples per run, exact sorted samples):`)
  row('p50', median(ours.p50), TRUTH.p50)
  row('p95', median(ours.p95), TRUTH.p95)
  row('p99', median(ours.p99), TRUTH.p99)
  console.log(`  autocannon (median of ${RUNS}; ${median(ac.n)} requests per run, whole-ms histogram):`)
  row('p50', median(ac.p50), TRUTH.p50)
  console.log(`  p97.5 measured ${f2(median(ac.p975)).padStart(7)} ms   (autocannon reports no p95)`)
  row('p99', median(ac.p99), TRUTH.p99)
  const worst = Math.max(...(['p50', 'p95', 'p99'] as const).map((k) => Math.abs(errPct(median(ours[k]), TRUTH[k]))))
  console.log(`  => worst percentile error ${f2(worst)}% (target within 5%): ${worst <= 5 ? 'MET' : 'NOT MET'}\n`)
}

async function rate(base: string) {

  // 2. Top request rate on /trivial, alternating generators.
  const oursRps: number[] = []
  const acRps: number[] = []
  const loopP99: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const h = monitorEventLoopDelay({ resolution: 5 })
    h.enable()
    const r = await runLoad({ urls: [`${base}/trivial`], users: CONNS, durationS: DUR, ramp: false, maxRequests: 1e9, targetMs: 300, abort: false, baselineSamples: 0 })
    h.disable()
    oursRps.push(r.requests / (r.durationMs / 1000))
    loopP99.push(h.percentile(99) / 1e6)
    // Same request on the wire for both: autocannon gets the headers our generator sends.
    const a = await autocannon({ url: `${base}/trivial`, connections: CONNS, duration: DUR, headers: SAME_HEADERS })
    acRps.push(a.requests.total / DUR)
  }
  // Pairwise ratios (each generator run next to an autocannon run) cancel slow drifts in machine load.
  const ratio = median(oursRps.map((x, i) => x / acRps[i]!))
  console.log(`Top request rate: /trivial, ${CONNS} connections, ${DUR} s (median of ${RUNS})`)
  console.log(`  launch-ready generator ${Math.round(median(oursRps)).toString().padStart(7)} req/s   runs: ${oursRps.map((x) => Math.round(x)).join(', ')}`)
  console.log(`  autocannon             ${Math.round(median(acRps)).toString().padStart(7)} req/s   runs: ${acRps.map((x) => Math.round(x)).join(', ')}`)
  console.log(`  => ratio ${f2(ratio)}x (median of the per-run ratios; target at least 0.8x): ${ratio >= 0.8 ? 'MET' : 'NOT MET'}`)
  console.log(`  event-loop delay p99 in the generator's process while at full rate: ${f1(median(loopP99))} ms (the app's main process stays responsive; the renderer is a separate process)`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
