/// <reference lib="dom" />
/**
 * The Stage 2 email panel through the real handlers, with the project's DNS
 * server pointing at the loopback fixture: the records and their status, the
 * SPF lookup tree with the record that goes past 10 marked in words, the
 * records to publish with copy buttons, adding a DKIM selector, the hand test,
 * and DNS that does not answer (never shown as a pass).
 */
import { expect, expectNoSeriousA11yViolations, test } from './fixtures'
import { startDnsServer, type DnsServer, type Zone } from '../fixtures/dns/server'
import { D, goodZone, txtRecord, withApexTxt, withRecords } from '../fixtures/email/zones'

let dns: DnsServer
const heavy = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`inc${i}.test`, [txtRecord(`v=spf1 include:a${i}.test ~all`)]]).concat(Array.from({ length: 5 }, (_, i) => [`a${i}.test`, [txtRecord(`v=spf1 ip4:198.51.100.${i} ~all`)]])))
/** SPF over the limit (11 lookups), no DMARC, DKIM under a selector only the founder knows. */
function brokenZone(): Zone {
  const z = withApexTxt(goodZone(), `v=spf1 include:_spf.google.com ${Object.keys(heavy).filter((n) => n.startsWith('inc')).map((n) => `include:${n}`).join(' ')} -all`)
  const key = z.records[`google._domainkey.${D}`]!
  return withRecords(z, { ...heavy, [`_dmarc.${D}`]: null, [`_mta-sts.${D}`]: null, [`google._domainkey.${D}`]: null, [`mykey._domainkey.${D}`]: key })
}

test.beforeAll(async () => {
  dns = await startDnsServer(brokenZone())
})
test.afterAll(async () => {
  await dns?.close()
})
test.afterEach(() => dns.setZone(brokenZone()))

const draft = () => ({ name: 'Acme Mail', vertical: 'community' as const, domain: D, emailProviders: ['google-workspace', 'mailgun'], dnsProvider: 'Cloudflare', dnsServer: dns.server })

