export { runAudit, type AuditRunOptions, type AuditRunResult, type RunEvent, type RunState, type RunningCheck } from './orchestrator'
export { normalizeScope, scopeCheckIds, describeScope } from './scope'
export { publishArtifact, collectArtifacts, artifactSlot } from './artifacts'
