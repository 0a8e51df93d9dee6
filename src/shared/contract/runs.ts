/* Channels of the runs area (audits, history, diff, accepted risks); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel, event } from './define'
import { Finding, RunScope, type Project, type Run } from '../model'
import type { RunArtifacts } from '../audit-data'
import type { RunDiff } from '../risk'

const ProjectId = z.string().min(1).max(100)
const RunId = z.string().min(1).max(100)
/** `checkId@target`, as made by findingKey. */
const FindingKeyInput = z.string().min(3).max(2200)

export const RunStartInput = z.object({
  projectId: ProjectId,
  /** Absent: the whole audit. A stage, or one check on one target ("Check again"). */
  scope: RunScope.optional(),
  /** Opt-in bounded bursts (the rate-limit probe). */
  activeProbes: z.boolean().optional(),
})
export type RunStartInput = z.input<typeof RunStartInput>

export const RunningCheck = z.object({ checkId: z.string(), target: z.string() })
export type RunningCheck = z.infer<typeof RunningCheck>

/** The secret scan's own progress while it reads the repository: files and commits so far. */
export const ScanProgress = z.object({ phase: z.enum(['files', 'history', 'build', 'done']), files: z.number(), commits: z.number() })
export type ScanProgress = z.infer<typeof ScanProgress>

/** What the history list shows for one run. */
export interface RunSummary {
  id: string
  startedAt: string
  finishedAt?: string
  state: Run['state']
  scope: RunScope
  /** Plain description of what it covered ("every automated check", "stage 3 checks"). */
  scopeText: string
  counts: { pass: number; warn: number; fail: number; error: number; skipped: number }
  durationMs?: number
}

/** A run in progress, for a screen opened mid-run. */
export interface ActiveRun {
  runId: string
  scope: RunScope
  done: number
  total: number
  running: RunningCheck[]
  startedAt: string
  scan?: ScanProgress
}

export interface RunsLatest {
  /** The newest audit run. */
  latest?: RunSummary
  /** What the project looks like now: the newest full audit with later re-checks laid over it. */
  findings: Finding[]
  /** Against the view before the newest run; null when there is only one run. */
  diff: RunDiff | null
  previousRunId?: string
  /** Artifacts of the newest run that has them (site surface, DNS map, certificates, email). */
  artifacts: RunArtifacts
  active?: ActiveRun
  /** Whether `findings` rest on a full run that finished (else the verdict can only be "not sure yet"). */
  coverage: { complete: boolean; reason?: string }
}

export const runsChannels = {
  /** Starts a run in the background; progress arrives as runs.progress. One run at a time per project. */
  'runs.start': channel<{ runId: string }>()(RunStartInput),
  'runs.cancel': channel<{ cancelled: boolean }>()(z.object({ runId: RunId })),
  /** Audit history, newest first (at most 20 kept). */
  'runs.list': channel<RunSummary[]>()(z.object({ projectId: ProjectId })),
  'runs.get': channel<Run>()(z.object({ runId: RunId })),
  /** The current view, the diff with the previous run, artifacts and any run in progress. */
  'runs.latest': channel<RunsLatest>()(z.object({ projectId: ProjectId })),
  /** Marks a finding as an accepted risk with the user's reason (carried into the report). */
  'runs.acceptRisk': channel<Project>()(
    z.object({ projectId: ProjectId, key: FindingKeyInput, reason: z.string().trim().min(1, 'Say why you accept this risk.').max(2000) }),
  ),
  'runs.unacceptRisk': channel<Project>()(z.object({ projectId: ProjectId, key: FindingKeyInput })),
}

export const RunProgress = z.object({
  projectId: z.string(),
  runId: z.string(),
  type: z.enum(['planned', 'started', 'finding', 'finished', 'scan']),
  checkId: z.string().optional(),
  target: z.string().optional(),
  finding: Finding.optional(),
  done: z.number(),
  total: z.number(),
  running: z.array(RunningCheck),
  /** With `scan`: how far the repository scan has read. */
  scan: ScanProgress.optional(),
  /** With `finished`: how the run ended. */
  state: z.enum(['completed', 'cancelled', 'deadline', 'failed']).optional(),
  /** With `finished` and state `failed`: why, in plain words. */
  message: z.string().optional(),
})
export type RunProgress = z.infer<typeof RunProgress>

export const runsEvents = {
  'runs.progress': event(RunProgress),
}
