import type { StateCreator } from 'zustand/vanilla'
import type { LaunchReadyApi } from '../../../shared/contract'
import type { ProjectSlice } from './projectSlice'
import type { UiSlice } from './uiSlice'
import type { VaultSlice } from './vaultSlice'
import type { RunSlice } from './runSlice'

/** What slices need from the outside world; tests pass fakes. */
export interface StoreDeps {
  api: () => LaunchReadyApi
  /** Where small UI preferences live (theme, interview draft, last project). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  /** Autosave debounce, ms (at most 300). */
  saveDelayMs?: number
}

export type Route =
  | { name: 'list' }
  | { name: 'interview' }
  | { name: 'wizard'; projectId: string }
  /** `field`: the id of the setting to focus (a finding's "add it to the project" hint). */
  | { name: 'settings'; projectId: string; field?: string }
  | { name: 'credentials' }

export type AppState = ProjectSlice & UiSlice & VaultSlice & RunSlice

export type SliceCreator<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>

export const storageGet = (deps: StoreDeps, key: string): string | null => {
  try {
    return deps.storage?.getItem(key) ?? null
  } catch {
    return null
  }
}
export const storageSet = (deps: StoreDeps, key: string, value: string | null): void => {
  try {
    if (value === null) deps.storage?.removeItem(key)
    else deps.storage?.setItem(key, value)
  } catch {
    /* storage full or blocked: preferences are a convenience only */
  }
}
