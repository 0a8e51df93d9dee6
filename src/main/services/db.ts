/**
 * Stage 5's Database panel: which keychain credential holds the connection
 * URL (the project stores only its name), a test connection with plain
 * errors, and the advisor run in the background with progress and cancel,
 * kept as a run (kind `db`) so the risk report and the pack include it. The
 * URL is read from the vault here and only here; nothing the renderer
 * receives contains it.
 */
import { randomUUID } from 'node:crypto'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { Project, Run } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import { VERTICAL_INFO } from '../../shared/verticals'
import type { DbLatest, DbServerInfo } from '../../shared/contract/db'
import { connectPg, type DbClient, type DbConnectOptions } from '../engine/db/client'
import { DB_IDS, runAdvisor } from '../engine/db/advisor'
import { readExtensions } from '../engine/db/catalog'
import { advisorRoleSql } from '../engine/db/setup'

type DbChannel = 'db.connect' | 'db.test' | 'db.disconnect' | 'db.run' | 'db.cancel' | 'db.latest'

export interface DbServiceDeps {
  connect?: (url: string, o: DbConnectOptions) => Promise<DbClient>
  statementTimeoutMs?: number
}

export function dbHandlers(ctx: ServiceContext, deps: DbServiceDeps = {}): PartialHandlers<DbChannel> {
  const connect = deps.connect ?? connectPg
  const running = new Map<string, { runId: string; ac: AbortController }>()
  const dbRuns = (projectId: string) => ctx.runs.list(projectId).filter((r) => r.meta.kind === 'db')

  async function urlOf(project: Project, credential = project.dbCredential): Promise<string> {
    if (!credential) throw new UserFacingError('no-database', 'Connect a database first: save its connection URL in Credentials, then choose it here.')
    const url = await ctx.vault.get(credential)
    if (!url) throw new UserFacingError('no-credential', `There is no credential called “${credential}” in the keychain any more. Add it again in Credentials.`, [{ path: 'credential', message: 'Not in the keychain.' }])
    if (!/^postgres(?:ql)?:\/\//.test(url.trim())) throw new UserFacingError('not-a-url', `The credential “${credential}” does not hold a postgres:// connection URL.`, [{ path: 'credential', message: 'Not a postgres:// URL.' }])
    return url.trim()
  }

  async function probe(url: string, caFile: string | undefined): Promise<DbServerInfo> {
    let db: DbClient
    try {
      db = await connect(url, { statementTimeoutMs: 5000, ...(caFile ? { caFile } : {}) })
    } catch (e) {
      throw new UserFacingError('db-connect', (e as Error).message)
    }
    try {
      const ext = await readExtensions(db)
      return { version: db.serverVersion, user: db.user, database: db.database, statements: ext.statements && ext.statementsReadable, hypopg: ext.hypopg }
    } finally {
      await db.end()
    }
  }

  return {
    'db.connect': async ({ projectId, credential, caFile }) => {
      const project = ctx.projects.get(projectId)
      const server = await probe(await urlOf(project, credential), caFile || undefined)
      return { project: ctx.projects.update(projectId, { dbCredential: credential, dbCaFile: caFile || undefined }), server }
    },
    'db.test': async ({ projectId }) => {
      const project = ctx.projects.get(projectId)
      return probe(await urlOf(project), project.dbCaFile)
    },
    'db.disconnect': ({ projectId }) => ctx.projects.update(projectId, { dbCredential: undefined, dbCaFile: undefined }),
    'db.run': async ({ projectId }) => {
      const project = ctx.projects.get(projectId)
      if (running.has(projectId)) throw new UserFacingError('busy', 'The database checks are already running for this project.')
      const url = await urlOf(project)
      const runId = randomUUID()
      const ac = new AbortController()
      running.set(projectId, { runId, ac })
      const startedAt = new Date().toISOString()
      const t0 = performance.now()
      const emit = (phase: 'running' | 'done' | 'failed' | 'cancelled', step: string, done: number, total: number, message?: string) => ctx.emit('db.progress', { projectId, runId, phase, step, done, total, ...(message ? { message } : {}) })
      emit('running', 'connecting', 0, 8)
      void (async () => {
        let run: Run
        try {
          const db = await connect(url, { statementTimeoutMs: deps.statementTimeoutMs ?? 5000, signal: ac.signal, ...(project.dbCaFile ? { caFile: project.dbCaFile } : {}) })
          try {
            const r = await runAdvisor(db, { budgetMs: VERTICAL_INFO[project.vertical].p95TargetMs, signal: ac.signal, onProgress: (step, done, total) => emit('running', step, done + 1, total + 1) })
            run = { id: runId, projectId, startedAt, finishedAt: new Date().toISOString(), state: 'completed', scope: { checkIds: [...DB_IDS] }, findings: r.findings, meta: { kind: 'db', top: r.top, server: { ...r.server, ...r.extensions }, queries: r.queries, durationMs: Math.round(performance.now() - t0) } }
          } finally {
            await db.end()
          }
          ctx.runs.save(run)
          emit('done', 'done', 8, 8)
        } catch (e) {
          const cancelled = ac.signal.aborted
          const message = cancelled ? 'The database checks were stopped.' : (e as Error).message
          // A run that could not finish keeps nothing it could pass: no findings, the reason said.
          ctx.runs.save({ id: runId, projectId, startedAt, finishedAt: new Date().toISOString(), state: cancelled ? 'cancelled' : 'failed', scope: { checkIds: [...DB_IDS] }, findings: [], meta: { kind: 'db', message } })
          emit(cancelled ? 'cancelled' : 'failed', 'stopped', 0, 8, message)
        } finally {
          running.delete(projectId)
        }
      })()
      return { runId }
    },
    'db.cancel': ({ runId }) => {
      const r = [...running.values()].find((x) => x.runId === runId)
      if (!r) return { cancelled: false }
      r.ac.abort()
      return { cancelled: true }
    },
    'db.latest': ({ projectId }) => {
      ctx.projects.get(projectId)
      const [r] = dbRuns(projectId)
      const latest: DbLatest = {
        roleSql: advisorRoleSql((r?.meta.server as { database?: string } | undefined)?.database ?? 'your_database'),
        ...(running.get(projectId) ? { runningId: running.get(projectId)!.runId } : {}),
        ...(r
          ? {
              run: {
                runId: r.id,
                at: r.finishedAt ?? r.startedAt,
                state: r.state,
                findings: r.findings,
                top: Array.isArray(r.meta.top) ? (r.meta.top as string[]) : [],
                ...(r.meta.server ? { server: r.meta.server as DbServerInfo } : {}),
                ...(typeof r.meta.queries === 'number' ? { queries: r.meta.queries } : {}),
                ...(typeof r.meta.durationMs === 'number' ? { durationMs: r.meta.durationMs } : {}),
              },
            }
          : {}),
      }
      return latest
    },
  }
}
