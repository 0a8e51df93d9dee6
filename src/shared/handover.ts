/**
 * What a complete handover holds, and how far the founder has got. Shared by
 * the Stage 7 editor (completeness view) and the handover pack ("not
 * recorded" callouts), so both always agree.
 */
import type { Handover, Project } from './model'

/** The production dependencies every owner map must cover (SPEC.md stage 7). */
export const OWNER_DEPENDENCIES = [
  { id: 'registrar', label: 'Domain registrar' },
  { id: 'dns', label: 'DNS' },
  { id: 'cdn', label: 'CDN / edge' },
  { id: 'hosting', label: 'Hosting' },
  { id: 'email', label: 'Email provider' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'payment', label: 'Payments' },
] as const
export type OwnerDependencyId = (typeof OWNER_DEPENDENCIES)[number]['id']

export const dependencyLabel = (dep: string): string => OWNER_DEPENDENCIES.find((d) => d.id === dep)?.label ?? dep

/** The provider the project already names for a dependency, to prefill the owner map. */
export function knownProvider(project: Pick<Project, 'dnsProvider' | 'cdnProvider' | 'hostingProvider' | 'emailProviders'>, dep: string): string {
  switch (dep) {
    case 'dns':
      return project.dnsProvider
    case 'cdn':
      return project.cdnProvider
    case 'hosting':
      return project.hostingProvider
    case 'email':
      return project.emailProviders.join(', ')
    default:
      return ''
  }
}

export interface CompletenessPart {
  id: 'owners' | 'envVars' | 'secrets' | 'deploy' | 'rollback' | 'health' | 'monitoring' | 'contacts' | 'risks' | 'preparedBy'
  label: string
  done: number
  total: number
  /** One line for the founder: what is recorded, or what is still missing. */
  text: string
}

const filled = (s: string | undefined): boolean => Boolean(s && s.trim())

/** Owner map rows that name an owner, one per standard dependency (custom rows count as extra). */
export function ownerCoverage(h: Handover): { covered: string[]; missing: string[] } {
  const covered: string[] = []
  const missing: string[] = []
  for (const dep of OWNER_DEPENDENCIES) {
    const row = h.owners.find((o) => o.dependency === dep.id)
    if (row && filled(row.owner)) covered.push(dep.id)
    else missing.push(dep.id)
  }
  return { covered, missing }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Stage 7's completeness view, part by part. */
export function handoverCompleteness(project: Pick<Project, 'handover' | 'contacts'>): CompletenessPart[] {
  const h = project.handover
  const own = ownerCoverage(h)
  const envDone = h.envVars.filter((v) => filled(v.name) && filled(v.purpose) && filled(v.owner) && filled(v.store)).length
  const secretsDone = h.secrets.filter((s) => filled(s.name) && filled(s.location) && filled(s.owner)).length
  const linksDone = h.monitoringLinks.filter((l) => filled(l.url)).length
  const risksDone = h.knownRisks.filter((r) => filled(r.symptom) && filled(r.firstAction)).length
  const contactsDone = project.contacts.filter((c) => filled(c.name) && (filled(c.email) || filled(c.phone))).length
  const one = (ok: boolean, yes: string, no: string) => ({ done: ok ? 1 : 0, total: 1, text: ok ? yes : no })
  return [
    {
      id: 'owners',
      label: 'Owner map',
      done: own.covered.length,
      total: OWNER_DEPENDENCIES.length,
      text: `${own.covered.length} of ${OWNER_DEPENDENCIES.length} dependencies have an owner`,
    },
    {
      id: 'envVars',
      label: 'Environment variables',
      done: envDone,
      total: Math.max(h.envVars.length, 1),
      text: h.envVars.length ? `${envDone} of ${h.envVars.length} variables have a purpose, owner and store` : 'No variables listed yet',
    },
    {
      id: 'secrets',
      label: 'Secrets locations',
      done: secretsDone,
      total: Math.max(h.secrets.length, 1),
      text: h.secrets.length ? `${secretsDone} of ${h.secrets.length} secrets have a location and an owner` : 'No secrets listed yet',
    },
    { id: 'deploy', label: 'Deploy steps', ...one(filled(h.deploySteps), 'Written down', 'Not written yet') },
    { id: 'rollback', label: 'Rollback steps', ...one(filled(h.rollbackSteps), 'Written down', 'Not written yet') },
    { id: 'health', label: 'Health check', ...one(filled(h.healthCheck), 'Recorded', 'Not recorded yet') },
    { id: 'monitoring', label: 'Monitoring links', ...one(linksDone > 0, plural(linksDone, 'link', 'links'), 'No links yet') },
    { id: 'contacts', label: 'Emergency contacts', ...one(contactsDone > 0, plural(contactsDone, 'contact', 'contacts'), 'No contacts yet') },
    { id: 'risks', label: 'Known risks', ...one(risksDone > 0, plural(risksDone, 'risk with a first action', 'risks with a first action'), 'None listed yet') },
    { id: 'preparedBy', label: 'Prepared by', ...one(filled(h.preparedBy), h.preparedBy.trim(), 'Not recorded yet') },
  ]
}
