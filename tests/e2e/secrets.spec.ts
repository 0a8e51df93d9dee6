/// <reference lib="dom" />
/**
 * The secrets panel: the code folder chosen with the folder dialog (a typed
 * path that will not do is refused and kept), a scan with its progress, the
 * table by location with the masked value, provider and commit, "Not a
 * secret" with a reason, and the Stage 1 summary. No full value ever reaches
 * the page.
 */
import { rmSync } from 'node:fs'
import { expect, test, useLoopbackSite } from './fixtures'
import { leakyRepo } from '../fixtures/secrets/repo'

const { brokenDraft } = useLoopbackSite()

test('finds the planted secrets, shows them masked by location, and an ignored one stops being reported', async ({ app, page }) => {
  const repo = leakyRepo()
  try {
    await app.call('projects.create', brokenDraft())
    await app.open()
    await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
    await page.getByRole('button', { name: /^Stage 4:/ }).click()
    const panel = page.getByTestId('secrets-panel-4')
    await expect(panel.getByText('Your code is not scanned yet')).toBeVisible()

    // A typed path that is not a folder is refused with the reason, and stays in the field.
    const field = panel.getByLabel('Your code (the git repository folder)')
    await field.fill('/nonexistent/acme')
    await panel.getByRole('button', { name: 'Save' }).first().click()
    await expect(panel.getByRole('alert').first()).toContainText('There is no folder at /nonexistent/acme')
    await expect(field).toHaveValue('/nonexistent/acme')

    // The folder dialog's answer is saved.
    app.nextFolderPath = repo.dir
    await panel.getByRole('button', { name: 'Choose folder…' }).first().click()
    await expect(field).toHaveValue(repo.dir)
    await expect(panel.getByText('Your code is not scanned yet')).toHaveCount(0)

    await panel.getByRole('button', { name: 'Scan for secrets' }).click()
    await expect(panel.getByRole('button', { name: 'Check again' }).first()).toBeVisible({ timeout: 60_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Checks finished' }).first()).toBeVisible({ timeout: 60_000 })

    const history = panel.getByTestId('secrets-history')
    const deleted = history.getByRole('row').filter({ hasText: 'src/config.js' })
    await expect(deleted).toContainText(repo.commits.deleted.slice(0, 7))
    await expect(deleted).toContainText('Stripe')
    await expect(deleted).toContainText('sk_live_…')
    await expect(history.getByRole('row').filter({ hasText: 'src/ai.js' })).toContainText(repo.commits.merge.slice(0, 7))
    await expect(panel.getByTestId('secrets-tree').getByRole('row').filter({ hasText: 'notes.txt' })).toContainText('Postmark')
    await expect(panel.getByTestId('secrets-env-file')).toContainText('.env')
    await expect(panel.getByTestId('secrets-build')).toContainText('dist/assets/app.js')
    await expect(panel.getByTestId('secrets-read')).toContainText(/Read \d+ files and \d+ commits/)
    const html = await page.content()
    for (const v of Object.values(repo.values)) expect(html.includes(v.value), v.name).toBe(false)

    // The fix opens in place.
    await deleted.getByRole('button', { name: 'How to fix' }).click()
    await expect(panel.getByText(/Rewriting history does not help once the commit was pushed/)).toBeVisible()

    // Not a secret: a reason is required; then the value is no longer reported.
    const postmark = panel.getByTestId('secrets-tree').getByRole('row').filter({ hasText: 'notes.txt' })
    await postmark.getByRole('button', { name: 'Not a secret…' }).click()
    await panel.getByRole('button', { name: 'Stop reporting it' }).click()
    await expect(panel.getByRole('alert').filter({ hasText: 'Say why this is not a secret' })).toBeVisible()
    await panel.getByLabel(/Why is .* not a secret\?/).fill('A sandbox token from the provider’s docs')
    await panel.getByRole('button', { name: 'Stop reporting it' }).click()
    await expect(panel.getByText(/Not reported: marked as not a secret \(1\)/)).toBeVisible()
    await panel.getByRole('button', { name: 'Check again' }).first().click()
    await expect(page.getByRole('status').filter({ hasText: 'Checks finished' }).first()).toBeVisible({ timeout: 60_000 })
    await expect(panel.getByTestId('secrets-tree').getByRole('row').filter({ hasText: 'notes.txt' })).toHaveCount(0)

    // Stage 1 says it beside the risk report.
    await page.getByRole('button', { name: /^Stage 1:/ }).click()
    await expect(page.getByTestId('secrets-summary')).toContainText(/Found \d+ live secrets/)
    expect(app.errors).toEqual([])
  } finally {
    rmSync(repo.dir, { recursive: true, force: true })
  }
})
