/**
 * The check suites an audit runs (Stage 1 runs them all; a stage re-run or a
 * "Check again" narrows them with `SuiteContext.only`). Each family adds its
 * factory here. perf is not listed: its measurements run from Stage 5 and the
 * `perf` / `load` commands, never as part of an audit.
 */
import type { CheckSuite } from './types'

export interface AuditSuiteOptions {
  /** Per-operation timeout, ms. */
  timeoutMs?: number
}

export function auditSuites(_opts: AuditSuiteOptions = {}): CheckSuite[] {
  return []
}
