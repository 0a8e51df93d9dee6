/// <reference lib="dom" />
import { expect, test } from './fixtures'

type Status = { available: boolean; reason?: string; backend: string }

test('credentials: add, replace, reveal on request, delete, in the real OS keychain', async ({ app, page }) => {
  const status = await app.call<Status>('vault.status')
  expect(status, 'the test run provides a Secret Service (scripts/with-keyring.sh)').toMatchObject({ available: true })
  await app.open()
  await page.getByRole('button', { name: 'Credentials' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Credentials' })).toBeVisible()

  const name = `e2e token ${Date.now().toString(36)}`
  const secret = 'sk_live_51Hx9e2eSECRETvalue3f9a'
  try {
    // A bad name is explained and nothing typed is lost.
    await page.getByLabel('Name', { exact: true }).fill('bad/name')
    await page.getByLabel('Secret value').fill(secret)
    await page.getByRole('button', { name: 'Save to keychain' }).click()
    await expect(page.locator('#cred-name-error')).toHaveText('Use letters, digits, spaces and . _ - : @ only.')
    await expect(page.getByLabel('Secret value')).toHaveValue(secret)

    await page.getByLabel('Name', { exact: true }).fill(name)
    await page.getByLabel('Kind').selectOption('dns-provider-token')
    await page.getByRole('button', { name: 'Save to keychain' }).click()
    const row = page.locator(`[data-testid="credential-row"][data-name="${name}"]`)
    await expect(row).toBeVisible()
    await expect(row).toContainText('DNS provider token')
    // Only a masked value is on the page.
    await expect(row.getByTestId('masked-value')).toBeVisible()
    expect(await page.content()).not.toContain(secret)

    await row.getByRole('button', { name: `Reveal ${name}` }).click()
    await expect(row.getByTestId('revealed-value')).toHaveText(secret)
    await row.getByRole('button', { name: `Hide ${name}` }).click()
    await expect(row.getByTestId('revealed-value')).toHaveCount(0)

    // Replace.
    await row.getByRole('button', { name: `Replace ${name}` }).click()
    await expect(page.getByRole('heading', { name: `Replace “${name}”` })).toBeVisible()
    await page.getByLabel('Secret value').fill('sk_live_REPLACED_0001')
    await page.getByRole('button', { name: 'Replace in keychain' }).click()
    await row.getByRole('button', { name: `Reveal ${name}` }).click()
    await expect(row.getByTestId('revealed-value')).toHaveText('sk_live_REPLACED_0001')

    await row.getByRole('button', { name: `Delete ${name}` }).click()
    await page.getByRole('button', { name: `Yes, delete ${name}` }).click()
    await expect(row).toHaveCount(0)
    expect((await app.call<{ name: string }[]>('vault.list')).some((c) => c.name === name)).toBe(false)
  } finally {
    await app.callRaw('vault.delete', { name })
  }
  expect(app.errors).toEqual([])
})

test.describe('without a keychain', () => {
  test.use({ keychain: 'unavailable' })
  test('the credentials screen says plainly that nothing can be stored, and offers no field to type a secret into', async ({ app, page }) => {
    const status = await app.call<Status>('vault.status')
    expect(status.available).toBe(false)
    await app.open()
    await page.getByRole('button', { name: 'Credentials' }).click()
    const banner = page.getByTestId('keychain-unavailable')
    await expect(banner).toBeVisible()
    await expect(banner).toContainText('The keychain is not available')
    await expect(banner).toContainText(status.reason!)
    await expect(banner).toContainText('Nothing is stored anywhere else')
    await expect(page.getByLabel('Secret value')).toHaveCount(0)
    const set = await app.callRaw('vault.set', { name: 'x', kind: 'api-token', value: 'CANARY-unavailable-1234' })
    expect(set).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } })
  })
})
