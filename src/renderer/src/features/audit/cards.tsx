/** A finding card wired to the store: Check again, Accept this risk, the project's providers. */
import type { Finding } from '../../../../shared/model'
import { findingKey } from '../../../../shared/model'
import { FindingCard } from '../../components/FindingCard'
import { useApp } from '../../store/hooks'

export function AuditFindingCard({ projectId, finding, headingLevel }: { projectId: string; finding: Finding; headingLevel?: 3 | 4 }) {
  const key = findingKey(finding)
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const accepted = project?.acceptedRisks[key]
  const providers = project ? [project.dnsProvider, project.cdnProvider, project.hostingProvider, ...project.emailProviders] : []
  const busy = useApp((s) => s.liveRun?.projectId === projectId)
  const start = useApp((s) => s.startRun)
  const accept = useApp((s) => s.acceptRisk)
  const unaccept = useApp((s) => s.unacceptRisk)
  return (
    <FindingCard
      finding={finding}
      providers={providers}
      busy={busy}
      {...(headingLevel ? { headingLevel } : {})}
      {...(accepted ? { accepted } : {})}
      onCheckAgain={() => void start(projectId, { checkIds: [finding.checkId], targets: [finding.target] })}
      onAccept={(reason) => accept(projectId, key, reason)}
      onUnaccept={() => void unaccept(projectId, key)}
    />
  )
}

export function CardList({ projectId, findings, label }: { projectId: string; findings: Finding[]; label: string }) {
  if (!findings.length) return null
  return (
    <ul className="finding-list" aria-label={label}>
      {findings.map((f) => (
        <li key={findingKey(f)}>
          <AuditFindingCard projectId={projectId} finding={f} />
        </li>
      ))}
    </ul>
  )
}
