/**
 * The pack's list of exposed secrets: where each value the scan found lives
 * (file and line, commit, page), what it is, its masked form, who rotates it
 * and the first step. Never the value: the findings only ever held the
 * masked form and the fingerprint.
 */
import type { Finding, Project } from '../../shared/model'
import { findingKey } from '../../shared/model'
import type { ExposedSecretRow } from '../../shared/report-model'

const LOCATION_WORDS: Record<string, string> = { tree: 'the code', history: 'the code history', 'env-file': 'a committed file', build: 'the production build', site: 'the live site' }
const KIND_WORDS: Record<string, string> = { secret: 'live secret', test: 'test key', public: 'public key' }
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** Who rotates a provider's key: the secrets list's owner, else the owner of that provider's account, else nobody recorded. */
function rotatedBy(project: Project, provider: string): string {
  const p = provider.toLowerCase()
  const h = project.handover
  const listed = h.secrets.find((s) => s.owner.trim() && `${s.name} ${s.location}`.toLowerCase().includes(p))
  if (listed) return listed.owner.trim()
  const owner = h.owners.find((o) => o.owner.trim() && o.provider.toLowerCase().includes(p))
  return owner?.owner.trim() ?? ''
}

export function exposedSecrets(project: Project, latest: readonly Finding[]): ExposedSecretRow[] {
  return latest
    .filter((f) => f.checkId.startsWith('secrets.') && (f.status === 'fail' || f.status === 'warn') && f.checkId !== 'secrets.sourcemaps')
    .map((f): ExposedSecretRow => {
      const e = f.evidence as Record<string, unknown>
      const kind = str(e.kind)
      const provider = str(e.provider) || (f.checkId === 'secrets.env-committed' ? 'Every key in the file' : 'Build settings')
      const file = str(e.file)
      const where = str(e.url) || (file ? `${file}${typeof e.line === 'number' ? `:${e.line}` : ''}` : f.target)
      const accepted = project.acceptedRisks[findingKey(f)]
      return {
        where: `${where}${str(e.commit) ? ` (commit ${str(e.commit).slice(0, 7)}${str(e.date) ? `, ${str(e.date).slice(0, 10)}` : ''})` : ''}`,
        location: LOCATION_WORDS[str(e.location)] ?? 'the repository',
        what: kind ? `${provider} ${KIND_WORDS[kind] ?? kind}` : f.title,
        masked: str(e.masked),
        rotatedBy: rotatedBy(project, provider),
        firstStep: f.fix[0]?.text ?? '',
        state: accepted ? `accepted: ${accepted.reason}` : kind === 'public' ? 'check its restrictions' : kind === 'test' ? 'rotate (test key)' : 'rotate now',
      }
    })
}
