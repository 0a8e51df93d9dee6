/// <reference lib="dom" />
/** A consultant with several client projects: verdict, last run and open blockers on each row, sortable, and a switcher inside a project. */
import { expect, test, useLoopbackSite } from './fixtures'

const { brokenDraft } = useLoopbackSite()

test('the project list shows each client’s verdict and open problems, sorts by them, and a project switches to another', async ({ app, page }) => {
  await app.call('projects.create', { ...brokenDraft(), name: 'Client A' })
  const b = await app.call<{ id: string }>('projects.create', { ...brokenDraft(), name: 'Client B' })
  await app.call('projects.create', { ...brokenDraft(), name: 'Client C' })
  await app.open()
  await page.getByRole('button', { name: 'Client B', exact: true }).click()
  await page.getByTestId('start-here').getByRole('button', { name: 'Run all checks' }).click()
  await expect(page.getByTestId('audit-panel-1').getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 60_000 })
  // The run's end, not the first verdict (a partial view can already give one).
  await expect(page.getByTestId('audit-panel-1').getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })

  // The switcher, inside the project.
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Client C (broken.test)' })
  await expect(page.getByText('Client C (broken.test) · Stage 1 of 7')).toBeVisible()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click()
  const rowB = page.locator(`[data-project-id="${b.id}"]`)
  await expect(rowB.locator('.project-verdict')).toContainText('✗ No-go')
  await expect(rowB.locator('.project-verdict')).toContainText(/\d+ blockers?, \d+ high/)
  await expect(page.locator('[data-testid="project-row"]').filter({ hasText: 'Client A' }).locator('.project-verdict')).toHaveText('Not checked yet')
  await page.getByLabel('Sort by').selectOption('problems')
  await expect(page.locator('[data-testid="project-row"]').first()).toContainText('Client B')
  await page.getByLabel('Sort by').selectOption('name')
  await expect(page.locator('[data-testid="project-row"] h2')).toHaveText(['Client A', 'Client B', 'Client C'])
  expect(app.errors).toEqual([])
})
