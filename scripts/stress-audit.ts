/**
 * npm run stress:audit [-- --audits 44 --parallel 4 --burners 2 --rtt 20]
 * Many `launch-ready audit --json` processes at once against the loopback
 * fixture (good.test and broken.test, behind a per-round-trip delay), with
 * busy-loop processes loading both cores, to find audits that hang under
 * load. Prints each audit's wall time, the median and the slowest, and any
 * audit that ran past its own deadline plus the grace for printing. Every
 * loop is bounded (count and time); loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { parseArgs } from 'node:util'
import { startSite } from '../tests/fixtures/runs/site'
import { startDelayProxy } from '../tests/fixtures/audit/delay-proxy'

const { values } = parseArgs({ options: { audits: { type: 'string', default: '44' }, parallel: { type: 'string', default: '4' }, burners: { type: 'string', default: '2' }, rtt: { type: 'string', default: '20' }, deadline: { type: 'string', default: '20' } } })
const AUDITS = Math.min(200, Number(values.audits))
const PARALLEL = Math.max(1, Number(values.parallel))
const DEADLINE_S = Number(values.deadline)
const RTT = Number(values.rtt)

const site = await startSite()
site.dns.setDelay(RTT / 2)
const [hp, hsp] = await Promise.all([startDelayProxy(site.web.httpPort, RTT / 4), startDelayProxy(site.web.httpsPort, RTT / 4)])
const portSpec = `53:${site.dns.port},80:${hp.port},443:${hsp.port}`
const burnMs = 600_000
const burners: ChildProcess[] = Array.from({ length: Number(values.burners) }, () => spawn(process.execPath, ['-e', `const end=Date.now()+${burnMs};while(Date.now()<end){}`], { stdio: 'ignore' }))

interface Result { i: number; domain: string; ms: number; code: number | null; printed: boolean; killed: boolean }
const results: Result[] = []
const killAfterMs = (DEADLINE_S + 15) * 1000
async function one(i: number): Promise<Result> {
  const domain = i % 2 ? 'broken.test' : 'good.test'
  const t0 = performance.now()
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/launch-ready.mjs', 'audit', domain, '--json', '--dns-server', site.dns.server, '--ca-file', site.caFile, '--port-map', portSpec, '--deadline', String(DEADLINE_S), '--timeout', '5'], { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    p.stdout!.on('data', (d: Buffer) => (out += d))
    let killed = false
    const t = setTimeout(() => {
      killed = true
      p.kill('SIGKILL')
    }, killAfterMs)
    p.on('exit', (code) => {
      clearTimeout(t)
      resolve({ i, domain, ms: performance.now() - t0, code, printed: out.includes('"findings"'), killed })
    })
  })
}
try {
  let next = 0
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < AUDITS) {
      const r = await one(next++)
      results.push(r)
      if (r.killed || !r.printed || r.ms > (DEADLINE_S + 5) * 1000) process.stdout.write(`  audit ${r.i} (${r.domain}): ${Math.round(r.ms)} ms, exit ${r.code}, ${r.printed ? 'printed' : 'PRINTED NOTHING'}${r.killed ? ', KILLED' : ''}\n`)
    }
  }))
} finally {
  for (const b of burners) b.kill('SIGKILL')
  await Promise.allSettled([hp.close(), hsp.close(), site.close()])
}
const ms = results.map((r) => r.ms).sort((a, b) => a - b)
const med = ms[Math.floor(ms.length / 2)] ?? 0
const bad = results.filter((r) => r.killed || !r.printed || r.ms > (DEADLINE_S + 5) * 1000)
process.stdout.write(`${AUDITS} audits, ${PARALLEL} at a time, ${values.burners} CPU burners, ${RTT} ms RTT: median ${Math.round(med)} ms, slowest ${Math.round(ms.at(-1) ?? 0)} ms; ${bad.length} past their deadline or silent\n`)
process.exit(bad.length ? 1 : 0)
