import type { AppError, Result } from '../../../shared/result'
import type { Finding, Project, RunScope } from '../../../shared/model'
import { findingKey } from '../../../shared/model'
import { findingCounts } from '../../../shared/risk'
import type { RunningCheck, RunProgress, RunSummary, RunsLatest, ScanProgress } from '../../../shared/contract/runs'
import type { SliceCreator } from './types'

/** A run in progress, as the screens draw it. */
export interface LiveRun {
  runId: string
  projectId: string
  scope: RunScope
  done: number
  total: number
  running: RunningCheck[]
  /** The repository scan's files and commits read so far. */
  scan?: ScanProgress
  /** Set once the user pressed Cancel. */
  cancelling: boolean
}

export interface RunSlice {
  /** Which project the runs state below belongs to. */
  runsProjectId?: string
  runsLatest?: RunsLatest
  runHistory: RunSummary[]
  runsLoading: boolean
  runsError?: AppError
  liveRun?: LiveRun
  /** The last thing worth announcing (finished, cancelled, could not start), for aria-live. */
  runMessage: string
  loadRuns(projectId: string): Promise<void>
  startRun(projectId: string, scope?: RunScope): Promise<Result<{ runId: string }>>
  cancelRun(): Promise<void>
  acceptRisk(projectId: string, key: string, reason: string): Promise<Result<Project>>
  unacceptRisk(projectId: string, key: string): Promise<Result<Project>>
  /** Applies one runs.progress event (subscribed once, on first use). */
  applyRunProgress(p: RunProgress): void
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

function finishedMessage(p: RunProgress, counts: RunSummary['counts'] | Finding[]): string {
  // One count for all of it (shared/risk.ts): a check that could not run is never "done".
  const c = findingCounts(counts)
  const tail = `${plural(c.problems, 'problem', 'problems')} found.`
  const ran = `${c.ran} of ${plural(c.total, 'check', 'checks')} ran${c.couldNotRun ? `, ${c.couldNotRun} could not run` : ''}`
  if (p.state === 'cancelled') return `Checks cancelled: ${ran}. ${tail}`
  if (p.state === 'deadline') return `The checks hit their time limit: ${ran} (the rest are marked “could not check”). ${tail}`
  if (p.state === 'failed') return p.message ?? 'The checks stopped because of a problem on our side.'
  return `Checks finished: ${ran}; ${tail}`
}

export const createRunSlice: SliceCreator<RunSlice> = (deps) => (set, get) => {
  let unsubscribe: (() => void) | undefined
  const subscribe = () => {
    unsubscribe ??= deps.api().runs.onProgress((p) => get().applyRunProgress(p))
  }
  /** Keeps the open project's accepted risks in step with main. */
  const syncProject = (p: Project) => {
    const cur = get().current
    if (cur?.id === p.id) set({ current: { ...cur, acceptedRisks: p.acceptedRisks, updatedAt: p.updatedAt } })
  }
  return {
    runHistory: [],
    runsLoading: false,
    runMessage: '',

    async loadRuns(projectId) {
      subscribe()
      if (get().runsProjectId !== projectId) set({ runsProjectId: projectId, runsLatest: undefined, runHistory: [], liveRun: undefined, runMessage: '' })
      set({ runsLoading: true })
      const [latest, history] = await Promise.all([deps.api().runs.latest({ projectId }), deps.api().runs.list({ projectId })])
      if (get().runsProjectId !== projectId) return
      if (!latest.ok) {
        set({ runsLoading: false, runsError: latest.error })
        return
      }
      const a = latest.value.active
      set({
        runsLoading: false,
        runsError: undefined,
        runsLatest: latest.value,
        runHistory: history.ok ? history.value : [],
        liveRun: a ? { runId: a.runId, projectId, scope: a.scope, done: a.done, total: a.total, running: a.running, ...(a.scan ? { scan: a.scan } : {}), cancelling: get().liveRun?.cancelling ?? false } : undefined,
      })
    },

    async startRun(projectId, scope) {
      subscribe()
      if (get().runsProjectId !== projectId) set({ runsProjectId: projectId, runsLatest: undefined, runHistory: [] })
      // The run reads the project from main: send edits still waiting for autosave (DNS server, CA file) first.
      await get().flushSave()
      const r = await deps.api().runs.start({ projectId, ...(scope ? { scope } : {}) })
      if (r.ok) {
        const live = get().liveRun
        // Progress events may already have arrived; keep them.
        if (live?.runId !== r.value.runId) set({ liveRun: { runId: r.value.runId, projectId, scope: scope ?? {}, done: 0, total: 0, running: [], cancelling: false } })
        set({ runMessage: 'Checks started.' })
      } else set({ runMessage: r.error.message })
      return r
    },

    async cancelRun() {
      const live = get().liveRun
      if (!live) return
      set({ liveRun: { ...live, cancelling: true }, runMessage: 'Cancelling…' })
      await deps.api().runs.cancel({ runId: live.runId })
    },

    async acceptRisk(projectId, key, reason) {
      const r = await deps.api().runs.acceptRisk({ projectId, key, reason })
      if (r.ok) {
        syncProject(r.value)
        set({ runMessage: 'Risk accepted. It stays listed in the report with your reason.' })
      }
      return r
    },

    async unacceptRisk(projectId, key) {
      const r = await deps.api().runs.unacceptRisk({ projectId, key })
      if (r.ok) {
        syncProject(r.value)
        set({ runMessage: 'Risk no longer accepted; it counts again.' })
      }
      return r
    },

    applyRunProgress(p) {
      if (p.projectId !== get().runsProjectId) return
      const prev = get().liveRun
      if (p.type === 'finished') {
        set({ liveRun: undefined })
        void get()
          .loadRuns(p.projectId)
          .then(() => {
            // The run's own counts (a stage re-run counts what it checked, not the whole view).
            const latest = get().runsLatest?.latest
            set({ runMessage: finishedMessage(p, latest?.id === p.runId ? latest.counts : (get().runsLatest?.findings ?? [])) })
          })
        return
      }
      const live: LiveRun =
        prev?.runId === p.runId
          ? { ...prev, done: p.done, total: p.total, running: p.running, ...(p.scan ? { scan: p.scan } : {}) }
          : { runId: p.runId, projectId: p.projectId, scope: {}, done: p.done, total: p.total, running: p.running, cancelling: false, ...(p.scan ? { scan: p.scan } : {}) }
      const patch: Partial<RunSlice> = { liveRun: live }
      const latest = get().runsLatest
      if (p.type === 'finding' && p.finding) {
        // Results appear as they arrive: lay the new finding over the current view.
        const key = findingKey(p.finding)
        const findings = [...(latest?.findings ?? []).filter((f) => findingKey(f) !== key), p.finding]
        patch.runsLatest = { ...(latest ?? { diff: null, artifacts: {} }), findings, coverage: { complete: false, reason: 'The checks are still running.' } }
      }
      set(patch)
    },
  }
}
