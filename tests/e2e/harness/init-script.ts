import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

/** Bundles harness/page-api.ts (and the shared contract it imports) into one IIFE for page.addInitScript. */
export async function bundleInitScript(): Promise<string> {
  const entry = fileURLToPath(new URL('./page-api.ts', import.meta.url))
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0]!.text
}
