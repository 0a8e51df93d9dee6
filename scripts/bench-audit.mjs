// npm run bench:audit: bundles scripts/bench-audit.ts with esbuild (no TS runner needed) and runs it.
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = resolve(root, 'node_modules/.cache/bench-audit')
mkdirSync(outdir, { recursive: true })
const outfile = resolve(outdir, 'bench-audit.mjs')
await build({ entryPoints: [resolve(root, 'scripts/bench-audit.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root })
await import(pathToFileURL(outfile).href)
