/// <reference lib="dom" />
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { STAGES } from '../../src/shared/roadmap'
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${theme} theme`, () => {
    test.use({ colorScheme: theme })

    test(`no serious or critical axe violations on any screen (${theme})`, async ({ app, page }) => {
      await app.open()
      // Following the system setting: the page's computed background must match the theme.
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(bg).toBe(theme === 'dark' ? 'rgb(18, 20, 24)' : 'rgb(246, 246, 243)')

      await expectNoSeriousA11yViolations(page, 'empty project list')

      // Interview, every step (with errors showing on the first).
      await page.getByRole('button', { name: 'New project' }).click()
      await page.getByRole('button', { name: 'Next: Domain' }).click()
      await expect(page.getByRole('alert')).toBeVisible()
      await expectNoSeriousA11yViolations(page, 'interview step 1 with errors')
      await page.getByLabel('Product name').fill('Acme')
      await page.getByLabel('Membership community').check()
      await page.getByRole('button', { name: 'Next: Domain' }).click()
      await page.getByLabel('Main domain').fill('bücher.de')
      await page.getByRole('button', { name: 'Add a subdomain' }).click()
      await expectNoSeriousA11yViolations(page, 'interview step 2')
      await page.getByRole('textbox', { name: 'Subdomain 1', exact: true }).fill('app')
      await page.getByRole('button', { name: 'Next: Critical flows' }).click()
      await expectNoSeriousA11yViolations(page, 'interview step 3')
      await page.getByRole('button', { name: 'Next: Providers' }).click()
      await expectNoSeriousA11yViolations(page, 'interview step 4')
      await page.getByRole('button', { name: 'Next: Contacts' }).click()
      await page.getByRole('button', { name: 'Add a contact' }).click()
      await expectNoSeriousA11yViolations(page, 'interview step 5')
      await page.getByRole('button', { name: 'Back', exact: true }).click()
      await page.getByRole('button', { name: 'Next: Contacts' }).click()
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Dana')
      await page.getByRole('textbox', { name: 'Email', exact: true }).fill('dana@example.com')
      await page.getByRole('button', { name: 'Create project' }).click()

      // Every stage, with one item's note and evidence open.
      for (const stage of STAGES) {
        await expect(page.getByRole('heading', { level: 1, name: stage.title })).toBeVisible()
        if (stage.number === 1) {
          await page.locator('[data-item="s1.domain-live"]').getByText('Note and evidence').click()
          await page.getByRole('checkbox').first().check()
        }
        await expectNoSeriousA11yViolations(page, `stage ${stage.number}`)
        if (stage.number < 7) await page.getByRole('button', { name: /^Next: / }).click()
      }

      // Shortcuts overlay.
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click()
      await expect(page.getByRole('dialog')).toBeVisible()
      await expectNoSeriousA11yViolations(page, 'shortcuts overlay')
      await page.keyboard.press('Escape')

      // Credentials (whichever state the keychain is in).
      await page.getByRole('button', { name: 'Credentials' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Credentials' })).toBeVisible()
      await expect(page.getByText('Checking the keychain…')).toHaveCount(0)
      await expectNoSeriousA11yViolations(page, 'credentials')

      // Project list with a project, and a bad import showing.
      await page.getByRole('button', { name: 'Projects' }).click()
      await expect(page.getByTestId('project-row')).toHaveCount(1)
      await expectNoSeriousA11yViolations(page, 'project list')
      const bad = join(app.dataDir, `bad-${theme}.launchready.json`)
      writeFileSync(bad, '{"format": 1}')
      app.nextOpenPath = bad
      await page.getByRole('button', { name: 'Import…' }).click()
      await expect(page.getByTestId('import-error')).toBeVisible()
      await expectNoSeriousA11yViolations(page, 'project list with an import error')
      expect(app.errors).toEqual([])
    })
  })
}

test('the theme toggle switches light and dark regardless of the system setting', async ({ app, page }) => {
  await app.open()
  const toggle = page.getByRole('button', { name: /^Theme:/ })
  await expect(toggle).toHaveText('Theme: follows system')
  await toggle.click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await toggle.click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 24)')
  await expectNoSeriousA11yViolations(page, 'list, dark by choice')
  await app.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.keyboard.press('t')
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
})
