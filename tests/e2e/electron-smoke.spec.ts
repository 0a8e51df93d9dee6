/// <reference lib="dom" />
import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** The Electron binary, or why there is none (offline machines cannot download it). */
function electronBinary(): { path?: string; reason?: string } {
  let dir: string
  try {
    dir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { reason: 'the electron package is not installed' }
  }
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return { reason: 'the Electron runtime was not downloaded (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD, or the download host is unreachable)' }
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? { path: bin } : { reason: `the Electron binary is missing at ${bin}` }
}

test('Electron smoke: the window opens, window.launchReady is present and the CSP is set', async () => {
  const bin = electronBinary()
  if (!bin.path) console.log(`electron smoke test skipped: ${bin.reason}`)
  test.skip(!bin.path, `No Electron binary on this machine: ${bin.reason}. Every other suite runs the same renderer in Chromium.`)
  test.skip(!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs'), 'The app is not built (npm run build).')
  const dataDir = mkdtempSync(join(tmpdir(), 'lr-electron-'))
  const app = await electron.launch({
    executablePath: bin.path!,
    args: ['out/main/index.js', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, LAUNCH_READY_DATA_DIR: dataDir },
  })
  try {
    const page = await app.firstWindow()
    await page.waitForFunction(() => document.body.dataset.ready === 'true')
    const shape = await page.evaluate(() => ({
      api: typeof window.launchReady === 'object' && Object.isFrozen(window.launchReady),
      projects: typeof window.launchReady.projects.list,
      node: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }))
    expect(shape).toEqual({ api: true, projects: 'function', node: 'undefined', process: 'undefined' })
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '')
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    // Navigation away from the app is refused by the shell.
    await page.evaluate(() => {
      window.location.href = 'https://example.invalid/'
    })
    await page.waitForFunction(() => document.body.dataset.ready === 'true')
    expect(page.url()).toMatch(/^file:|^http:\/\/localhost/)
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
