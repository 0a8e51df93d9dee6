/// <reference lib="dom" />
/** The offline demo, one click from an empty project list: the app starts the demo site itself and opens Stage 1 ready to run. */
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'

test('an empty project list offers the offline demo, which opens Stage 1 ready to run and audits for real', async ({ app, page }) => {
  await app.open()
  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'the empty project list with the demo offer')
  await page.getByRole('button', { name: 'Try it on the offline demo' }).click()
  const panel = page.getByTestId('audit-panel-1')
  await expect(panel).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('heading', { level: 1, name: 'Quick audit' })).toBeVisible()
  // Before the first run, the one primary action sits at the top of Stage 1 (the panel's own button is secondary).
  const start = page.getByTestId('start-here')
  await expect(start.getByRole('button', { name: 'Run all checks' })).toHaveClass(/primary/)
  await expect(panel.getByRole('button', { name: 'Run all checks', exact: true })).not.toHaveClass(/primary/)
  await start.getByRole('button', { name: 'Run all checks' }).click()
  await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 60_000 })
  // The run's end, not the first verdict (a partial view can already give one).
  await expect(panel.getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })
  await expect(panel.getByTestId('must-fix').locator('[data-check="edge.admin-exposed"]')).toBeVisible()
  await expect(page.getByTestId('start-here')).toHaveCount(0)
  // The same project the next time, not a second one.
  await page.keyboard.press('p')
  await expect(page.getByRole('button', { name: 'Offline demo: Broken Launch', exact: true })).toHaveCount(1)
  expect(app.errors).toEqual([])
})
