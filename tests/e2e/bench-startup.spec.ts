/// <reference lib="dom" />
import { expect, sampleDraft, test } from './fixtures'

/**
 * Benchmark, not a timed test: prints the median of 5 measurements of the
 * time from page load (navigation start) to an interactive wizard (the stage
 * screen rendered with its checklist enabled and the ready marker set).
 * Run with `npm run bench:startup`.
 */
test('@bench time from page load to an interactive wizard', async ({ app, page }) => {
  await app.call('projects.create', sampleDraft)
  await app.open()
  await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Quick audit' })).toBeVisible()

  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    await page.reload({ waitUntil: 'commit' })
    const handle = await page.waitForFunction(
      () => {
        const ready = document.body?.dataset.ready === 'true'
        const box = document.querySelector<HTMLInputElement>('.wizard-main .checklist input[type="checkbox"]')
        return ready && box && !box.disabled ? performance.now() : false
      },
      undefined,
      { polling: 'raf' },
    )
    samples.push(Number(await handle.jsonValue()))
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const median = sorted[2]!
  const line = `startup: page load -> interactive wizard, median of 5 = ${median.toFixed(0)} ms (runs: ${samples.map((s) => s.toFixed(0)).join(', ')} ms)`
  console.log(line)
  test.info().annotations.push({ type: 'bench', description: line })
  expect(samples).toHaveLength(5)
})
