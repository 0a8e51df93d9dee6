/**
 * The vault: credentials in the OS keychain and nowhere else. Each entry's
 * secret is a small JSON envelope holding the value with its kind and date,
 * so listing needs no second store and the project file never sees it. When
 * the keychain cannot be reached every call fails with
 * `keychain-unavailable` and a plain reason; nothing falls back to a file.
 */
import type { CredentialKind, CredentialSummary, VaultStatus } from '../../shared/contract/vault'
import { CredentialKind as KindSchema } from '../../shared/contract/vault'
import { UserFacingError } from '../../shared/result'
import type { Vault } from '../services/context'
import { osKeyring, type KeyringBackend } from './keyring'

export const VAULT_SERVICE = 'launch-ready'

interface Envelope {
  v: 1
  kind: CredentialKind
  updatedAt: string
  value: string
}

function unwrap(secret: string): Envelope {
  try {
    const e = JSON.parse(secret) as Partial<Envelope>
    if (e && e.v === 1 && typeof e.value === 'string') {
      const kind = KindSchema.safeParse(e.kind)
      return { v: 1, kind: kind.success ? kind.data : 'other', updatedAt: typeof e.updatedAt === 'string' ? e.updatedAt : '', value: e.value }
    }
  } catch {
    /* a value stored by another tool: plain text */
  }
  return { v: 1, kind: 'other', updatedAt: '', value: secret }
}

/** `sk_l••••••••3f9a`: a short value shows nothing; a long one its first and last four characters. */
export function maskSecret(value: string): string {
  const dots = '•'.repeat(8)
  if (value.length < 12) return dots
  if (value.length < 20) return `${dots}${value.slice(-2)}`
  return `${value.slice(0, 4)}${dots}${value.slice(-4)}`
}

/** Turns a keyring failure into the one plain message the user sees. */
export function unavailableReason(e: unknown, platform = process.platform): string {
  const raw = e instanceof Error ? e.message : String(e)
  if (platform === 'linux') {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS || /dbus|D-Bus|bus/i.test(raw)) {
      return 'The system keychain is not available: no Secret Service (GNOME Keyring or KWallet) is running on this desktop session. Start one, then try again. Your credential was not stored anywhere.'
    }
    if (/locked|AccessDenied|denied|dismissed/i.test(raw)) {
      return 'The system keychain is locked or refused access. Unlock it (your login keyring), then try again. Your credential was not stored anywhere.'
    }
  }
  return `The system keychain could not be used (${raw}). Your credential was not stored anywhere.`
}

export interface VaultOptions {
  backend?: KeyringBackend
  service?: string
  /** Per-operation timeout: a keychain prompt or a hung D-Bus never freezes the app. */
  timeoutMs?: number
  now?: () => Date
}

export function createVault(opts: VaultOptions = {}): Vault {
  const backend = opts.backend ?? osKeyring
  const service = opts.service ?? VAULT_SERVICE
  const timeoutMs = opts.timeoutMs ?? 10_000
  const now = opts.now ?? (() => new Date())

  async function call<T>(op: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from the keychain within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs)
        }),
      ])
    } catch (e) {
      throw new UserFacingError('keychain-unavailable', unavailableReason(e))
    } finally {
      clearTimeout(timer)
    }
  }

  const summary = (name: string, e: Envelope): CredentialSummary => ({ name, kind: e.kind, masked: maskSecret(e.value), updatedAt: e.updatedAt })

  return {
    async status(): Promise<VaultStatus> {
      try {
        await call(() => backend.list(service))
        return { available: true, backend: backend.name }
      } catch (e) {
        return { available: false, backend: backend.name, reason: (e as Error).message }
      }
    },
    async list() {
      const all = await call(() => backend.list(service))
      return all.map((c) => summary(c.account, unwrap(c.secret))).sort((a, b) => a.name.localeCompare(b.name))
    },
    async set(name, kind, value) {
      const env: Envelope = { v: 1, kind, updatedAt: now().toISOString(), value }
      await call(() => backend.set(service, name, JSON.stringify(env)))
      return summary(name, env)
    },
    async reveal(name) {
      const secret = await call(() => backend.get(service, name))
      if (secret === null) throw new UserFacingError('not-found', `There is no credential called “${name}” in the keychain.`)
      return unwrap(secret).value
    },
    async remove(name) {
      const gone = await call(() => backend.delete(service, name))
      if (!gone) throw new UserFacingError('not-found', `There is no credential called “${name}” in the keychain.`)
    },
    async get(name) {
      const secret = await call(() => backend.get(service, name))
      return secret === null ? undefined : unwrap(secret).value
    },
  }
}
