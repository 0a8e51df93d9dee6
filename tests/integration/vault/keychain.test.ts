import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createVault, maskSecret } from '../../../src/main/vault'
import { caller, testServices } from '../../fixtures/services'
import { bundleEntry } from '../../fixtures/bundle'

const run = promisify(execFile)
/** scripts/with-keyring.sh starts a private, unlocked GNOME Keyring for the test run. */
const haveKeyring = process.env.LR_KEYRING_READY === '1'
const service = `launch-ready-test-${process.pid}`

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? allFiles(p) : [p]
  })
}

describe.runIf(haveKeyring)('the vault over a real Secret Service', () => {
  const vault = createVault({ service })
  afterEach(async () => {
    for (const c of await vault.list()) await vault.remove(c.name)
  })

  it('adds, lists masked, replaces, reveals and deletes', async () => {
    expect(await vault.status()).toMatchObject({ available: true })
    const secret = 'sk_live_51HcanaryABCDEFGH3f9a'
    const s = await vault.set('Stripe key', 'api-token', secret)
    expect(s).toMatchObject({ name: 'Stripe key', kind: 'api-token', masked: 'sk_l••••••••3f9a' })
    expect(JSON.stringify(await vault.list())).not.toContain(secret)
    await vault.set('Stripe key', 'api-token', 'sk_live_replacedvalue_0000000099')
    expect(await vault.reveal('Stripe key')).toBe('sk_live_replacedvalue_0000000099')
    expect((await vault.list()).map((c) => c.name)).toEqual(['Stripe key'])
    await vault.remove('Stripe key')
    expect(await vault.list()).toEqual([])
    await expect(vault.reveal('Stripe key')).rejects.toMatchObject({ code: 'not-found' })
    await expect(vault.remove('Stripe key')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('a secret set through the app never reaches the data directory or the list', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lr-vault-'))
    try {
      const services = await testServices({ dataDir, vault })
      const canary = 'CANARY-token-9f8e7d6c5b4a39281706'
      const { call } = caller(() => services)
      expect((await call('projects.create', { name: 'Acme', vertical: 'coach', domain: 'acme.com' })).ok).toBe(true)
      expect((await call('vault.set', { name: 'api', kind: 'api-token', value: canary })).ok).toBe(true)
      const listed = await call('vault.list')
      expect(JSON.stringify(listed)).not.toContain(canary)
      expect(await call('vault.reveal', { name: 'api' })).toEqual({ ok: true, value: { value: canary } })
      await services.close()
      for (const f of allFiles(dataDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(canary)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('when no keychain can be reached', () => {
  let probe: string
  beforeAll(async () => {
    probe = await bundleEntry(fileURLToPath(new URL('../../fixtures/vault/probe.ts', import.meta.url)))
  })

  it('says so plainly and stores the secret nowhere (no D-Bus session)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lr-nobus-'))
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: home, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/lr-no-bus' }
      const { stdout } = await run(process.execPath, [probe, service, 'CANARY-nobus-123456789'], { env, cwd: process.cwd(), timeout: 30_000 })
      const out = JSON.parse(stdout) as { status: { available: boolean; reason?: string }; set: { code: string; message: string } }
      expect(out.status.available).toBe(false)
      expect(out.status.reason).toMatch(/Secret Service|keychain/)
      expect(out.set.code).toBe('keychain-unavailable')
      expect(out.set.message).toMatch(/not stored anywhere/)
      for (const f of allFiles(home)) expect(readFileSync(f, 'utf8')).not.toContain('CANARY-nobus')
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})

describe('masking', () => {
  it('shows nothing of a short value and only the ends of a long one', () => {
    expect(maskSecret('abc')).toBe('••••••••')
    expect(maskSecret('abcdefghijklmn')).toBe('••••••••mn')
    expect(maskSecret('sk_live_0123456789abcdef')).toBe('sk_l••••••••cdef')
  })
})
