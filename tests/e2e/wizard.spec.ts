/// <reference lib="dom" />
import { STAGES } from '../../src/shared/roadmap'
import { expect, sampleDraft, test } from './fixtures'

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

test.describe('the wizard', () => {
  test('walks all seven stages with goal, why for the vertical, checklist, deliverable and warning signs', async ({ app, page }) => {
    const project = await app.call<{ id: string }>('projects.create', sampleDraft)
    await app.open()
    await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()

    for (const stage of STAGES) {
      await expect(page.getByRole('heading', { level: 1, name: stage.title })).toBeVisible()
      await expect(page.getByText(`Acme Booking (acme.com) · Stage ${stage.number} of 7`)).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Why it matters for a coach or consultant business' })).toBeVisible()
      await expect(page.locator('.checklist > li')).toHaveCount(stage.items.length)
      await expect(page.getByRole('heading', { name: 'What you will have at the end' })).toBeVisible()
      await expect(page.locator('.signals > li')).toHaveCount(stage.failureSignals.length)
      await expect(page.getByRole('button', { name: new RegExp(`^Stage ${stage.number}: .*current`) }).or(page.locator('.stage-nav [aria-current="step"]'))).toContainText(stage.title)
      if (stage.number < 7) await page.getByRole('button', { name: /^Next: / }).click()
    }
    await expect(page.getByRole('button', { name: 'Finish and return to projects' })).toBeVisible()

    // Back goes one stage back.
    await page.getByRole('button', { name: /^← Back: / }).click()
    await expect(page.getByRole('heading', { level: 1, name: STAGES[5]!.title })).toBeVisible()

    // A glossary term explains itself on focus.
    const term = page.locator('.term', { hasText: 'p95' }).first()
    await page.getByRole('button', { name: /^Stage 5:/ }).click()
    await term.focus()
    await expect(page.locator(`#${await term.getAttribute('aria-describedby')}`.replace(/:/g, '\\:'))).toBeVisible()
    await expect(term).toHaveAccessibleDescription(/95th percentile/)

    const saved = await app.call<{ wizard: { stage: number } }>('projects.get', { id: project.id })
    await expect.poll(async () => (await app.call<{ wizard: { stage: number } }>('projects.get', { id: project.id })).wizard.stage).toBe(5)
    expect(saved).toBeTruthy()
    expect(app.errors).toEqual([])
  })

  test('ticks, notes and evidence autosave and survive a restart; the app resumes on the same stage and item', async ({ app, page }) => {
    const project = await app.call<{ id: string }>('projects.create', sampleDraft)
    await app.open()
    await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()
    await page.getByRole('button', { name: /^Stage 2:/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Domain, DNS and email' })).toBeVisible()

    await page.getByRole('checkbox', { name: /One address is the canonical one/ }).check()
    await page.getByRole('checkbox', { name: /DKIM signing is switched on/ }).check()
    await expect(page.getByTestId('stage-status')).toHaveText('○ 8 of 10 left to confirm')

    const spf = page.locator('[data-item="s2.spf"]')
    await spf.getByText('Note and evidence').click()
    await spf.getByLabel('Note').fill('SPF checked in Cloudflare: include:_spf.google.com ~all')
    await spf.getByLabel('Add a link').fill('ftp://example.com/x')
    await spf.getByRole('button', { name: 'Add link' }).click()
    await expect(spf.getByText('Only http:// and https:// links can be attached.')).toBeVisible()
    await expect(spf.getByLabel('Add a link')).toHaveValue('ftp://example.com/x')
    await spf.getByLabel('Add a link').fill('https://dash.cloudflare.com/dns')
    await spf.getByRole('button', { name: 'Add link' }).click()
    await spf.getByLabel('Attach a screenshot').setInputFiles({ name: 'spf.png', mimeType: 'image/png', buffer: PNG })
    await expect(spf.getByRole('img', { name: 'Evidence: spf.png' })).toBeVisible()
    await spf.getByLabel('Note').focus()

    await expect(page.locator('[data-save]')).toHaveText('✓ All changes saved')
    const stored = await app.call<{ checklist: Record<string, { done: boolean; note: string; evidence: unknown[] }>; wizard: { stage: number; item?: string } }>('projects.get', { id: project.id })
    expect(stored.checklist['s2.canonical']?.done).toBe(true)
    expect(stored.checklist['s2.spf']).toMatchObject({ done: false, note: 'SPF checked in Cloudflare: include:_spf.google.com ~all' })
    expect(stored.checklist['s2.spf']?.evidence).toEqual([
      { kind: 'link', url: 'https://dash.cloudflare.com/dns' },
      expect.objectContaining({ kind: 'image', name: 'spf.png', mime: 'image/png' }),
    ])
    expect(stored.wizard).toEqual({ stage: 2, item: 's2.spf' })

    // Quit and start again on the same data dir.
    await app.restart()
    await expect(page.getByRole('heading', { level: 1, name: 'Domain, DNS and email' })).toBeVisible()
    await expect(page.getByRole('checkbox', { name: /One address is the canonical one/ })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: /DKIM signing is switched on/ })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: /SPF lists every service/ })).toBeFocused()
    await expect(page.getByRole('button', { name: /^Stage 2: Domain, DNS and email, 2 of 10 done/ })).toBeVisible()
    await spf.getByText('Note and evidence (3)').click()
    await expect(spf.getByLabel('Note')).toHaveValue('SPF checked in Cloudflare: include:_spf.google.com ~all')
    await expect(spf.getByRole('img', { name: 'Evidence: spf.png' })).toBeVisible()
    await expect(page.getByRole('progressbar', { name: 'Overall' })).toHaveAttribute('aria-valuenow', '2')
    expect(app.errors).toEqual([])
  })

  test('a change typed right before the page goes away is still saved', async ({ app, page }) => {
    const project = await app.call<{ id: string }>('projects.create', sampleDraft)
    await app.open()
    await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()
    const item = page.locator('[data-item="s1.domain-live"]')
    await item.getByText('Note and evidence').click()
    await item.getByLabel('Note').fill('Points at Vercel')
    // Reload immediately: the page-hide flush sends the pending edit.
    await app.reload()
    await expect
      .poll(async () => (await app.call<{ checklist: Record<string, { note: string }> }>('projects.get', { id: project.id })).checklist['s1.domain-live']?.note)
      .toBe('Points at Vercel')
  })

  test('from the top of Stage 1, one click (or Enter) reaches the launch risk report', async ({ app, page }) => {
    await app.call('projects.create', sampleDraft)
    await app.open()
    await page.getByRole('button', { name: 'Acme Booking', exact: true }).click()
    const jump = page.getByRole('button', { name: 'Run the checks and see the launch risk report ↓' })
    await jump.focus()
    await page.keyboard.press('Enter')
    const panel = page.locator('#panel-audit')
    await expect(panel).toBeFocused()
    await expect(panel.getByRole('heading', { name: 'Launch risk report' })).toBeInViewport()
  })
})
