/**
 * The check suites an audit runs (Stage 1 runs them all; a stage re-run or a
 * "Check again" narrows them with `SuiteContext.only`). Each family adds its
 * factory here. perf is not listed: its measurements run from Stage 5 and the
 * `perf` / `load` commands, never as part of an audit.
 */
import type { CheckSuite } from './types'
import { createEmailSuite } from './email/suite'
import { createEdgeSuite, createHttpSuite, createTlsSuite } from './web/suite'
import { createDnsSuite } from './dnscheck/suite'
import { createSecretsSuite } from './secrets/suite'
import type { RepoScanProgress } from './secrets/repo'

export interface AuditSuiteOptions {
  /** Per-operation timeout, ms. */
  timeoutMs?: number
  /** Network operations in flight at once inside the web suites (1 = one probe at a time, the benchmark baseline). */
  concurrency?: number
  /** The secret scan's counts as it reads the repository (files, commits). */
  onRepoProgress?: (p: RepoScanProgress) => void
}

export function auditSuites(opts: AuditSuiteOptions = {}): CheckSuite[] {
  const t = opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}
  const web = { ...t, ...(opts.concurrency ? { concurrency: opts.concurrency } : {}) }
  // dns publishes the `dnsMap` artifact; http, tls and edge (+ monitor.request-id) share one surface
  // walk and one TLS probe per host (ctx.shared) and publish `surface` and `certificates` (run/artifacts.ts).
  // DNS answers are memoised per run and shared by all of them. `EngineDeps.portMap` also maps 53 for the
  // authoritative name-server queries (the offline demo). dns.propagation asks 1.1.1.1/8.8.8.8/9.9.9.9 only
  // when the system resolver is in use and the domain is not a reserved test name.
  // secrets reads the live site's scripts (and, when the project names its repository, the code on disk).
  return [createDnsSuite(t), createEmailSuite(t), createHttpSuite(web), createTlsSuite(web), createEdgeSuite(web), createSecretsSuite({ ...t, ...(opts.onRepoProgress ? { onRepoProgress: opts.onRepoProgress } : {}) })]
}
