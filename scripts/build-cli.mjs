// Bundles the headless CLI (src/main/cli/main.ts) into out/cli/launch-ready.mjs.
// Runs on `npm install` (prepare) so `npx launch-ready ...` works in a fresh checkout.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
await build({
  entryPoints: [resolve(root, 'src/main/cli/main.ts')],
  // Split so heavy parts loaded on demand (the PDF renderer for `audit --pdf`) stay out of start-up.
  outdir: resolve(root, 'out/cli'),
  entryNames: 'launch-ready',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Native and heavy modules stay in node_modules.
  packages: 'external',
  banner: { js: "import { createRequire as __lrCreateRequire } from 'node:module'; const require = __lrCreateRequire(import.meta.url);" },
})
