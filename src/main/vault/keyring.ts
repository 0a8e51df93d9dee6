/**
 * The OS keychain through @napi-rs/keyring (macOS Keychain, Windows
 * Credential Manager, the Secret Service on Linux). keytar, named in the
 * original design, is archived and needs a native build; @napi-rs/keyring is
 * its maintained, keytar-compatible successor with prebuilt binaries.
 */
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring'

/** The few operations the vault needs, so tests can also run it over a fake. */
export interface KeyringBackend {
  readonly name: string
  get(service: string, account: string): Promise<string | null>
  set(service: string, account: string, secret: string): Promise<void>
  delete(service: string, account: string): Promise<boolean>
  list(service: string): Promise<{ account: string; secret: string }[]>
}

const backendName =
  process.platform === 'darwin' ? 'macOS Keychain' : process.platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service (GNOME Keyring / KWallet)'

export const osKeyring: KeyringBackend = {
  name: backendName,
  get: (service, account) => new AsyncEntry(service, account).getPassword().then((v) => v ?? null),
  set: (service, account, secret) => new AsyncEntry(service, account).setPassword(secret),
  delete: (service, account) => new AsyncEntry(service, account).deletePassword(),
  list: async (service) => (await findCredentialsAsync(service)).map((c) => ({ account: c.account, secret: c.password })),
}
