/// <reference lib="dom" />
/**
 * Project settings after the interview: every answer editable, checked as in
 * the interview (nothing typed is lost while it is wrong), autosaved, used by
 * the next run and shown in the pack; the DKIM card's "add it to the project"
 * hint and the pack's missing contacts link to the exact field.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, expectNoSeriousA11yViolations, test, useLoopbackSite } from './fixtures'

const { brokenDraft } = useLoopbackSite()

test('every interview answer can be changed later, is checked, saved, used by the next run and shown in the pack', async ({ app, page }) => {
  const project = await app.call<{ id: string }>('projects.create', brokenDraft())
  await app.open()
  await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
  await page.getByRole('button', { name: 'Project settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Project settings' })).toBeFocused()
  await expectNoSeriousA11yViolations(page, 'project settings')

  await page.getByLabel('Product name').fill('Broken Launch Ltd')
  // A bad domain: the specific message, nothing saved, and what was typed stays.
  const domain = page.getByLabel('Main domain')
  await domain.fill('broken..test')
  await expect(page.locator('#iv-domain-error')).toHaveText('The domain has an empty part between two dots.')
  await expect(page.getByTestId('settings-state')).toContainText('1 answer needs a fix before the changes are saved')
  await expect(domain).toHaveValue('broken..test')
  await domain.fill('broken.test')
  await expect(page.getByTestId('settings-state')).toHaveText('All answers are valid.')
  await page.locator('#iv-canonical-www').check()
  await page.getByRole('button', { name: 'Add a subdomain' }).click()
  await page.locator('#iv-sub-label-0').fill('app')
  await page.getByLabel('DKIM selectors').fill('mail2, s1')
  await page.getByRole('button', { name: 'Add a contact' }).click()
  await page.locator('#iv-contact-name-0').fill('Dana Smith')
  await page.locator('#iv-contact-email-0').fill('dana@broken.test')
  await expect(page.getByText('✓ All changes saved')).toBeVisible()
  await expect
    .poll(async () => app.call<{ name: string; canonicalHost: string; subdomains: { label: string }[]; dkimSelectors: string[]; contacts: { name: string }[] }>('projects.get', { id: project.id }))
    .toMatchObject({ name: 'Broken Launch Ltd', canonicalHost: 'www', subdomains: [{ label: 'app' }], dkimSelectors: ['mail2', 's1'], contacts: [{ name: 'Dana Smith' }] })

  // The next run uses them.
  await page.getByRole('button', { name: 'Back to the roadmap' }).click()
  const panel = page.getByTestId('audit-panel-1')
  await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
  // The run's end (not the first verdict, which a partial view can already give), then its record.
  await expect(panel.getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })
  const latest = await app.call<{ artifacts: { email?: { dkimSelectorsTried: string[] } }; findings: { checkId: string; target: string }[] }>('runs.latest', { projectId: project.id })
  expect(latest.artifacts.email?.dkimSelectorsTried.slice(0, 2)).toEqual(['mail2', 's1'])
  expect(latest.findings.some((f) => f.checkId === 'http.subdomain' && f.target === 'app.broken.test')).toBe(true)

  // The DKIM card's hint opens the settings at that field.
  await page.getByRole('button', { name: /^Stage 2:/ }).click()
  const dkimCard = page.locator('[data-check="email.dkim"]').first()
  await dkimCard.getByRole('button', { name: 'Open it in the project settings' }).first().click()
  await expect(page.getByLabel('DKIM selectors')).toBeFocused()

  // And the pack shows what was edited.
  await page.getByRole('button', { name: 'Back to the roadmap' }).click()
  await page.getByRole('button', { name: /^Stage 7:/ }).click()
  await expect(page.locator('[data-part="contacts"]')).toContainText('Edit them in the project settings')
  const md = join(app.dataDir, 'pack.md')
  app.nextSavePath = md
  await page.getByRole('button', { name: 'Export Markdown' }).click()
  await expect(page.getByText(`Saved the Markdown pack to ${md}.`)).toBeVisible()
  const text = readFileSync(md, 'utf8')
  expect(text).toContain('Broken Launch Ltd')
  expect(text).toContain('Dana Smith')
  expect(app.errors).toEqual([])
})
