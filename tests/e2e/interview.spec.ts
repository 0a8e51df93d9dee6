/// <reference lib="dom" />
import { expect, test } from './fixtures'

test.describe('the interview', () => {
  test('bad domains get specific messages, nothing typed is lost, an IDN shows Unicode and punycode', async ({ app, page }) => {
    await app.open()
    await page.getByRole('button', { name: 'New project' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Tell us about the product' })).toBeFocused()

    // Step 1: Next without answers explains what is missing.
    await page.getByRole('button', { name: 'Next: Domain' }).click()
    await expect(page.getByText('Give the product a name, for example the one on your homepage.')).toBeVisible()
    await expect(page.getByLabel('Product name')).toBeFocused()
    await page.getByLabel('Product name').fill('Bücherstube')
    await page.getByLabel('Founder-led ecommerce').check()
    await page.getByRole('button', { name: 'Next: Domain' }).click()

    const domain = page.getByLabel('Main domain')
    const next = page.getByRole('button', { name: 'Next: Critical flows' })
    const cases: [string, RegExp][] = [
      ['192.168.10.4', /That is an IP address\. Enter the domain name your customers type instead\./],
      ['[2001:db8::1]', /That is an IP address/],
      ['localhost', /“localhost” is a single word; add the ending, for example localhost\.com\./],
      ['acme..com', /The domain has an empty part between two dots\./],
      ['-acme.com', /“-acme” is not allowed in a domain/],
      ['acme.notarealtld', /“\.notarealtld” is not a known domain ending\./],
      ['my shop.com', /A domain cannot contain spaces\./],
    ]
    for (const [input, message] of cases) {
      await domain.fill(input)
      await next.click()
      await expect(page.locator('#iv-domain-error')).toHaveText(message)
      await expect(domain).toHaveAttribute('aria-invalid', 'true')
      await expect(domain).toBeFocused()
      // What was typed stays as typed.
      await expect(domain).toHaveValue(input)
    }

    // Whatever is pasted is normalised live; an international name shows both forms.
    await domain.fill('  HTTPS://WWW.Bücher.DE.:8443/shop?ref=ad  ')
    await expect(page.getByText('We will check bücher.de')).toBeVisible()
    await expect(page.locator('#iv-domain-preview')).toContainText('shown as bücher.de, looked up as xn--bcher-kva.de')
    await expect(page.locator('#iv-domain-error')).toHaveCount(0)

    // Going back keeps the earlier answers.
    await page.getByRole('button', { name: 'Back', exact: true }).click()
    await expect(page.getByLabel('Product name')).toHaveValue('Bücherstube')
    await expect(page.getByLabel('Founder-led ecommerce')).toBeChecked()
  })

  test('a complete interview creates the project with the vertical’s flows and opens stage 1', async ({ app, page }) => {
    await app.open()
    await page.getByRole('button', { name: 'New project' }).click()
    await page.getByLabel('Product name').fill('Acme Booking')
    await page.getByLabel('Coach or consultant business').check()
    await page.getByRole('button', { name: 'Next: Domain' }).click()

    await page.getByLabel('Main domain').fill('https://app.acme.com/login')
    await expect(page.getByText('We will check acme.com')).toBeVisible()
    await page.locator('#iv-canonical-apex').check()
    await page.getByRole('button', { name: 'Add a subdomain' }).click()
    await page.getByRole('textbox', { name: 'Subdomain 1', exact: true }).fill('App.')
    await page.getByRole('combobox', { name: 'What it is for', exact: true }).fill('app')
    await page.getByRole('button', { name: 'Next: Critical flows' }).click()
    await expect(page.locator('#iv-sub-label-0-error')).toContainText('cannot be a subdomain')
    await page.getByRole('textbox', { name: 'Subdomain 1', exact: true }).fill('app')
    await page.getByRole('button', { name: 'Next: Critical flows' }).click()

    // Flows are pre-filled from the vertical on the canonical host.
    await expect(page.getByRole('textbox', { name: 'Flow 1', exact: true })).toHaveValue('Sign up')
    await expect(page.getByRole('textbox', { name: 'Address of Sign up', exact: true })).toHaveValue('https://acme.com/signup')
    await expect(page.getByRole('textbox', { name: 'Address of Payment', exact: true })).toHaveValue('https://acme.com/checkout')
    await page.getByRole('textbox', { name: 'Address of Dashboard', exact: true }).fill('not a url')
    await page.getByRole('button', { name: 'Next: Providers' }).click()
    await expect(page.locator('#iv-flow-url-3-error')).toContainText('is not a web address')
    await page.getByRole('textbox', { name: 'Address of Dashboard', exact: true }).fill('https://app.acme.com/dashboard')
    await page.getByRole('button', { name: 'Next: Providers' }).click()

    await page.getByLabel('Google Workspace').check()
    await page.getByLabel('Postmark').check()
    await page.getByRole('combobox', { name: 'Hosting', exact: true }).fill('Render')
    await page.getByRole('combobox', { name: 'DNS provider', exact: true }).fill('Cloudflare')
    await page.getByRole('button', { name: 'Next: Contacts' }).click()

    await page.getByRole('button', { name: 'Add a contact' }).click()
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Dana Founder')
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('dana@')
    await page.getByRole('button', { name: 'Create project' }).click()
    await expect(page.locator('#iv-contact-email-0-error')).toContainText('does not look like an email address')
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('dana@acme.com')
    await page.getByRole('button', { name: 'Create project' }).click()

    await expect(page.getByRole('heading', { level: 1, name: 'Quick audit' })).toBeVisible()
    await expect(page.getByText('Acme Booking (acme.com) · Stage 1 of 7')).toBeVisible()

    const [summary] = await app.call<{ id: string }[]>('projects.list')
    const project = await app.call<Record<string, unknown>>('projects.get', { id: summary!.id })
    expect(project).toMatchObject({
      name: 'Acme Booking',
      vertical: 'coach',
      domain: 'acme.com',
      canonicalHost: 'apex',
      subdomains: [{ label: 'app', role: 'app' }],
      emailProviders: ['google-workspace', 'postmark'],
      hostingProvider: 'Render',
      dnsProvider: 'Cloudflare',
      contacts: [expect.objectContaining({ name: 'Dana Founder', email: 'dana@acme.com' })],
    })
    expect((project.criticalFlows as { url: string }[]).map((f) => f.url)).toEqual([
      'https://acme.com/signup',
      'https://acme.com/api/bookings',
      'https://acme.com/checkout',
      'https://app.acme.com/dashboard',
    ])
    expect(app.errors).toEqual([])
  })
})