test('checks email, shows the records and the SPF tree, gives records to paste, adds a selector and records the hand test', async ({ app, page }) => {
  const project = await app.call<{ id: string }>('projects.create', draft())
  await app.open()
  await page.getByRole('button', { name: 'Acme Mail', exact: true }).click()
  await page.getByRole('button', { name: /^Stage 2:/ }).click()
  const panel = page.locator('section.email-panel')
  await expect(panel.getByRole('heading', { level: 2, name: /Email that lands/ })).toBeVisible()
  await expect(panel).toContainText('Nothing checked yet')
  await panel.getByRole('button', { name: 'Check email now' }).click()
  await expect(panel.locator('.email-live')).toContainText(/Email checks done: \d+ need/)

  // Records: status in words, not colour alone.
  const spfRow = panel.locator('tr[data-record="spf"]')
  await expect(spfRow).toContainText('include:inc4.test')
  await expect(spfRow.locator('.status-badge')).toHaveText('✗ Fail')
  await expect(panel.locator('tr[data-record="dmarc"] .status-badge')).toHaveText('✗ Fail')
  await expect(panel.locator('tr[data-record="mta-sts"]')).toContainText('none (optional)')

  // The tree: every include with its own count; the one that goes past 10 says so in words.
  const tree = panel.locator('.spf-tree')
  await expect(tree).toContainText('Your SPF record needs 11 DNS lookups')
  const over = tree.locator('.spf-node.over')
  await expect(over).toHaveCount(1)
  // Worst-case order: google (1), then inc0 (2) and its a0 (3) … inc4 (10), whose include of a4.test is lookup 11.
  await expect(over).toHaveAttribute('data-domain', 'a4.test')
  await expect(tree).toContainText('The total goes past 10 at a4.test')
  await expect(over.locator('.spf-over-flag')).toHaveText('⚠ Goes past 10 lookups here (including it is lookup 11)')
  await expect(tree.locator('[data-domain="inc0.test"] .spf-node-head').first()).toContainText('1 lookup here, 1 with everything it includes')

  // Would a server pass? The result in words, with the Received-SPF header.
  const tryIt = panel.locator('.email-try')
  await tryIt.getByLabel('Server address').fill('not an address')
  await tryIt.getByRole('button', { name: 'Test' }).click()
  await expect(tryIt.getByRole('alert')).toContainText('IPv4 or IPv6')
  // Google's servers match before the limit is reached; any other server hits lookup 11.
  await tryIt.getByLabel('Server address').fill('74.125.1.1')
  await tryIt.getByRole('button', { name: 'Test' }).click()
  await expect(tryIt.locator('.email-try-result')).toHaveAttribute('data-result', 'pass')
  await expect(tryIt.locator('.email-try-result')).toContainText('✓ Pass')
  await tryIt.getByLabel('Server address').fill('192.0.2.99')
  await tryIt.getByRole('button', { name: 'Test' }).click()
  await expect(tryIt.locator('.email-try-result')).toHaveAttribute('data-result', 'permerror')
  await expect(tryIt.locator('.email-try-result')).toContainText('✗ Broken record')
  await expect(tryIt.locator('.email-try-result pre')).toContainText('Received-SPF: permerror')

  // Findings in plain words, with the exact record and a copy button.
  await expect(panel.locator('[data-check="email.dmarc.present"]')).toContainText(`Password-reset emails from ${D} are likely to land in spam`)
  await expect(panel.locator('[data-check="email.spf.authorizes"]')).toContainText('Mailgun')
  const publish = panel.locator('.email-publish')
  // Over the limit, the merged SPF record is not offered for pasting: first what to remove.
  await expect(publish.getByTestId('spf-over')).toContainText('⚠ Not ready to paste: with everything your providers need, the record would take 12 DNS lookups')
  await expect(publish.locator('.email-draft')).toHaveText(/^v=spf1 include:_spf\.google\.com include:inc0\.test .* include:mailgun\.org -all$/)
  await expect(publish.getByRole('button', { name: 'Copy the SPF record' })).toHaveCount(0)
  await expect(publish.getByRole('button', { name: 'Copy the DMARC record' })).toBeVisible()
  await expect(publish.locator('.email-value code').first()).toHaveText(`v=DMARC1; p=none; rua=mailto:dmarc-reports@${D}; adkim=r; aspf=r`)
  const mailgun = publish.locator('details.email-provider', { hasText: 'Mailgun' })
  await expect(mailgun).toHaveAttribute('open', '')
  await expect(mailgun).toContainText('include:mailgun.org (added in the record above)')
  await expect(mailgun.locator('ol li').first()).toContainText('In Mailgun go to Sending → Domains → your domain')
  await expect(publish).toContainText('Drop “include:inc0.test” if you no longer send email through it')

  // DKIM: the selectors tried are listed; a bad selector is refused, a good one is added and checked.
  await expect(panel.locator('[data-check="email.dkim"]')).toContainText('We tried')
  const sel = panel.locator('.email-selector')
  await sel.getByLabel('Add a selector').fill('has space')
  await sel.getByRole('button', { name: 'Add and check again' }).click()
  await expect(sel.getByRole('alert')).toContainText('letters, digits')
  await sel.getByLabel('Add a selector').fill('mykey')
  await sel.getByRole('button', { name: 'Add and check again' }).click()
  await expect(panel.locator('tr[data-record="dkim-mykey"] .status-badge')).toHaveText('✓ Pass')
  await expect(sel).toContainText('We tried')
  await expect(sel.locator('.mono')).toContainText('mykey')

  await expectNoSeriousA11yViolations(page, 'email panel with results')

  // The hand test: nothing tested is refused; a pasted header is read; the outcome is recorded.
  const hand = panel.locator('.email-handtest')
  await hand.getByRole('button', { name: 'Record the result' }).click()
  await expect(hand.getByRole('alert')).toContainText('Record at least one mailbox')
  const gmail = hand.getByRole('group', { name: 'Gmail' })
  await gmail.getByLabel('Where did it land?').selectOption('inbox')
  await gmail.getByRole('textbox').fill(`Authentication-Results: mx.google.com;\n  dkim=pass header.i=@${D};\n  spf=pass smtp.mailfrom=${D};\n  dmarc=pass header.from=${D}`)
  await expect(gmail).toContainText('We read: SPF pass, DKIM pass, DMARC pass.')
  const outlook = hand.getByRole('group', { name: 'Outlook' })
  await outlook.getByLabel('Where did it land?').selectOption('spam')
  await hand.getByRole('button', { name: 'Record the result' }).click()
  await expect(hand.locator('.email-outcome')).toContainText('✗ Problems')
  await expect(hand.locator('.email-outcome pre')).toContainText('Gmail: inbox; SPF pass, DKIM pass, DMARC pass')
  const saved = await app.call<{ handTests: Record<string, { outcome: string }> }>('projects.get', { id: project.id })
  expect(saved.handTests['email.deliverability']?.outcome).toBe('problems')

  // After a reload the app resumes on Stage 2; the last check and the hand test are still there.
  await app.reload()
  await expect(panel.locator('.spf-tree')).toContainText('11 DNS lookups')
  await expect(panel.locator('.email-outcome')).toContainText('Problems')

  // Fix DNS and check again: now the merged record fits and can be copied.
  dns.setZone(goodZone())
  await panel.getByRole('button', { name: 'Check email again' }).click()
  await expect(panel.locator('.spf-tree')).toContainText('Your SPF record uses 1 of 10 DNS lookups')
  await expect(panel.locator('.email-publish .email-value code').first()).toHaveText('v=spf1 include:_spf.google.com include:mailgun.org ~all')
  await expect(panel.getByRole('button', { name: 'Copy the SPF record' })).toBeVisible()
  await expect(panel.locator('.spf-node.over')).toHaveCount(0)
  expect(app.errors).toEqual([])
})

