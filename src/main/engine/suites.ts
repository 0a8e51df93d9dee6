/**
 * The check suites an audit runs (Stage 1 runs them all; a stage re-run or a
 * "Check again" narrows them with `SuiteContext.only`). Each family adds its
 * factory here. perf is not listed: its measurements run from Stage 5 and the
 * `perf` / `load` commands, never as part of an audit.
 */
import type { CheckSuite } from './types'
import { createEmailSuite } from './email/suite'
import { createEdgeSuite, createHttpSuite, createTlsSuite } from './web/suite'

export interface AuditSuiteOptions {
  /** Per-operation timeout, ms. */
  timeoutMs?: number
}

export function auditSuites(opts: AuditSuiteOptions = {}): CheckSuite[] {
  const t = opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}
  // http, tls and edge (+ monitor.request-id) share one surface walk and one TLS probe per host
  // (ctx.shared) and publish the `surface` and `certificates` artifacts (run/artifacts.ts).
  return [createEmailSuite(t), createHttpSuite(t), createTlsSuite(t), createEdgeSuite(t)]
}
