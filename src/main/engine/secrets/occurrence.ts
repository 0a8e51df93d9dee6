/**
 * One place a credential was found, in the only form that leaves the scan:
 * masked, fingerprinted and triaged. `toOccurrence` is the single point where
 * a raw value becomes this; the raw value is dropped there.
 */
import { fingerprintSecret, maskSecret } from './mask'
import { triage, type SecretKind } from './providers'
import type { Hit } from './detect'

export type SecretLocation = 'tree' | 'history' | 'env-file' | 'build' | 'site'

export interface Occurrence {
  checkId: 'secrets.repo' | 'secrets.history' | 'secrets.env-committed' | 'secrets.bundle' | 'secrets.sourcemaps' | 'secrets.build-output'
  location: SecretLocation
  ruleId: string
  provider: string
  kind: SecretKind
  /** What decided the kind, in plain words. */
  why: string
  masked: string
  fingerprint: string
  file?: string
  url?: string
  line?: number
  column?: number
  commit?: string
  date?: string
  author?: string
  /** History only: the same value is still in the working tree. */
  stillInTree?: boolean
  /** Where a site finding came from (the page, a source map's original file). */
  via?: string
  /** Number of places with the same value in the same file (history: commits). */
  count?: number
}

export function toOccurrence(checkId: Occurrence['checkId'], location: SecretLocation, hit: Hit, where: Partial<Occurrence>): Occurrence {
  const t = triage(hit.ruleId, hit.secret)
  return {
    checkId,
    location,
    ruleId: hit.ruleId,
    provider: t.provider,
    kind: t.kind,
    why: t.why,
    masked: maskSecret(hit.secret),
    fingerprint: fingerprintSecret(hit.secret),
    line: hit.line,
    column: hit.column,
    ...where,
  }
}

/** Merges occurrences of one value in one file (or URL), keeping the first and counting the rest. */
export function mergeOccurrences(list: readonly Occurrence[]): Occurrence[] {
  const byKey = new Map<string, Occurrence>()
  for (const o of list) {
    const key = `${o.checkId}|${o.fingerprint}|${o.file ?? o.url ?? ''}`
    const had = byKey.get(key)
    if (had) had.count = (had.count ?? 1) + 1
    else byKey.set(key, { ...o })
  }
  return [...byKey.values()]
}
