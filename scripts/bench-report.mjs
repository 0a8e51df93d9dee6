// npm run bench:report: bundles scripts/bench-report.ts with esbuild (no TS runner needed) and runs it.
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = resolve(root, 'node_modules/.cache/bench-report')
mkdirSync(outdir, { recursive: true })
const outfile = resolve(outdir, 'bench-report.mjs')
await build({ entryPoints: [resolve(root, 'scripts/bench-report.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root })
const worker = resolve(outdir, 'report-pdf-worker.mjs')
await build({ entryPoints: [resolve(root, 'src/main/report/pdf/worker.ts')], outfile: worker, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root })
process.env.BENCH_PDF_WORKER = worker
await import(pathToFileURL(outfile).href)
