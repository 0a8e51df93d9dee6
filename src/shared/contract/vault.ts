import { z } from 'zod'
import { channel } from './define'

export const CredentialKind = z.enum(['api-token', 'dns-provider-token', 'cdn-provider-token', 'cookie', 'header', 'database-url', 'other'])
export type CredentialKind = z.infer<typeof CredentialKind>

export const CredentialName = z
  .string()
  .trim()
  .min(1, 'Give the credential a name.')
  .max(100)
  .regex(/^[\w .:@-]+$/, 'Use letters, digits, spaces and . _ - : @ only.')

export interface CredentialSummary {
  name: string
  kind: CredentialKind
  /** e.g. `sk_l••••••••3f9a`: never the value. */
  masked: string
  updatedAt: string
}

export interface VaultStatus {
  available: boolean
  /** Plain-language reason when the keychain cannot be used. */
  reason?: string
  backend: string
}

export const vaultChannels = {
  'vault.status': channel<VaultStatus>()(z.void()),
  'vault.list': channel<CredentialSummary[]>()(z.void()),
  /** Adds or replaces a credential. */
  'vault.set': channel<CredentialSummary>()(
    z.object({ name: CredentialName, kind: CredentialKind, value: z.string().min(1, 'The value is empty.').max(16384) }),
  ),
  /** Returns the value: only on the user's explicit request. */
  'vault.reveal': channel<{ value: string }>()(z.object({ name: CredentialName })),
  'vault.delete': channel<void>()(z.object({ name: CredentialName })),
}
