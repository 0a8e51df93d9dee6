/**
 * What every area's handlers receive. Implemented by the store, vault and
 * shell code; the Electron shell and the test harness build it the same way.
 */
import type { Project, ProjectPatch, ProjectSummary, Run } from '../../shared/model'
import type { CredentialKind, CredentialSummary, VaultStatus } from '../../shared/contract/vault'
import type { Emit, Logger } from './dispatch'

export interface ProjectRepo {
  list(): ProjectSummary[]
  /** Throws UserFacingError('not-found') when missing. */
  get(id: string): Project
  create(project: Project): Project
  update(id: string, patch: ProjectPatch): Project
  remove(id: string): void
  /** Writes pending changes now (on quit, before export). */
  flush(): Promise<void>
}

export interface RunRepo {
  /** Newest first; at most the last 20 per project are kept. */
  list(projectId: string): Run[]
  get(runId: string): Run | undefined
  save(run: Run): void
  removeAll(projectId: string): void
}

export interface Vault {
  status(): Promise<VaultStatus>
  list(): Promise<CredentialSummary[]>
  set(name: string, kind: CredentialKind, value: string): Promise<CredentialSummary>
  reveal(name: string): Promise<string>
  remove(name: string): Promise<void>
  /** For the engine (main process only): the value, or undefined when absent. */
  get(name: string): Promise<string | undefined>
}

export interface Dialogs {
  /** Absolute path chosen to save a file, or null when cancelled. */
  chooseSavePath(opts: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>
  /** Absolute path chosen to open, or null when cancelled. */
  chooseOpenPath(opts: { title: string; extensions: string[] }): Promise<string | null>
  /** Absolute path of a folder chosen, or null when cancelled. */
  chooseFolder(opts: { title: string }): Promise<string | null>
  /** Where dialogs are asked of the renderer (the browser shell): takes its answer, or throws a UserFacingError saying why the path will not do. */
  answer?(id: string, path: string | null): void
}

export interface ServiceContext {
  host: 'electron' | 'browser' | 'harness' | 'cli'
  version: string
  dataDir: string
  projects: ProjectRepo
  runs: RunRepo
  vault: Vault
  dialogs: Dialogs
  openExternal(url: string): Promise<void>
  emit: Emit
  log: Logger
  /** Shows a desktop notification (the Electron shell); absent where there is no desktop to show it on. Resolves whether it was shown. */
  notify?(title: string, body: string): Promise<boolean>
  /** The embedded offline demo: brings a demo project's site up (and its settings up to date) before a run. */
  demo?: { refresh(p: Project): Promise<Project> }
}
