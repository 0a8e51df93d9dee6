/**
 * npm run bench:report: renders the handover PDF of a realistic project (3
 * audits, 150 findings, DNS/redirect/email/certificate artifacts, perf
 * histograms, a filled-in handover) five times and prints the median time,
 * the page count, and the longest stretch the event loop was blocked.
 */
import { sampleProject, sampleRuns } from '../tests/fixtures/report/sample'
import { buildReport, countPdfPages, renderReport, toJson, toMarkdown } from '../src/main/report'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const TARGET_MS = 1500

const project = sampleProject()
const runs = sampleRuns(50)
const t0 = performance.now()
const model = buildReport(project, runs, { now: new Date('2026-11-24T10:00:00Z'), appVersion: 'bench' })
const buildMs = performance.now() - t0
const findings = runs.reduce((a, r) => a + r.findings.length, 0)

const cold0 = performance.now()
await renderReport(model, 'pdf')
const coldMs = performance.now() - cold0

/** Renders RUNS times; returns the times and the longest gap between ticks of a 5 ms timer (how long this thread could not answer). */
async function measure(pdfWorker?: string): Promise<{ times: number[]; cpu: number[]; blocked: number; pages: number }> {
  const times: number[] = []
  const cpu: number[] = []
  let blocked = 0
  let pages = 0
  for (let i = 0; i < RUNS; i++) {
    let lastTick = performance.now()
    let maxGap = 0
    const timer = setInterval(() => {
      const t = performance.now()
      maxGap = Math.max(maxGap, t - lastTick)
      lastTick = t
    }, 5)
    const s = performance.now()
    const c = process.cpuUsage()
    const r = await renderReport(model, 'pdf', pdfWorker ? { pdfWorker } : {})
    times.push(performance.now() - s)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
    await new Promise((res) => setTimeout(res, 10))
    clearInterval(timer)
    blocked = Math.max(blocked, maxGap)
    pages = countPdfPages(r.data)
  }
  return { times, cpu, blocked, pages }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const inThread = await measure()
const worker = process.env.LR_ENTRY_PDF_WORKER ? await measure(process.env.LR_ENTRY_PDF_WORKER) : undefined
const times = inThread.times
const pages = inThread.pages
const blocked = [inThread.blocked]
const med = median(times)
const md0 = performance.now()
toMarkdown(model)
const mdMs = performance.now() - md0
const js0 = performance.now()
toJson(model)
const jsonMs = performance.now() - js0

const f = (n: number) => `${Math.round(n)} ms`
console.log(`handover pack: ${runs.length} runs, ${findings} findings -> ${pages} pages`)
console.log(`model build ${f(buildMs)}; Markdown ${f(mdMs)}; JSON ${f(jsonMs)}`)
console.log(`PDF first render (fonts loading) ${f(coldMs)}`)
console.log(`PDF render x${RUNS} in this thread: ${times.map(f).join(', ')}`)
console.log(`PDF median ${f(med)} (target ${TARGET_MS} ms: ${med <= TARGET_MS ? 'met' : 'NOT met'}), ${pages} pages`)
console.log(`CPU time per in-thread render (load-independent): ${inThread.cpu.map(f).join(', ')}; median ${f(median(inThread.cpu))}`)
console.log(`longest event-loop block, in-thread render: ${f(Math.max(...blocked))}`)
if (worker) {
  console.log(`PDF render x${RUNS} on a worker thread (as in the app): ${worker.times.map(f).join(', ')}; median ${f(median(worker.times))}`)
  console.log(`longest event-loop block, worker render: ${f(worker.blocked)}`)
}
