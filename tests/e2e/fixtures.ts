import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { fileURLToPath } from 'node:url'
import { Harness } from './harness'
import type { KeyringBackend } from '../../src/main/vault/keyring'
import { bundleInitScript } from './harness/init-script'
import { startStaticServer, type StaticServer } from './harness/static-server'
import { startSite, type Site } from '../fixtures/runs/site'

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/**
 * A keychain as a desktop without a Secret Service has one: every call fails the
 * way @napi-rs/keyring does when D-Bus has no org.freedesktop.secrets (the real
 * no-D-Bus case is covered in tests/integration/vault).
 */
const noSecretService: KeyringBackend = {
  name: 'Secret Service (GNOME Keyring / KWallet)',
  get: () => Promise.reject(new Error('Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files')),
  set: () => Promise.reject(new Error('Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files')),
  delete: () => Promise.reject(new Error('Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files')),
  list: () => Promise.reject(new Error('Platform secure storage failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files')),
}

export const test = base.extend<{ app: Harness; keychain: 'os' | 'unavailable' }, { server: StaticServer; initScript: string }>({
  keychain: ['os', { option: true }],
  server: [
    async ({}, use) => {
      const server = await startStaticServer(RENDERER_DIR)
      await use(server)
      await server.close()
    },
    { scope: 'worker' },
  ],
  initScript: [async ({}, use) => use(await bundleInitScript()), { scope: 'worker' }],
  app: async ({ page, server, initScript, keychain }, use, testInfo) => {
    const app = await Harness.attach(page, server.url, initScript, keychain === 'unavailable' ? { keyring: noSecretService } : {})
    await use(app)
    if (testInfo.status !== testInfo.expectedStatus && app.errors.length) {
      await testInfo.attach('app-errors', { body: app.errors.join('\n'), contentType: 'text/plain' })
      console.log(`app errors in "${testInfo.title}":\n${app.errors.join('\n')}`)
    }
    await app.close()
  },
})

export { expect }

/** Runs axe on the current screen and fails on serious or critical violations, listing them. */
export async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const summary = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`)
  expect(summary, `axe on ${screen}`).toEqual([])
}

/** A minimal valid project, created through the real handlers. */
export const sampleDraft = {
  name: 'Acme Booking',
  vertical: 'coach' as const,
  domain: 'acme.com',
  canonicalHost: 'www' as const,
  subdomains: [{ label: 'app', role: 'app' }],
  criticalFlows: [],
  emailProviders: ['google-workspace'],
  dkimSelectors: [],
  hostingProvider: 'Vercel',
  dnsProvider: 'Cloudflare',
  cdnProvider: 'Cloudflare',
  contacts: [],
  expectedDns: [],
}

/**
 * The loopback demo universe for a spec file (started once, closed after), with the
 * engine's port map pointed at it, and a broken.test project draft aimed at it.
 * Each test gets DNS without delay and the original zone back.
 */
export function useLoopbackSite(): { site: () => Site; brokenDraft: () => { name: string; vertical: 'membership'; domain: string; dnsServer: string; caFile: string } } {
  let site: Site | undefined
  // A full audit of the fixture runs ~100 probes; on a loaded 2-core machine that takes a while.
  test.describe.configure({ timeout: 120_000 })
  test.beforeAll(async () => {
    site = await startSite()
    // The fixture serves http/https on loopback ports; the engine maps 80/443 to them.
    process.env.LAUNCH_READY_PORT_MAP = site.portMapSpec
  })
  test.afterAll(async () => {
    await site?.close()
  })
  test.afterEach(() => {
    site?.dns.setDelay(0)
    if (site) site.dns.setZone(site.zone)
  })
  const get = () => site!
  return { site: get, brokenDraft: () => ({ name: 'Broken Launch', vertical: 'membership' as const, domain: 'broken.test', dnsServer: get().dns.server, caFile: get().caFile }) }
}
