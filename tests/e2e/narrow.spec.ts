/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Every screen reflows at 390 px wide with no horizontal page scroll (WCAG 1.4.10): the project list, Stage 1 with a finished run, and Stage 7. */
import { expect, test, useLoopbackSite } from './fixtures'

const { brokenDraft } = useLoopbackSite()
test.use({ viewport: { width: 390, height: 844 } })

/** The widest element sticking out of the viewport, for a useful failure message. */
const overflow = () =>
  ({
    page: document.documentElement.scrollWidth,
    widest: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      // Inside a box that scrolls sideways on its own (a wide table): fine, the page itself does not.
      .filter((el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return false
        return true
      })
      .sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)
      // The culprits: wide elements none of whose children is as wide (a table, a long word, a fixed width).
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().width >= el.getBoundingClientRect().width - 1))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${(el.textContent ?? '').slice(0, 40)} (${Math.round(el.getBoundingClientRect().width)} px)`),
  })

test('the project list, Stage 1 after a run and Stage 7 fit a 390 px window', async ({ app, page }) => {
  await app.call('projects.create', brokenDraft())
  await app.open()
  expect(await page.evaluate(overflow)).toEqual({ page: 390, widest: [] })
  await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
  const panel = page.getByTestId('audit-panel-1')
  await page.getByTestId('start-here').getByRole('button', { name: 'Run all checks' }).click()
  await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 60_000 })
  // The run's end, not the first verdict (a partial view can already give one).
  await expect(panel.getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })
  for (const d of await page.locator('details').all()) if (await d.isVisible()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true))
  expect(await page.evaluate(overflow)).toEqual({ page: 390, widest: [] })
  await page.getByRole('button', { name: /^Stage 7:/ }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Handover pack' })).toBeVisible()
  expect(await page.evaluate(overflow)).toEqual({ page: 390, widest: [] })
})
