/**
 * What a run covers: the whole audit, one stage, or some checks on some
 * targets ("Check again"). Turns a RunScope into the `only` set suites honour
 * and the filter the orchestrator applies to what comes back.
 */
import { CATALOG } from '../../../shared/catalog'
import type { Finding, RunScope } from '../../../shared/model'
import type { CheckSuite } from '../types'

/** Stage 1 is the quick audit: it runs every automated check, so it is the same as no scope. */
export function normalizeScope(scope: RunScope = {}): RunScope {
  const out: RunScope = {}
  if (scope.stage && scope.stage !== 1) out.stage = scope.stage
  if (scope.checkIds?.length) out.checkIds = [...new Set(scope.checkIds)]
  if (scope.targets?.length) out.targets = [...new Set(scope.targets)]
  return out
}

/** The check IDs a scope allows, or undefined for all of them. */
export function scopeCheckIds(scope: RunScope): Set<string> | undefined {
  let ids: Set<string> | undefined
  if (scope.stage) ids = new Set(CATALOG.filter((c) => c.stage === scope.stage).map((c) => c.id))
  if (scope.checkIds?.length) {
    const wanted = new Set(scope.checkIds)
    ids = ids ? new Set([...ids].filter((id) => wanted.has(id))) : wanted
  }
  return ids
}

/** Suites with at least one check in scope. */
export function suitesInScope(suites: readonly CheckSuite[], only: ReadonlySet<string> | undefined): CheckSuite[] {
  return only ? suites.filter((s) => s.checkIds.some((id) => only.has(id))) : [...suites]
}

export function inScope(scope: RunScope, only: ReadonlySet<string> | undefined, f: Pick<Finding, 'checkId' | 'target'>): boolean {
  if (only && !only.has(f.checkId)) return false
  if (scope.targets?.length && !scope.targets.includes(f.target)) return false
  return true
}

/** Plain description of a scope, for progress lines and the history list. */
export function describeScope(scope: RunScope): string {
  const s = normalizeScope(scope)
  const parts: string[] = []
  if (s.checkIds?.length) parts.push(s.checkIds.length === 1 ? `the check ${s.checkIds[0]}` : `${s.checkIds.length} checks${s.stage ? ` of stage ${s.stage}` : ''}`)
  else if (s.stage) parts.push(`stage ${s.stage} checks`)
  if (s.targets?.length) parts.push(`on ${s.targets.join(', ')}`)
  return parts.length ? parts.join(' ') : 'every automated check'
}
