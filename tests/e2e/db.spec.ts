/// <reference lib="dom" />
/**
 * The Database panel against a real PostgreSQL: a URL in the OS keychain,
 * a wrong one refused in plain words, the connection tested and saved, the
 * advisor run with its progress, the top three bottlenecks and a statement to
 * copy; Stage 1's risk report then counts the database findings.
 */
import { expect, test } from './fixtures'
import { pgAvailable, startPostgres, type PgServer } from '../fixtures/db/server'
import { ADVISOR, seed } from '../fixtures/db/seed'

let server: PgServer | undefined

test.beforeAll(async () => {
  if (!pgAvailable() && process.env.CI !== 'true') return
  server = await startPostgres()
  await seed(server, { posts: 20_000, calls: 110 })
})
test.afterAll(async () => {
  await server?.close()
})

test('connects read-only, runs the advisor and shows the statements to run', async ({ app, page }) => {
  test.skip(!server, 'PostgreSQL is not installed here (scripts/setup-system.sh installs it)')
  await app.call('projects.create', { name: 'Acme DB', vertical: 'community', domain: 'acme.test' })
  await app.call('vault.set', { name: 'wrong db', kind: 'database-url', value: server!.url({ user: ADVISOR.user, password: 'nope' }) })
  await app.call('vault.set', { name: 'prod db', kind: 'database-url', value: server!.url(ADVISOR) })
  await app.open()
  await page.getByRole('button', { name: 'Acme DB', exact: true }).click()
  await page.getByRole('button', { name: /^Stage 5:/ }).click()
  const panel = page.getByTestId('db-panel')
  const select = panel.getByLabel('Connection URL (a credential in your keychain)')

  await select.selectOption('wrong db')
  await panel.getByRole('button', { name: 'Test and save the connection' }).click()
  await expect(panel.getByRole('alert')).toContainText('refused the user name or password')

  await select.selectOption('prod db')
  await panel.getByRole('button', { name: 'Test and save the connection' }).click()
  await expect(panel.getByTestId('db-server')).toContainText('PostgreSQL 15')
  await expect(panel.getByTestId('db-server')).toContainText('Query statistics: on')

  await panel.getByRole('button', { name: 'Run the database checks' }).click()
  await expect(panel.getByRole('status')).toHaveText('Database checks finished.', { timeout: 60_000 })
  await expect(panel.getByTestId('db-top').getByRole('listitem')).toHaveCount(3)
  await expect(panel.getByText('CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_org_id_created_at_idx ON public.posts (org_id, created_at DESC);').first()).toBeVisible()
  await expect(panel.getByText(/has no primary key/).first()).toBeVisible()
  // The URL (and its password) never reaches the page.
  expect((await page.content()).includes(ADVISOR.password)).toBe(false)

  // Stage 1's report counts them.
  await page.getByRole('button', { name: /^Stage 1:/ }).click()
  await expect(page.getByTestId('audit-panel-1')).toContainText(/needs an index on \(org_id, created_at DESC\)/)
  expect(app.errors).toEqual([])
})
