/// <reference lib="dom" />
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, sampleDraft, test } from './fixtures'

test.describe('several projects', () => {
  test('search, rename, duplicate, delete with undo, export', async ({ app, page }) => {
    await app.call('projects.create', sampleDraft)
    await app.call('projects.create', { ...sampleDraft, name: 'Globex Shop', vertical: 'ecommerce', domain: 'globex.io' })
    await app.open()
    const rows = page.getByTestId('project-row')
    await expect(rows).toHaveCount(2)

    await page.getByLabel('Search projects').fill('globex')
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('globex.io · Founder-led ecommerce')
    await page.getByLabel('Search projects').fill('nothing like this')
    await expect(page.getByText('No project matches “nothing like this”.')).toBeVisible()
    await page.getByLabel('Search projects').fill('')

    const acme = rows.filter({ hasText: 'acme.com' })
    await acme.getByRole('button', { name: 'Rename' }).click()
    await page.getByLabel('New name for Acme Booking').fill('   ')
    await page.getByRole('button', { name: 'Save name' }).click()
    await expect(page.getByText('The name cannot be empty.')).toBeVisible()
    await page.getByLabel('New name for Acme Booking').fill('Acme Sessions')
    await page.getByRole('button', { name: 'Save name' }).click()
    await expect(page.getByRole('button', { name: 'Acme Sessions', exact: true })).toBeVisible()

    await rows.filter({ hasText: 'acme.com' }).getByRole('button', { name: 'Duplicate' }).click()
    await expect(rows).toHaveCount(3)

    const globex = rows.filter({ hasText: 'globex.io' })
    await globex.getByRole('button', { name: 'Delete' }).click()
    await expect(rows).toHaveCount(2)
    await expect(page.getByText('Deleted “Globex Shop”.')).toBeVisible()
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(rows).toHaveCount(3)
    await expect(page.getByText('Restored “Globex Shop”.')).toBeVisible()

    const exportPath = join(app.dataDir, 'globex.launchready.json')
    app.nextSavePath = exportPath
    await rows.filter({ hasText: 'globex.io' }).getByRole('button', { name: 'Export…' }).click()
    await expect(page.getByText(`Exported to ${exportPath}`)).toBeVisible()
    const file = JSON.parse(readFileSync(exportPath, 'utf8'))
    expect(file).toMatchObject({ format: 'launch-ready/project', version: 1, project: { name: 'Globex Shop', domain: 'globex.io' } })
    expect(app.errors).toEqual([])
  })

  test('importing a bad file shows exactly what is wrong and changes nothing', async ({ app, page }) => {
    const existing = await app.call<{ id: string }>('projects.create', sampleDraft)
    await app.open()
    const before = await app.call('projects.list')

    // A file that is JSON but not a valid project: wrong version, a bad vertical, no domain.
    const bad = join(app.dataDir, 'broken.launchready.json')
    writeFileSync(
      bad,
      JSON.stringify({ format: 'launch-ready/project', version: 7, exportedAt: 'now', project: { id: 'x', name: 'Broken', vertical: 'casino' } }),
    )
    app.nextOpenPath = bad
    const expected = await app.callRaw('projects.import')
    expect(expected.ok).toBe(false)
    if (expected.ok) return

    await page.getByRole('button', { name: 'Import…' }).click()
    const alert = page.getByTestId('import-error')
    await expect(alert).toBeVisible()
    await expect(alert.getByRole('heading')).toHaveText('⚠ That file was not imported')
    await expect(alert.locator('p').first()).toHaveText(expected.error.message)
    for (const issue of (expected.error.issues ?? []).slice(0, 12)) {
      await expect(alert.getByText(issue.message).first()).toBeVisible()
    }
    await expect(alert).toContainText('Nothing was changed.')
    expect(await app.call('projects.list')).toEqual(before)
    await expect(page.getByTestId('project-row')).toHaveCount(1)

    // Not JSON at all.
    writeFileSync(bad, '{"format": "launch-ready/proj')
    const notJson = await app.callRaw('projects.import')
    expect(notJson.ok).toBe(false)
    await page.getByRole('button', { name: 'Import…' }).click()
    if (!notJson.ok) await expect(alert.locator('p').first()).toHaveText(notJson.error.message)
    expect(await app.call('projects.list')).toEqual(before)

    // A good file (an export of the existing project) imports.
    const good = join(app.dataDir, 'good.launchready.json')
    app.nextSavePath = good
    await app.call('projects.export', { id: existing.id })
    app.nextOpenPath = good
    await page.getByRole('button', { name: 'Import…' }).click()
    await expect(page.getByTestId('import-error')).toHaveCount(0)
    await expect(page.getByTestId('project-row')).toHaveCount(2)
  })
})
