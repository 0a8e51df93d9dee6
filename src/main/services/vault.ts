/** vault.* handlers: names and masked values only, except on an explicit reveal. */
import type { ServiceContext } from './context'
import type { PartialHandlers } from './dispatch'

export function vaultHandlers(ctx: ServiceContext): PartialHandlers<'vault.status' | 'vault.list' | 'vault.set' | 'vault.reveal' | 'vault.delete'> {
  return {
    'vault.status': () => ctx.vault.status(),
    'vault.list': () => ctx.vault.list(),
    'vault.set': ({ name, kind, value }) => ctx.vault.set(name, kind, value),
    'vault.reveal': async ({ name }) => ({ value: await ctx.vault.reveal(name) }),
    'vault.delete': ({ name }) => ctx.vault.remove(name),
  }
}
