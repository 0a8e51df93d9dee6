/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { expect, expectNoSeriousA11yViolations, sampleDraft, test } from './fixtures'

test.describe('Stage 7: the handover pack', () => {
  test('edits autosave with a completeness view, the preview follows, and the pack exports as PDF, Markdown and JSON', async ({ app, page }) => {
    const project = await app.call<{ id: string }>('projects.create', { ...sampleDraft, contacts: [{ id: 'c1', name: 'Dana', role: 'Founder', email: 'dana@acme.com', phone: '' }] })
    await app.open()
    await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()
    await page.getByRole('button', { name: /^Stage 7:/ }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Handover pack' })).toBeVisible()

    const owners = page.locator('[data-part="owners"]')
    await expect(owners).toContainText('0 of 7 dependencies have an owner')
    await expect(owners).toContainText('! To do')
    // The provider the interview recorded is prefilled.
    await expect(page.getByRole('group', { name: /^DNS/ }).getByLabel('Provider')).toHaveValue('Cloudflare')

    for (const dep of ['Domain registrar', 'DNS', 'Hosting']) await page.getByRole('group', { name: new RegExp(`^${dep}`) }).getByLabel('Owner (holds access)').fill('Dana')
    await expect(owners).toContainText('3 of 7 dependencies have an owner')

    await page.getByRole('button', { name: 'Add a variable' }).click()
    const v = page.getByRole('group', { name: 'Variable 1' })
    await v.getByLabel('Name').fill('STRIPE_SECRET_KEY')
    await v.getByLabel('Purpose').fill('Payments')
    await v.getByLabel('Owner').fill('Dana')
    await v.getByLabel('Where it is stored').fill('Vercel env')
    await expect(page.locator('[data-part="envVars"]')).toContainText('1 of 1 variables have a purpose, owner and store')
    await expect(page.locator('[data-part="envVars"]')).toContainText('✓ Done')

    await page.getByLabel('Deploy steps').fill('1. Merge to main.\n2. Vercel deploys.')
    await page.getByRole('textbox', { name: /^Rollback/ }).fill('Promote the previous deployment.')
    await page.getByRole('button', { name: 'Add a risk' }).click()
    await page.getByLabel('Symptom (how you would notice)').fill('Emails arrive late')
    await page.getByLabel('First action').fill('Check the Postmark feed')
    await page.getByLabel('Name and company').fill('Sam, Sprint Ltd')
    await expect(page.getByText('All changes saved.')).toBeVisible()

    // Saved through projects.update like the rest of the app.
    await expect
      .poll(async () => (await app.call<{ handover: { owners: { owner: string }[]; envVars: { name: string }[]; preparedBy: string } }>('projects.get', { id: project.id })).handover)
      .toMatchObject({ envVars: [{ name: 'STRIPE_SECRET_KEY' }], preparedBy: 'Sam, Sprint Ltd' })

    // The preview lists the sections; those without content say why they are left out.
    const sections = page.getByRole('list', { name: 'Sections of the pack' })
    await expect(sections).toContainText('Known risks')
    await expect(sections).toContainText('1 risk')
    await expect(sections).toContainText('Left out: no audit has recorded DNS yet')
    await expect(page.getByText('? Not checked: run the audit first')).toBeVisible()
    await expectNoSeriousA11yViolations(page, 'Stage 7 handover')

    // Cancelled: nothing saved.
    app.nextSavePath = null
    await page.getByRole('button', { name: 'Export PDF' }).click()
    await expect(page.getByText('Export cancelled: nothing was saved.')).toBeVisible()

    const pdf = join(app.dataDir, 'acme-handover.pdf')
    app.nextSavePath = pdf
    await page.getByRole('button', { name: 'Export PDF' }).click()
    await expect(page.getByText(new RegExp(`Saved the PDF pack to ${pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ pages\\)`))).toBeVisible({ timeout: 30_000 })
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    for (const s of ['Acme Booking', 'Operations', 'STRIPE_SECRET_KEY', 'Emails arrive late', 'Sam, Sprint Ltd', 'Operating guide']) expect(text).toContain(s)

    const md = join(app.dataDir, 'acme-handover.md')
    app.nextSavePath = md
    await page.getByRole('button', { name: 'Export Markdown' }).click()
    await expect(page.getByText(`Saved the Markdown pack to ${md}.`)).toBeVisible()
    expect(readFileSync(md, 'utf8')).toContain('| Emails arrive late | Check the Postmark feed |')

    const json = join(app.dataDir, 'acme-handover.json')
    app.nextSavePath = json
    await page.getByRole('button', { name: 'Export JSON' }).click()
    await expect(page.getByText(`Saved the JSON pack to ${json}.`)).toBeVisible()
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ schema: 'launch-ready/handover', version: 1, cover: { preparedBy: 'Sam, Sprint Ltd' } })

    // An unwritable place: the reason, in words.
    app.nextSavePath = join(app.dataDir, 'no-such-folder', 'pack.md')
    await page.getByRole('button', { name: 'Export Markdown' }).click()
    await expect(page.getByRole('alert')).toContainText('The pack could not be saved there (ENOENT).')
    expect(app.errors).toEqual([])
  })
})
