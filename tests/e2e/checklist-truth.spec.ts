/// <reference lib="dom" />
/**
 * A tick respects its checks: each checklist item shows its covering checks'
 * latest results; ticking one whose checks fail asks for a reason (kept
 * blank: refused, with what was typed kept), and the item, the sidebar and
 * the handover pack then say "done, with N failing checks accepted".
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, useLoopbackSite } from './fixtures'

const { brokenDraft } = useLoopbackSite()

test('ticking an item whose checks fail asks why, and every count says so', async ({ app, page }) => {
  const project = await app.call<{ id: string }>('projects.create', brokenDraft())
  await app.open()
  await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
  const item = page.locator('[data-item="s1.email-auth"]')
  // Before any run, the covers say they have not run; a cover with no check behind it says so too.
  await expect(item.locator('[data-cover="email.dkim"]')).toContainText('○ Not run yet')
  // The local secret scan needs the code folder: the cover says so rather than "not run".
  await expect(page.locator('[data-cover="secrets.repo"]').first()).toContainText('Runs once you choose your code folder (Stage 4)')

  const panel = page.getByTestId('audit-panel-1')
  await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
  await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 60_000 })
  // The run's end, not the first verdict (a partial view can already give one).
  await expect(panel.getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })
  await expect(item.locator('[data-cover="email.dkim"]')).toContainText('✗ Fails')

  const box = item.getByRole('checkbox')
  await box.click()
  await expect(box).not.toBeChecked()
  const form = item.getByRole('form', { name: /although checks fail/ })
  await expect(form).toContainText('Ticking it anyway needs a reason')
  await form.getByRole('button', { name: 'Tick it with this reason' }).click()
  await expect(form.getByRole('alert')).toContainText('Say why this is done although the checks fail')
  await form.getByLabel('Why is this done anyway?').fill('Mail goes through Postmark from next week; its DKIM is set up there.')
  await form.getByRole('button', { name: 'Tick it with this reason' }).click()
  await expect(box).toBeChecked()
  const badge = item.locator('[data-tick]')
  await expect(badge).toHaveAttribute('data-tick', 'done-accepted')
  await expect(badge).toContainText(/Done, with \d+ failing checks? accepted/)
  await expect(item).toContainText('Accepted: Mail goes through Postmark from next week')
  await expect(page.getByRole('button', { name: /^Stage 1: .*with failing checks accepted/ })).toBeVisible()

  // Saved, and the pack says the same.
  await expect.poll(async () => (await app.call<{ checklist: Record<string, { acceptedFailing?: { reason: string } }> }>('projects.get', { id: project.id })).checklist['s1.email-auth']?.acceptedFailing?.reason).toContain('Postmark')
  await page.getByRole('button', { name: /^Stage 7:/ }).click()
  const md = join(app.dataDir, 'pack.md')
  app.nextSavePath = md
  await page.getByRole('button', { name: 'Export Markdown' }).click()
  await expect(page.getByText(`Saved the Markdown pack to ${md}.`)).toBeVisible()
  expect(readFileSync(md, 'utf8')).toMatch(/\| Yes, with \d+ failing checks? accepted: Mail goes through Postmark from next week; its DKIM is set up there\. \| Your sending domain has email authentication/)

  // Unticking clears the reason.
  await page.getByRole('button', { name: /^Stage 1:/ }).click()
  await item.getByRole('checkbox').uncheck()
  await expect(item.locator('[data-tick]')).toHaveAttribute('data-tick', 'todo')
  expect(app.errors).toEqual([])
})
