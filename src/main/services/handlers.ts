/**
 * createServices: every area's handlers over one data directory. The Electron
 * shell, the e2e harness and integration tests all build the app this way;
 * only the effects differ (file backend, dialogs, link opener, event sink).
 * Each area adds its handlers below, one line each.
 */
import type { AppInfo } from '../../shared/contract/app'
import type { EventName, Payload } from '../../shared/contract'
import { DurableDoc } from '../store/doc'
import type { DocFileFactory } from '../store/backend'
import { emptyProjects, emptyRuns, migrateProjects, migrateRuns, ProjectsDoc, RunsDoc } from '../store/schema'
import { projectRepo, runRepo } from '../store/repos'
import { createVault } from '../vault'
import type { KeyringBackend } from '../vault/keyring'
import type { Dialogs, ServiceContext, Vault } from './context'
import type { CallContext, HandlerMap, Logger } from './dispatch'
import { appHandlers } from './app'
import { projectHandlers } from './projects'
import { vaultHandlers } from './vault'
import { evidenceStore } from './evidence'
import { perfHandlers, builtLoadWorker, type PerfServiceDeps } from './perf'
import { createRunsService, type RunsServiceDeps } from './runs'
import { reportHandlers, type ReportServiceDeps } from './report'
import { emailHandlers } from './email'
import { secretsHandlers } from './secrets'
import { dbHandlers } from './db'
import { deployHandlers } from './deploy'
import { createMonitorService, type MonitorService } from './monitor'
import { createDemoService } from './demo'

export interface ServicesOptions {
  dataDir: string
  host: ServiceContext['host']
  version: string
  dialogs: Dialogs
  openExternal(url: string): Promise<void>
  emit<K extends EventName>(event: K, payload: Payload<K>): void
  log: Logger
  /** electron-store in the app; conf (the default) in plain Node. */
  docFile?: DocFileFactory
  /** A ready vault, or a keyring backend for the default one. */
  vault?: Vault
  keyring?: KeyringBackend
  perf?: PerfServiceDeps
  runs?: RunsServiceDeps
  report?: ReportServiceDeps
  /** Desktop notifications (the Electron shell's Notification). */
  notify?(title: string, body: string): Promise<boolean>
  /** Applies the start-at-login setting (the Electron shell: login item, or the Linux autostart entry). */
  onStartAtLogin?(on: boolean): void
}

export interface Services {
  handlers: HandlerMap
  ctx: CallContext
  /** The context the handlers share (for tests and the shell). */
  service: ServiceContext
  /** The uptime watch (the shell tells it when the computer wakes up). */
  monitor: MonitorService
  /** Writes pending changes now. */
  flush(): Promise<void>
  close(): Promise<void>
}

export async function createServices(opts: ServicesOptions): Promise<Services> {
  const docOpts = { dir: opts.dataDir, ...(opts.docFile ? { file: opts.docFile } : {}) }
  const projectsDoc = new DurableDoc({ ...docOpts, name: 'projects', schema: ProjectsDoc, migrate: migrateProjects, empty: emptyProjects })
  const runsDoc = new DurableDoc({ ...docOpts, name: 'runs', schema: RunsDoc, migrate: migrateRuns, empty: emptyRuns })
  const recovery = (): AppInfo['recovery'] => {
    const r = projectsDoc.recovery ?? runsDoc.recovery
    return r ? { movedTo: r.movedTo, reason: r.restored ? `${r.reason}; the last good copy was restored` : `${r.reason}; no earlier copy existed, so the app started empty`, at: r.at } : undefined
  }
  if (projectsDoc.recovery) opts.log.warn('projects store recovered', projectsDoc.recovery)
  if (runsDoc.recovery) opts.log.warn('runs store recovered', runsDoc.recovery)

  const service: ServiceContext = {
    host: opts.host,
    version: opts.version,
    dataDir: opts.dataDir,
    projects: projectRepo(projectsDoc, runsDoc),
    runs: runRepo(runsDoc),
    vault: opts.vault ?? createVault(opts.keyring ? { backend: opts.keyring } : {}),
    dialogs: opts.dialogs,
    openExternal: opts.openExternal,
    emit: opts.emit,
    log: opts.log,
    ...(opts.notify ? { notify: opts.notify } : {}),
  }
  const loadWorker = builtLoadWorker()
  const demo = createDemoService(service)
  service.demo = demo
  const runs = createRunsService(service, opts.runs)
  const monitor = createMonitorService(service, { ...(opts.runs?.portMap ? { portMap: opts.runs.portMap } : {}), ...(opts.onStartAtLogin ? { onStartAtLogin: opts.onStartAtLogin } : {}) })
  const handlers: HandlerMap = {
    ...appHandlers(service, recovery),
    ...projectHandlers(service, evidenceStore(opts.dataDir)),
    ...vaultHandlers(service),
    ...perfHandlers(service, { ...(loadWorker ? { loadWorkerEntry: loadWorker } : {}), ...opts.perf }),
    ...runs.handlers,
    ...reportHandlers(service, opts.report),
    ...emailHandlers(service),
    ...secretsHandlers(service),
    ...dbHandlers(service),
    ...deployHandlers(service, opts.runs?.portMap ? { portMap: opts.runs.portMap } : {}),
    ...monitor.handlers,
    ...demo.handlers,
  }
  const flush = async () => {
    projectsDoc.flushSync()
    runsDoc.flushSync()
  }
  return {
    handlers,
    ctx: { emit: opts.emit },
    service,
    monitor,
    flush,
    close: async () => {
      monitor.stopAll()
      runs.cancelAll()
      await runs.waitIdle()
      await demo.close()
      projectsDoc.close()
      runsDoc.close()
    },
  }
}
