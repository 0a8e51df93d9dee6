import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { sampleProject, sampleRuns } from '../../fixtures/report/sample'
import { solidPng } from '../../fixtures/report/png'
import { pdfInfo, pdfText } from '../../fixtures/report/poppler'
import { buildReport, closePdfWorkers, countPdfPages, loadImages, renderReport } from '../../../src/main/report'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
// Inside the project so the bundle resolves react-pdf and the font packages from node_modules, as out/main does.
const workerDir = join(root, 'node_modules/.cache/report-worker-test')
let worker: URL
let dir: string

beforeAll(async () => {
  mkdirSync(workerDir, { recursive: true })
  const outfile = join(workerDir, `report-pdf-worker-${process.pid}.mjs`)
  await build({ entryPoints: [join(root, 'src/main/report/pdf/worker.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
  worker = pathToFileURL(outfile)
  dir = mkdtempSync(join(tmpdir(), 'lr-report-worker-'))
}, 60_000)
afterAll(async () => {
  await closePdfWorkers()
  rmSync(fileURLToPath(worker), { force: true })
  rmSync(dir, { recursive: true, force: true })
})

describe('PDF on a worker thread', () => {
  it('gives the same pack as in-thread rendering and keeps this thread’s event loop free', async () => {
    const m = buildReport(sampleProject(), sampleRuns(), { now: new Date('2026-11-24T10:00:00Z'), appVersion: '0.1.0' })
    const images = await loadImages(m, async (id) => (id === 'img-rollback' ? { data: solidPng(120, 60, [10, 160, 90]), mime: 'image/png' } : null))
    let last = performance.now()
    let maxGap = 0
    const timer = setInterval(() => {
      const t = performance.now()
      maxGap = Math.max(maxGap, t - last)
      last = t
    }, 5)
    const phases: string[] = []
    const off = await renderReport(m, 'pdf', { images, pdfWorker: worker, onProgress: (_f, phase) => phases.push(phase) })
    clearInterval(timer)
    const inThread = await renderReport(m, 'pdf', { images })
    writeFileSync(join(dir, 'off.pdf'), off.data)
    writeFileSync(join(dir, 'in.pdf'), inThread.data)
    expect(countPdfPages(off.data)).toBe(countPdfPages(inThread.data))
    expect(off.pages).toEqual(inThread.pages)
    expect(pdfInfo(join(dir, 'off.pdf'))['Pages']).toBe(String(countPdfPages(off.data)))
    expect(pdfText(join(dir, 'off.pdf'))).toBe(pdfText(join(dir, 'in.pdf')))
    expect(readFileSync(join(dir, 'off.pdf'), 'latin1')).toMatch(/\/Subtype\s*\/Image/)
    expect(phases).toEqual(['layout', 'done'])
    // In-thread rendering blocks for the whole layout (about a second); off-thread only for
    // handing the model over. Generous bound for a loaded machine.
    expect(maxGap).toBeLessThan(400)
  })

  it('keeps the worker for the next export (fonts load once) and renders jobs in order', async () => {
    const m = buildReport(sampleProject(), sampleRuns(10), { now: new Date('2026-11-24T10:00:00Z') })
    const [a, b] = await Promise.all([renderReport(m, 'pdf', { pdfWorker: worker }), renderReport(m, 'pdf', { pdfWorker: worker })])
    expect(countPdfPages(a.data)).toBe(countPdfPages(b.data))
  })

  it('reports a worker failure as an error, never a file', async () => {
    const bad = join(workerDir, `broken-${process.pid}.mjs`)
    writeFileSync(bad, "throw new Error('boom')\n")
    try {
      const m = buildReport(sampleProject(), [], { now: new Date('2026-11-24T10:00:00Z') })
      await expect(renderReport(m, 'pdf', { pdfWorker: pathToFileURL(bad) })).rejects.toThrow(/boom|stopped unexpectedly/)
    } finally {
      rmSync(bad, { force: true })
    }
  })
})
