#!/usr/bin/env node
// Entry point of the `launch-ready` command (built by `npm install` / `npm run build:cli`).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/cli/launch-ready.mjs', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('launch-ready: the CLI is not built yet. Run `npm run build:cli` in the project folder.\n')
  process.exit(2)
}
const { main } = await import(pathToFileURL(built).href)
process.exitCode = await main(process.argv.slice(2))
