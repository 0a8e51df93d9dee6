import { createStore, type StoreApi } from 'zustand/vanilla'
import { createProjectSlice } from './projectSlice'
import { createUiSlice } from './uiSlice'
import { createVaultSlice } from './vaultSlice'
import { createRunSlice } from './runSlice'
import type { AppState, StoreDeps } from './types'

export type { AppState, Route, StoreDeps } from './types'

/**
 * The one app store, composed of slices. Each slice is a plain creator so a
 * test can build a fresh store with a fake api. Features add their slice here.
 */
export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createProjectSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createVaultSlice(deps)(...a),
    ...createRunSlice(deps)(...a),
  }))
}
