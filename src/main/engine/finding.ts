import { catalogEntry, type Severity, type Status } from '../../shared/catalog'
import type { Finding, FixStep } from '../../shared/model'

export interface FindingInput {
  title: string
  summary: string
  impact?: string
  evidence?: Record<string, unknown>
  fix?: FixStep[]
  /** Overrides the catalog's default severity (e.g. tls.expiry by days left). */
  severity?: Severity
  durationMs?: number
}

/** Builds a finding in SPEC.md's shape, taking stage, severity and areas from the catalog. */
export function makeFinding(checkId: string, target: string, status: Status, input: FindingInput, ranAt = new Date()): Finding {
  const entry = catalogEntry(checkId)
  if (!entry) throw new Error(`unknown check id ${checkId}`)
  const severity: Severity = input.severity ?? entry.severity
  return {
    checkId,
    stage: entry.stage,
    target,
    status,
    severity,
    title: input.title,
    summary: input.summary,
    ...(input.impact ? { impact: input.impact } : {}),
    evidence: input.evidence ?? {},
    fix: input.fix ?? [],
    durationMs: Math.max(0, input.durationMs ?? 0),
    areas: entry.areas,
    ranAt: ranAt.toISOString(),
  }
}

/** A check that could not run: never a pass. */
export function errorFinding(checkId: string, target: string, reason: string, durationMs = 0, evidence: Record<string, unknown> = {}): Finding {
  const entry = catalogEntry(checkId)
  return makeFinding(checkId, target, 'error', {
    title: `${entry?.name ?? checkId}: could not check`,
    summary: reason,
    evidence: { ...evidence, reason },
    durationMs,
    severity: entry?.severity,
  })
}
