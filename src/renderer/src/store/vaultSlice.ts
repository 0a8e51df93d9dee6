import type { CredentialKind, CredentialSummary, VaultStatus } from '../../../shared/contract/vault'
import type { AppError, Result } from '../../../shared/result'
import type { SliceCreator } from './types'

export interface VaultSlice {
  vaultStatus?: VaultStatus
  credentials: CredentialSummary[]
  vaultLoaded: boolean
  vaultError?: AppError
  loadVault(): Promise<void>
  setCredential(name: string, kind: CredentialKind, value: string): Promise<Result<CredentialSummary>>
  /** Only on the user's explicit request; the value is never kept in the store. */
  revealCredential(name: string): Promise<Result<{ value: string }>>
  deleteCredential(name: string): Promise<Result<void>>
}

export const createVaultSlice: SliceCreator<VaultSlice> = (deps) => (set, get) => ({
  credentials: [],
  vaultLoaded: false,

  async loadVault() {
    const status = await deps.api().vault.status()
    if (!status.ok) {
      set({ vaultError: status.error, vaultLoaded: true })
      return
    }
    set({ vaultStatus: status.value })
    if (!status.value.available) {
      set({ credentials: [], vaultLoaded: true, vaultError: undefined })
      return
    }
    const list = await deps.api().vault.list()
    if (list.ok) set({ credentials: list.value, vaultLoaded: true, vaultError: undefined })
    else set({ vaultError: list.error, vaultLoaded: true })
  },

  async setCredential(name, kind, value) {
    const res = await deps.api().vault.set({ name, kind, value })
    if (res.ok) {
      const others = get().credentials.filter((c) => c.name !== res.value.name)
      set({ credentials: [...others, res.value].sort((a, b) => a.name.localeCompare(b.name)) })
    }
    return res
  },

  revealCredential: (name) => deps.api().vault.reveal({ name }),

  async deleteCredential(name) {
    const res = await deps.api().vault.delete({ name })
    if (res.ok) set({ credentials: get().credentials.filter((c) => c.name !== name) })
    return res
  },
})
