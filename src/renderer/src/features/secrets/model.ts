/** Pure helpers of the secrets panels: rows by location, counts by kind, the words for each. */
import type { Finding } from '../../../../shared/model'

export const SECRETS_IDS = ['secrets.repo', 'secrets.history', 'secrets.env-committed', 'secrets.build-output', 'secrets.bundle', 'secrets.sourcemaps'] as const
export const LOCAL_IDS = ['secrets.repo', 'secrets.history', 'secrets.env-committed', 'secrets.build-output'] as const

export type Location = 'tree' | 'history' | 'env-file' | 'build' | 'site'
export const LOCATIONS: { id: Location; title: string }[] = [
  { id: 'tree', title: 'In the code today' },
  { id: 'history', title: 'In the code history' },
  { id: 'env-file', title: 'Committed env and credential files' },
  { id: 'build', title: 'In the production build' },
  { id: 'site', title: 'On the live site' },
]

export const KIND_WORDS: Record<string, { word: string; meaning: string }> = {
  secret: { word: 'Secret', meaning: 'a live credential: rotate it' },
  test: { word: 'Test key', meaning: 'a test-mode credential: low risk, still rotate it' },
  public: { word: 'Public', meaning: 'public by design: check its restrictions' },
}

export interface SecretRow {
  finding: Finding
  location: Location
  where: string
  line?: number
  commit?: string
  kind?: string
  provider?: string
  masked?: string
  fingerprint?: string
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

export const isSecretsFinding = (f: Pick<Finding, 'checkId'>): boolean => f.checkId.startsWith('secrets.')

/** One row per found value or problem file (not the passes), worst first within each location. */
export function secretRows(findings: readonly Finding[]): SecretRow[] {
  const rank = (r: SecretRow) => (r.kind === 'secret' || !r.kind ? 0 : r.kind === 'test' ? 1 : 2)
  return findings
    .filter((f) => isSecretsFinding(f) && (f.status === 'fail' || f.status === 'warn') && f.checkId !== 'secrets.sourcemaps')
    .map((f): SecretRow => {
      const e = f.evidence as Record<string, unknown>
      const location = (str(e.location) as Location | undefined) ?? (f.checkId === 'secrets.bundle' ? 'site' : f.checkId === 'secrets.history' ? 'history' : 'tree')
      const line = typeof e.line === 'number' ? e.line : undefined
      return {
        finding: f,
        location,
        where: str(e.file) ?? str(e.url) ?? f.target,
        ...(line !== undefined ? { line } : {}),
        ...(str(e.commit) ? { commit: str(e.commit)!.slice(0, 7) } : {}),
        ...(str(e.kind) ? { kind: str(e.kind)! } : {}),
        ...(str(e.provider) ? { provider: str(e.provider)! } : {}),
        ...(str(e.masked) ? { masked: str(e.masked)! } : {}),
        ...(str(e.fingerprint) ? { fingerprint: str(e.fingerprint)! } : {}),
      }
    })
    .sort((a, b) => rank(a) - rank(b) || a.where.localeCompare(b.where))
}

export interface KindCounts {
  secret: number
  test: number
  public: number
  /** Committed env files, source maps, debug builds: problems that are not one value. */
  other: number
}

export function kindCounts(findings: readonly Finding[]): KindCounts {
  const c: KindCounts = { secret: 0, test: 0, public: 0, other: 0 }
  for (const f of findings) {
    if (!isSecretsFinding(f) || (f.status !== 'fail' && f.status !== 'warn')) continue
    const kind = str((f.evidence as Record<string, unknown>).kind)
    if (kind === 'secret' || kind === 'test' || kind === 'public') c[kind]++
    else c.other++
  }
  return c
}

/** The Stage 1 line: counts by kind, the worst first. */
export function summaryText(c: KindCounts): string {
  const parts: string[] = []
  if (c.secret) parts.push(`${c.secret} live ${c.secret === 1 ? 'secret' : 'secrets'}`)
  if (c.other) parts.push(`${c.other} exposed ${c.other === 1 ? 'file or source map' : 'files or source maps'}`)
  if (c.test) parts.push(`${c.test} test ${c.test === 1 ? 'key' : 'keys'}`)
  if (c.public) parts.push(`${c.public} public ${c.public === 1 ? 'key' : 'keys'} to check`)
  return parts.length ? `Found ${parts.join(', ')}.` : 'No credentials found where they should not be.'
}

/** What the checks could not look at, in plain words (no repository chosen, a check that errored). */
export function coverageGaps(findings: readonly Finding[], repoChosen: boolean): string[] {
  const gaps: string[] = []
  if (!repoChosen) gaps.push('Your code is not scanned yet: choose the folder that holds it (the git repository) below.')
  for (const f of findings) if (isSecretsFinding(f) && f.status === 'error') gaps.push(`${f.title}: ${f.summary}`)
  return gaps
}

export function scanText(s: { phase: string; files: number; commits: number } | undefined): string {
  if (!s) return 'Starting…'
  const files = `${s.files} ${s.files === 1 ? 'file' : 'files'}`
  const commits = `${s.commits} ${s.commits === 1 ? 'commit' : 'commits'}`
  if (s.phase === 'files') return `Reading the code: ${files} so far`
  if (s.phase === 'history') return `Reading the history: ${files}, ${commits} so far`
  if (s.phase === 'build') return `Reading the build: ${files}, ${commits}`
  return `Read ${files} and ${commits}`
}
