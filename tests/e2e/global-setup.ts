import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Newest modification time under a directory, ms. */
function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** Builds the renderer when out/renderer is missing or older than its sources. */
export default function globalSetup(): void {
  const built = 'out/renderer/index.html'
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src/renderer'), newest('src/shared'))
  if (stale) execFileSync(process.execPath, ['scripts/build-renderer.mjs'], { stdio: 'inherit' })
}
