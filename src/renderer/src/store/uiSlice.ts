import type { AppInfo } from '../../../shared/contract/app'
import type { AppError } from '../../../shared/result'
import { emptyDraft, parseDraft, type InterviewDraft } from './draft'
import { storageGet, storageSet, type Route, type SliceCreator } from './types'

export type ThemeChoice = 'system' | 'light' | 'dark'

export interface Toast {
  id: number
  message: string
  tone?: 'info' | 'error'
  action?: { label: string; run: () => void }
}

export interface UiSlice {
  route: Route
  ready: boolean
  startError?: AppError
  appInfo?: AppInfo
  recoveryDismissed: boolean
  theme: ThemeChoice
  shortcutsOpen: boolean
  toasts: Toast[]
  search: string
  draft: InterviewDraft
  /** Loads what the first screen needs and reopens the last project. */
  init(): Promise<void>
  navigate(route: Route): void
  setTheme(theme: ThemeChoice): void
  setShortcutsOpen(open: boolean): void
  pushToast(t: Omit<Toast, 'id'>): void
  dismissToast(id: number): void
  setSearch(q: string): void
  dismissRecovery(): void
  updateDraft(patch: Partial<InterviewDraft>): void
  resetDraft(): void
}

let toastSeq = 0

export const createUiSlice: SliceCreator<UiSlice> = (deps) => (set, get) => {
  const savedTheme = storageGet(deps, 'lr.theme')
  return {
    route: { name: 'list' },
    ready: false,
    recoveryDismissed: false,
    theme: savedTheme === 'light' || savedTheme === 'dark' ? savedTheme : 'system',
    shortcutsOpen: false,
    toasts: [],
    search: '',
    draft: parseDraft(storageGet(deps, 'lr.draft')) ?? emptyDraft(),

    async init() {
      const info = await deps.api().app.info()
      if (info.ok) set({ appInfo: info.value })
      else set({ startError: info.error })
      await get().loadProjects()
      const last = storageGet(deps, 'lr.lastProject')
      if (last && get().projects.some((p) => p.id === last) && (await get().openProject(last))) {
        set({ route: { name: 'wizard', projectId: last } })
      }
      set({ ready: true })
    },

    navigate(route) {
      const cur = get().route
      if (cur.name === 'wizard' && (route.name !== 'wizard' || route.projectId !== cur.projectId)) {
        void get().flushSave()
      }
      if (route.name === 'list') storageSet(deps, 'lr.lastProject', null)
      set({ route, shortcutsOpen: false })
    },

    setTheme(theme) {
      storageSet(deps, 'lr.theme', theme === 'system' ? null : theme)
      set({ theme })
    },

    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),

    pushToast(t) {
      const toast = { ...t, id: ++toastSeq }
      set({ toasts: [...get().toasts.slice(-2), toast] })
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    setSearch: (search) => set({ search }),
    dismissRecovery: () => set({ recoveryDismissed: true }),

    updateDraft(patch) {
      const draft = { ...get().draft, ...patch }
      storageSet(deps, 'lr.draft', JSON.stringify(draft))
      set({ draft })
    },
    resetDraft() {
      storageSet(deps, 'lr.draft', null)
      set({ draft: emptyDraft() })
    },
  }
}
