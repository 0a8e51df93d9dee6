/* Channels of the database area (Stage 5's Database panel); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel, event } from './define'
import { Finding, type Project } from '../model'
import { CredentialName } from './vault'

const ProjectId = z.string().min(1).max(100)

export interface DbServerInfo {
  version: number
  user: string
  database: string
  statements: boolean
  hypopg: boolean
}

export interface DbLatest {
  /** The newest advisor run. */
  run?: { runId: string; at: string; state: string; findings: Finding[]; top: string[]; server?: DbServerInfo; queries?: number; durationMs?: number }
  runningId?: string
  /** The SQL for a least-privilege role the advisor can connect as. */
  roleSql: string
}

export const dbChannels = {
  /** Names the keychain credential that holds the database URL, after a test connection succeeds. */
  'db.connect': channel<{ project: Project; server: DbServerInfo }>()(z.object({ projectId: ProjectId, credential: CredentialName, caFile: z.string().trim().max(1000).optional() })),
  /** Connects read-only with the saved credential and says what the advisor can see. */
  'db.test': channel<DbServerInfo>()(z.object({ projectId: ProjectId })),
  'db.disconnect': channel<Project>()(z.object({ projectId: ProjectId })),
  /** Runs the advisor in the background; progress arrives as db.progress; the result is a run. */
  'db.run': channel<{ runId: string }>()(z.object({ projectId: ProjectId })),
  'db.cancel': channel<{ cancelled: boolean }>()(z.object({ runId: z.string().min(1).max(100) })),
  'db.latest': channel<DbLatest>()(z.object({ projectId: ProjectId })),
}

export const dbEvents = {
  'db.progress': event(
    z.object({
      projectId: z.string(),
      runId: z.string(),
      phase: z.enum(['running', 'done', 'failed', 'cancelled']),
      step: z.string(),
      done: z.number(),
      total: z.number(),
      message: z.string().optional(),
    }),
  ),
}
