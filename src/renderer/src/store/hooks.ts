import { useStore } from 'zustand'
import { api } from '../api'
import { createAppStore, type AppState } from './index'

/** The renderer's single store instance. */
export const appStore = createAppStore({ api, storage: window.localStorage, saveDelayMs: 250 })

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector)
}