test('an audit run fills the panel as soon as it finishes', async ({ app, page }) => {
  dns.setZone(goodZone())
  const project = await app.call<{ id: string }>('projects.create', { ...draft(), emailProviders: ['google-workspace'] })
  await app.open()
  await page.getByRole('button', { name: 'Acme Mail', exact: true }).click()
  await page.getByRole('button', { name: /^Stage 2:/ }).click()
  const panel = page.locator('section.email-panel')
  await expect(panel).toContainText('Nothing checked yet')
  await app.call('runs.start', { projectId: project.id, scope: { checkIds: ['email.spf.present', 'email.spf.lookups', 'email.dkim'] } })
  await expect(panel.locator('tr[data-record="spf"] .status-badge')).toHaveText('✓ Pass', { timeout: 30_000 })
  await expect(panel.locator('.spf-tree')).toContainText('Your SPF record uses 1 of 10 DNS lookups')
})

test('DNS that does not answer shows “Could not check”, never a pass', async ({ app, page }) => {
  dns.setZone({ ...brokenZone(), faults: { [D]: 'TIMEOUT', [`_dmarc.${D}`]: 'TIMEOUT' } })
  await app.call('projects.create', draft())
  await app.open()
  await page.getByRole('button', { name: 'Acme Mail', exact: true }).click()
  await page.getByRole('button', { name: /^Stage 2:/ }).click()
  const panel = page.locator('section.email-panel')
  await panel.getByRole('button', { name: 'Check email now' }).click()
  await expect(panel.locator('.email-live')).toContainText('Email checks done', { timeout: 30_000 })
  await expect(panel.locator('tr[data-record="spf"] .status-badge')).toHaveText('? Could not check')
  await expect(panel.locator('tr[data-record="mx"] .status-badge')).toHaveText('? Could not check')
  await expect(panel.locator('[data-check="email.spf.present"]')).toContainText(/did not answer|in time/)
  for (const r of ['spf', 'mx', 'dmarc']) await expect(panel.locator(`tr[data-record="${r}"] .status-badge`)).not.toHaveText(/Pass/)
  for (const id of ['email.spf.present', 'email.spf.lookups', 'email.mx', 'email.dmarc.present']) await expect(panel.locator(`[data-check="${id}"]`)).toHaveAttribute('data-status', 'error')
  await expectNoSeriousA11yViolations(page, 'email panel when DNS fails')
})
