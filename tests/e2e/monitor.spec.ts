/// <reference lib="dom" />
/**
 * Stage 6: start the watch (it runs in main), see the four numbers fill in,
 * add a webhook channel whose URL is a keychain credential, send a test alert
 * to a real receiver, and the coverage checks pass.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, useLoopbackSite } from './fixtures'

const { site } = useLoopbackSite()

test('the uptime watch, the four numbers and a test alert that arrives', async ({ app, page }) => {
  const got: string[] = []
  const receiver = http.createServer((req, res) => {
    let b = ''
    req.on('data', (c) => (b += c))
    req.on('end', () => {
      got.push(b)
      res.end('ok')
    })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  try {
    const port = (receiver.address() as AddressInfo).port
    await app.call('vault.set', { name: 'ops hook', kind: 'other', value: `http://127.0.0.1:${port}/hook` })
    await app.call('projects.create', { name: 'Good Co', vertical: 'b2b', domain: 'good.test', dnsServer: site().dns.server, caFile: site().caFile })
    await app.open()
    await page.getByRole('button', { name: 'Good Co', exact: true }).click()
    await page.getByRole('button', { name: /^Stage 6:/ }).click()
    const panel = page.getByTestId('monitor-panel')
    await expect(panel.getByLabel(/Watched URLs, one per line \(suggested/)).toHaveValue(/https:\/\/www\.good\.test\/health/)
    await panel.getByRole('button', { name: 'Start watching' }).click()
    await expect(panel.getByRole('button', { name: 'Stop watching' })).toBeVisible()
    await panel.getByRole('button', { name: 'Check now' }).click()
    await expect(panel.getByTestId('four-numbers')).toContainText('100.0%', { timeout: 30_000 })
    await expect(panel.getByText(/certificate: \d+ days left/).first()).toBeVisible()

    const ch = panel.getByTestId('alert-channels')
    await ch.getByLabel('Kind').selectOption('webhook')
    await ch.getByLabel('Name').fill('ops hook')
    await ch.getByLabel(/Keychain credential holding the webhook URL/).fill('ops hook')
    await ch.getByRole('button', { name: 'Add the channel' }).click()
    await ch.locator('[data-channel="ops hook"]').getByRole('button', { name: 'Send a test alert' }).click()
    await expect(ch.locator('[data-channel="ops hook"]')).toContainText('Delivered.')
    expect(JSON.parse(got[0]!)).toMatchObject({ source: 'launch-ready', kind: 'test', title: 'Test alert from Launch Ready for good.test' })
    const cov = await app.call<{ checkId: string; status: string }[]>('monitor.coverage', { projectId: (await app.call<{ id: string }[]>('projects.list'))[0]!.id })
    expect(cov.map((f) => `${f.checkId}:${f.status}`)).toEqual(['monitor.uptime:pass', 'monitor.alerts:pass'])
    await panel.getByRole('button', { name: 'Stop watching' }).click()
    expect(app.errors).toEqual([])
  } finally {
    await new Promise((r) => receiver.close(r))
  }
})
