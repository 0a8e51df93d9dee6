/// <reference lib="dom" />
/**
 * The browser shell for real: the built renderer served by
 * src/main/shell/server.ts over HTTP on 127.0.0.1, signed in with its
 * one-time link, window.launchReady built by the page itself over fetch and
 * Server-Sent Events (no Playwright binding). The interview, a full audit with
 * live progress against the loopback fixture, and a handover export saved
 * through the page's own file dialog.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from '@playwright/test'
import { startBrowserShell, type BrowserShell } from '../../src/main/shell/server'
import { promptDialogs } from '../../src/main/shell/dialogs'
import { createServices } from '../../src/main/services/handlers'
import { startSite, type Site } from '../fixtures/runs/site'
import { expectNoSeriousA11yViolations, RENDERER_DIR } from './fixtures'

let site: Site
let shell: BrowserShell
let dir: string
const errors: string[] = []
test.describe.configure({ timeout: 120_000 })

test.beforeAll(async () => {
  site = await startSite()
  process.env.LAUNCH_READY_PORT_MAP = site.portMapSpec
  dir = mkdtempSync(join(tmpdir(), 'lr-e2e-shell-'))
  const log = { warn() {}, error: (m: string, d?: unknown) => errors.push(`${m} ${String(d)}`) }
  shell = await startBrowserShell({
    rendererDir: RENDERER_DIR,
    log,
    services: (emit) => createServices({ dataDir: join(dir, 'data'), host: 'browser', version: '0.0.0-e2e', dialogs: promptDialogs((req) => emit('app.dialog', req), { home: dir }), openExternal: async () => {}, emit, log }),
  })
})
test.afterAll(async () => {
  await shell?.close()
  await site?.close()
  rmSync(dir, { recursive: true, force: true })
})

test('the app runs in a plain browser tab: interview, a full audit with live progress, and the handover export', async ({ page }) => {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  await page.goto(shell.launchUrl)
  await expect(page).toHaveURL(`${shell.origin}/`)
  await page.waitForFunction(() => document.body.dataset.ready === 'true')
  expect(await page.evaluate(() => window.launchReady.app.info())).toMatchObject({ ok: true, value: { host: 'browser' } })

  // The interview, as a founder would walk it (canonical host: "I don't know — find out").
  await page.getByRole('button', { name: 'New project' }).click()
  await page.getByLabel('Product name').fill('Broken Launch')
  await page.getByLabel('Membership').check()
  await page.getByRole('button', { name: 'Next: Domain' }).click()
  await page.getByLabel('Main domain').fill('broken.test')
  await expect(page.getByLabel('I don’t know — find out')).toBeChecked()
  await page.getByRole('button', { name: 'Next: Critical flows' }).click()
  // The remaining steps keep their defaults (flows from the business type, no providers yet).
  for (let i = 0; i < 6 && (await page.getByRole('button', { name: /^Next: / }).count()) > 0; i++) await page.getByRole('button', { name: /^Next: / }).click()
  await page.getByRole('button', { name: 'Create project' }).click()
  await expect(page.getByTestId('audit-panel-1')).toBeVisible()

  // Point it at the loopback fixture (DNS server and CA file), as the audit screen allows.
  const project = await page.evaluate(async () => {
    const list = await window.launchReady.projects.list()
    return list.ok ? list.value[0]! : null
  })
  expect(project).toMatchObject({ name: 'Broken Launch', domain: 'broken.test' })
  await page.evaluate(async ([id, dnsServer, caFile]) => window.launchReady.projects.update({ id: id!, patch: { dnsServer, caFile } }), [project!.id, site.dns.server, site.caFile])
  await page.reload()
  await page.waitForFunction(() => document.body.dataset.ready === 'true')

  // Live progress arrives over Server-Sent Events: caught by an observer set up before the run starts.
  const panel = page.getByTestId('audit-panel-1')
  await page.evaluate(() => {
    const w = window as unknown as { __firstProgress?: string }
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="audit-panel-1"] [data-testid="run-progress"] [role="progressbar"]')?.getAttribute('aria-valuetext')
      if (bar && !w.__firstProgress) w.__firstProgress = bar
    }).observe(document.body, { subtree: true, childList: true, attributes: true })
  })
  site.dns.setDelay(200)
  await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
  await page.waitForFunction(() => !!(window as unknown as { __firstProgress?: string }).__firstProgress)
  expect(await page.evaluate(() => (window as unknown as { __firstProgress: string }).__firstProgress)).toMatch(/^\d+ of about \d+ checks done/)
  await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 60_000 })
  site.dns.setDelay(0)

  // The handover pack, saved where the page's file dialog says (main checks the path first).
  await page.getByRole('button', { name: /^Stage 7:/ }).click()
  await page.getByRole('button', { name: 'Export Markdown' }).click()
  const dialog = page.getByRole('dialog', { name: /Save the handover pack/ })
  await expect(dialog).toBeVisible()
  const path = dialog.getByLabel(/^Save as/)
  await expect(path).toHaveValue(join(dir, 'broken-launch-handover.md'))
  await expect(path).toBeFocused()
  await expectNoSeriousA11yViolations(page, 'the file dialog of the browser shell')
  await path.fill(join(dir, 'nowhere', 'pack.md'))
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(`The folder ${join(dir, 'nowhere')} does not exist.`)
  await expect(path).toHaveValue(join(dir, 'nowhere', 'pack.md'))
  const target = join(dir, 'pack.md')
  await path.fill(target)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(`Saved the Markdown pack to ${target}.`)).toBeVisible()
  expect(existsSync(target)).toBe(true)
  expect(readFileSync(target, 'utf8')).toContain('Broken Launch')
  expect(errors).toEqual([])
})
