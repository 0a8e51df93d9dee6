import type { AppError, Result } from '../../../shared/result'
import type { ChecklistState, Project, ProjectDraft, ProjectPatch, ProjectSummary } from '../../../shared/model'
import type { StageNumber } from '../../../shared/catalog'
import { storageSet, type SliceCreator } from './types'

export type SaveState = { state: 'idle' | 'pending' | 'saving' | 'saved' | 'error'; message?: string }

export interface ProjectSlice {
  projects: ProjectSummary[]
  projectsLoaded: boolean
  listError?: AppError
  /** The open project, edited locally and autosaved. */
  current?: Project
  openError?: AppError
  save: SaveState
  importError?: AppError
  loadProjects(): Promise<void>
  openProject(id: string): Promise<boolean>
  closeProject(): Promise<void>
  createProject(draft: ProjectDraft): Promise<Result<Project>>
  /** Starts the offline demo inside the app and returns its project. */
  createDemoProject(): Promise<Result<Project>>
  duplicateProject(id: string): Promise<Result<Project>>
  renameProject(id: string, name: string): Promise<Result<Project>>
  /** Deletes and offers an undo toast. */
  deleteProject(id: string): Promise<Result<{ undoToken: string }>>
  restoreProject(undoToken: string): Promise<Result<Project>>
  exportProject(id: string): Promise<Result<{ path: string } | null>>
  importProject(): Promise<Result<unknown>>
  clearImportError(): void
  /** Applies a change to the open project now and saves it shortly after. */
  editProject(patch: ProjectPatch): void
  editChecklistItem(itemId: string, change: Partial<ChecklistState>): void
  setWizardPosition(stage: StageNumber, item?: string): void
  /** Sends pending edits now (page hide, leaving the project). */
  flushSave(): Promise<void>
}

const emptyItem = (): ChecklistState => ({ done: false, note: '', evidence: [] })

export const createProjectSlice: SliceCreator<ProjectSlice> = (deps) => (set, get) => {
  const delay = Math.min(deps.saveDelayMs ?? 250, 300)
  let timer: ReturnType<typeof setTimeout> | undefined
  let dirty = new Set<keyof ProjectPatch>()
  let chain: Promise<void> = Promise.resolve()

  const sendPending = async (): Promise<void> => {
    const project = get().current
    if (!project || dirty.size === 0) return
    const patch: Record<string, unknown> = {}
    for (const k of dirty) patch[k] = project[k as keyof Project]
    dirty = new Set()
    set({ save: { state: 'saving' } })
    const res = await deps.api().projects.update({ id: project.id, patch: patch as ProjectPatch })
    if (res.ok) {
      const still = get().current
      if (still?.id === project.id) set({ current: { ...still, updatedAt: res.value.updatedAt } })
      set({ save: dirty.size ? { state: 'pending' } : { state: 'saved' } })
    } else {
      // Keep the edits: they are retried with the next change or flush.
      for (const k of Object.keys(patch)) dirty.add(k as keyof ProjectPatch)
      set({ save: { state: 'error', message: res.error.message } })
    }
  }

  const flushSave = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    chain = chain.then(sendPending, sendPending)
    return chain
  }

  const schedule = () => {
    if (timer) clearTimeout(timer)
    set({ save: { state: 'pending' } })
    timer = setTimeout(() => void flushSave(), delay)
  }

  const refreshList = async () => {
    const res = await deps.api().projects.list()
    if (res.ok) set({ projects: res.value, projectsLoaded: true, listError: undefined })
    else set({ listError: res.error, projectsLoaded: true })
  }

  return {
    projects: [],
    projectsLoaded: false,
    save: { state: 'idle' },
    loadProjects: refreshList,

    async openProject(id) {
      await flushSave()
      const res = await deps.api().projects.get({ id })
      if (!res.ok) {
        set({ openError: res.error })
        storageSet(deps, 'lr.lastProject', null)
        return false
      }
      dirty = new Set()
      set({ current: res.value, openError: undefined, save: { state: 'idle' } })
      storageSet(deps, 'lr.lastProject', id)
      return true
    },

    async closeProject() {
      await flushSave()
      set({ current: undefined })
      storageSet(deps, 'lr.lastProject', null)
      await refreshList()
    },

    async createProject(draft) {
      const res = await deps.api().projects.create(draft)
      if (res.ok) await refreshList()
      return res
    },

    async createDemoProject() {
      const res = await deps.api().projects.createDemo()
      if (res.ok) await refreshList()
      return res
    },

    async duplicateProject(id) {
      const res = await deps.api().projects.duplicate({ id })
      if (res.ok) await refreshList()
      return res
    },

    async renameProject(id, name) {
      if (get().current?.id === id) await flushSave()
      const res = await deps.api().projects.rename({ id, name })
      if (res.ok) {
        const cur = get().current
        if (cur?.id === id) set({ current: { ...cur, name: res.value.name, updatedAt: res.value.updatedAt } })
        await refreshList()
      }
      return res
    },

    async deleteProject(id) {
      const name = get().projects.find((p) => p.id === id)?.name ?? 'the project'
      const res = await deps.api().projects.delete({ id })
      if (res.ok) {
        await refreshList()
        get().pushToast({
          message: `Deleted “${name}”.`,
          action: { label: 'Undo', run: () => void get().restoreProject(res.value.undoToken) },
        })
      }
      return res
    },

    async restoreProject(undoToken) {
      const res = await deps.api().projects.restore({ undoToken })
      if (res.ok) {
        await refreshList()
        get().pushToast({ message: `Restored “${res.value.name}”.` })
      } else get().pushToast({ message: res.error.message, tone: 'error' })
      return res
    },

    async exportProject(id) {
      if (get().current?.id === id) await flushSave()
      const res = await deps.api().projects.export({ id })
      if (res.ok && res.value) get().pushToast({ message: `Exported to ${res.value.path}` })
      else if (!res.ok) get().pushToast({ message: res.error.message, tone: 'error' })
      return res
    },

    async importProject() {
      set({ importError: undefined })
      const res = await deps.api().projects.import()
      if (!res.ok) set({ importError: res.error })
      else if (res.value) {
        await refreshList()
        const suffix = res.value.renamedFrom ? ' as a copy, because a project with the same id already exists' : ''
        get().pushToast({ message: `Imported “${res.value.project.name}”${suffix}.` })
      }
      return res
    },

    clearImportError: () => set({ importError: undefined }),

    editProject(patch) {
      const cur = get().current
      if (!cur) return
      set({ current: { ...cur, ...patch } as Project })
      for (const k of Object.keys(patch)) dirty.add(k as keyof ProjectPatch)
      schedule()
    },

    editChecklistItem(itemId, change) {
      const cur = get().current
      if (!cur) return
      const prev = cur.checklist[itemId] ?? emptyItem()
      const next: ChecklistState = { ...prev, ...change, updatedAt: new Date().toISOString() }
      get().editProject({ checklist: { ...cur.checklist, [itemId]: next } })
    },

    setWizardPosition(stage, item) {
      const cur = get().current
      if (!cur) return
      if (cur.wizard.stage === stage && cur.wizard.item === item) return
      get().editProject({ wizard: item ? { stage, item } : { stage } })
    },

    flushSave,
  }
}
