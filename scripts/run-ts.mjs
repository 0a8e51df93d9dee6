// Runs a TypeScript script of this repo without a TS runner: bundles it with
// esbuild into node_modules/.cache and imports it. Usage:
//   node scripts/run-ts.mjs scripts/demo.ts [--extra-entry name=path.ts ...] [args...]
// Each --extra-entry is bundled beside it and its path passed as the
// environment variable LR_ENTRY_<NAME> (e.g. a worker the script starts).
import { build } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { basename, dirname, resolve } from 'node:path'
import { mkdirSync } from 'node:fs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [--extra-entry NAME=path.ts] [args...]')
  process.exit(2)
}
const name = basename(entry).replace(/\.ts$/, '')
const outdir = resolve(root, 'node_modules/.cache/run-ts', name)
mkdirSync(outdir, { recursive: true })
const bundle = (input, out) =>
  build({ entryPoints: [resolve(root, input)], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root })

const args = []
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--extra-entry' && rest[i + 1]) {
    const [key, path] = rest[++i].split('=')
    const out = resolve(outdir, `${key}.mjs`)
    await bundle(path, out)
    process.env[`LR_ENTRY_${key.toUpperCase().replace(/-/g, '_')}`] = out
  } else args.push(rest[i])
}
const outfile = resolve(outdir, `${name}.mjs`)
await bundle(entry, outfile)
// The script sees its own arguments as if it had been run directly (argv[1] is
// the bundle, so a script can start itself again as a child process).
process.argv = [process.argv[0], outfile, ...args]
await import(pathToFileURL(outfile).href)
