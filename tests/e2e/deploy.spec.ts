/// <reference lib="dom" />
/**
 * Stage 4's deploy panel: the inventory from the code and a pasted host
 * export (values dropped, said so), owners filled in place and saved, the
 * smoke test against the loopback site with the live version, the deploy
 * notes, and the CI workflow shown and saved; Stage 6 offers the workflow too.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, useLoopbackSite } from './fixtures'
import { commit, newRepo, write } from '../fixtures/secrets/repo'

const { site } = useLoopbackSite()

test('inventory, smoke test, rollback notes and the CI workflow', async ({ app, page }) => {
  const repo = newRepo('lr-e2e-env-')
  try {
    write(repo, '.env.example', '# Postgres connection\nDATABASE_URL=\nSENTRY_DSN=\n')
    write(repo, 'src/db.ts', 'export const url = process.env.DATABASE_URL\nexport const dsn = process.env.SENTRY_DSN\n')
    commit(repo, 'app')
    const p = await app.call<{ id: string }>('projects.create', { name: 'Good Co', vertical: 'b2b', domain: 'good.test', dnsServer: site().dns.server, caFile: site().caFile })
    await app.call('projects.update', { id: p.id, patch: { repoPath: repo } })
    await app.open()
    await page.getByRole('button', { name: 'Good Co', exact: true }).click()
    await page.getByRole('button', { name: /^Stage 4:/ }).click()
    const panel = page.getByTestId('deploy-panel-4')
    const inv = panel.getByTestId('env-inventory')
    await expect(inv.locator('[data-var="DATABASE_URL"]')).toBeVisible()

    // A pasted export: names kept, values dropped, and said so.
    await inv.getByRole('button', { name: 'Paste the names' }).click()
    await inv.getByLabel(/What your host’s CLI printed/).fill('DATABASE_URL=postgres://u:very-secret@db/app\n')
    await inv.getByRole('button', { name: 'Keep the names' }).click()
    await expect(inv.getByRole('status')).toContainText('1 value was in it and was dropped')
    await expect(inv.locator('[data-var="SENTRY_DSN"]')).toContainText('✗ missing')
    await expect(inv.locator('[data-var="DATABASE_URL"]')).toContainText('✓ set')

    await inv.getByLabel('Owner of DATABASE_URL').fill('Dana Founder')
    await inv.getByLabel('Stored in of DATABASE_URL').fill('Vercel env')
    await expect.poll(async () => (await app.call<{ envInventory: { variables: { name: string; owner: string }[]; environments: { names: string[] }[] } }>('projects.get', { id: p.id })).envInventory.variables.find((v) => v.name === 'DATABASE_URL')?.owner).toBe('Dana Founder')
    const saved = await app.call<{ envInventory: unknown }>('projects.get', { id: p.id })
    expect(JSON.stringify(saved)).not.toContain('very-secret')
    await inv.getByRole('button', { name: 'Check the inventory' }).click()
    await expect(inv.getByText('Production lacks 1 variable the app reads')).toBeVisible()

    // The smoke test with the version just deployed.
    const smoke = panel.getByTestId('smoke')
    await smoke.getByLabel(/The release just deployed/).fill('1.4.2')
    await smoke.getByRole('button', { name: 'Run smoke test' }).click()
    await expect(smoke.getByRole('status')).toHaveText(/All \d+ smoke checks passed\./, { timeout: 60_000 })
    await expect(smoke.getByText('1.4.2 is live')).toBeVisible()

    // Deploy notes are saved for the pack.
    await panel.getByLabel('Rollback steps').fill('Promote the previous deployment in the host.')
    await expect.poll(async () => (await app.call<{ handover: { rollbackSteps: string } }>('projects.get', { id: p.id })).handover.rollbackSteps).toContain('Promote the previous')

    // The workflow.
    const wf = panel.getByTestId('workflow')
    await wf.getByRole('button', { name: 'Show the file' }).click()
    await expect(wf.locator('pre')).toContainText('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1')
    const file = join(app.dataDir, 'launch-ready.yml')
    app.nextSavePath = file
    await wf.getByRole('button', { name: 'Save the file…' }).click()
    await expect(wf.getByRole('status')).toContainText(`Saved ${file}`)
    expect(readFileSync(file, 'utf8')).toContain('DOMAIN: good.test')

    await page.getByRole('button', { name: /^Stage 6:/ }).click()
    await expect(page.getByTestId('deploy-panel-6').getByTestId('workflow')).toBeVisible()
    expect(app.errors).toEqual([])
  } finally {
    rmSync(repo, { recursive: true, force: true })
  }
})
