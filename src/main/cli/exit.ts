/**
 * The exit code every command shares (SPEC.md's CLI contract): 1 when a check
 * at severity high or above fails or could not run (a check that could not
 * run is never a pass), and 1 when every check errored — a command that
 * checked nothing has not passed, whatever the checks' severities. Risks the
 * project accepted with a reason do not fail the build. 0 otherwise.
 */
import { SEVERITIES } from '../../shared/catalog'
import { findingKey, type Finding } from '../../shared/model'

export function exitCodeFor(findings: readonly Finding[], accepted: Readonly<Record<string, unknown>> = {}): number {
  const high = SEVERITIES.indexOf('high')
  const open = findings.filter((f) => !Object.hasOwn(accepted, findingKey(f)))
  if (open.some((f) => (f.status === 'fail' || f.status === 'error') && SEVERITIES.indexOf(f.severity) <= high)) return 1
  return findings.length > 0 && findings.every((f) => f.status === 'error') ? 1 : 0
}
