// npm run bench:perf: bundles scripts/bench-perf.ts with esbuild (no TS runner needed) and runs it.
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = resolve(root, 'node_modules/.cache/bench-perf')
mkdirSync(outdir, { recursive: true })
const outfile = resolve(outdir, 'bench-perf.mjs')
await build({ entryPoints: [resolve(root, 'scripts/bench-perf.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root })
process.env.BENCH_SERVER = resolve(root, 'scripts/bench-perf-server.mjs')
await import(pathToFileURL(outfile).href)
