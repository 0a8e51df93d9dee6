/// <reference lib="dom" />
import { STAGES } from '../../src/shared/roadmap'
import { expect, sampleDraft, test } from './fixtures'

test('a stage can be completed with the keyboard only', async ({ app, page }) => {
  const project = await app.call<{ id: string }>('projects.create', sampleDraft)
  await app.open()

  // Reach the project from the list with Tab and Enter.
  const openButton = page.getByRole('button', { name: 'Acme Booking', exact: true })
  for (let i = 0; i < 30 && !(await openButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(openButton).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Quick audit' })).toBeFocused()

  // Tab through the stage and tick every checklist item with Space.
  const total = STAGES[0]!.items.length
  let ticked = 0
  for (let presses = 0; presses < 400 && ticked < total; presses++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null
      return el?.type === 'checkbox' && el.id.startsWith('cb-s1.') ? { checked: el.checked } : null
    })
    if (focused && !focused.checked) {
      await page.keyboard.press('Space')
      ticked++
    }
  }
  await expect(page.getByTestId('stage-status')).toHaveText('✓ Every item confirmed')
  await expect(page.getByRole('button', { name: /^Stage 1: Quick audit, 8 of 8 done, complete/ })).toBeVisible()

  // Shortcut to the next stage, then the "?" overlay opens and Escape closes it.
  await page.keyboard.press(']')
  await expect(page.getByRole('heading', { level: 1, name: 'Domain, DNS and email' })).toBeFocused()
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)

  await expect
    .poll(async () => {
      const p = await app.call<{ checklist: Record<string, { done: boolean }> }>('projects.get', { id: project.id })
      return STAGES[0]!.items.filter((i) => p.checklist[i.id]?.done).length
    })
    .toBe(total)
  expect(app.errors).toEqual([])
})
