/**
 * The Stage 2 email panel's view, built either from a fresh email check or,
 * without any network, from an audit run's `meta.email` artifact and its
 * email.* findings (so the panel shows results right after a Stage 1 audit).
 */
import type { Project, Run } from '../../shared/model'
import type { EmailProviderInfo, EmailView } from '../../shared/contract/email'
import { runArtifacts, type EmailAuthState, type SpfTreeNode } from '../../shared/audit-data'
import type { EmailAudit } from '../engine/email/audit'
import { resolveProviders } from '../engine/email/audit'
import { launchDmarcRecord, parseDmarc } from '../engine/email/dmarc'
import { detectProviders, type EmailProvider } from '../engine/email/providers'
import { proposeSpf } from '../engine/email/spf-build'

export const providerInfo = (p: EmailProvider): EmailProviderInfo => ({
  id: p.id,
  name: p.name,
  spfMode: p.spfMode,
  spfInclude: p.spfIncludes[0]!,
  ...(p.bounceName ? { bounceName: p.bounceName } : {}),
  dkimSelectors: p.dkimSelectors,
  dkimSteps: p.dkimSteps,
})

export function viewFromAudit(projectId: string, runId: string, a: EmailAudit): EmailView {
  const launch = launchDmarcRecord(a.state.domain, a.dmarc.info)
  return {
    projectId,
    domain: a.state.domain,
    checkedAt: new Date().toISOString(),
    runId,
    state: a.state,
    findings: a.findings,
    spf: { records: a.lint.records, totalLookups: a.lint.totalLookups, totalVoid: a.lint.totalVoid, overLimitAt: a.lint.overLimitAt ?? null, proposal: a.proposal },
    dmarc: { at: a.dmarc.at, record: a.dmarc.records.length === 1 ? a.dmarc.records[0]! : null, launchRecord: launch.record, nextSteps: launch.next, removedTags: a.dmarc.info?.removedTags ?? [] },
    providers: { configured: a.configured.map(providerInfo), unknown: a.unknownProviders, detected: a.detected.map((d) => ({ id: d.provider.id, name: d.provider.name, via: d.via })) },
  }
}

function walkTree(n: SpfTreeNode, f: (n: SpfTreeNode) => void): void {
  f(n)
  for (const c of n.children) walkTree(c, f)
}

/** The view from an audit run that carries `meta.email` and email findings; undefined when it has neither. */
export function viewFromRun(run: Run, project: Project): EmailView | undefined {
  const state: EmailAuthState | undefined = runArtifacts(run.meta).email
  const findings = run.findings.filter((f) => f.checkId.startsWith('email.'))
  if (!state || findings.length === 0) return undefined
  const tree = state.spfTree
  let totalVoid = 0
  let overLimitAt: string | null = null
  const includes: string[] = []
  if (tree) {
    walkTree(tree, (n) => {
      totalVoid += n.voidLookups
      if (n.pushesOverLimit && !overLimitAt) overLimitAt = n.domain
      if (n.via !== 'root' && !includes.includes(n.domain)) includes.push(n.domain)
    })
  }
  const { configured, unknown } = resolveProviders(project.emailProviders)
  const current = state.spf.length === 1 ? state.spf[0]! : null
  const dmarcInfo = state.dmarc ? parseDmarc(state.dmarc, state.dmarcAt ?? state.domain) : null
  const launch = launchDmarcRecord(state.domain, dmarcInfo)
  const detected = detectProviders(includes, state.nullMx ? [] : state.mx.map((m) => m.exchange), state.dkim.filter((k) => k.record).map((k) => k.selector))
  return {
    projectId: project.id,
    domain: state.domain,
    checkedAt: run.finishedAt ?? run.startedAt,
    runId: run.id,
    state,
    findings,
    spf: { records: state.spf, totalLookups: tree?.totalLookups ?? 0, totalVoid, overLimitAt, proposal: proposeSpf(current, tree, configured, state.domain) },
    dmarc: { at: state.dmarcAt ?? null, record: state.dmarc, launchRecord: launch.record, nextSteps: launch.next, removedTags: dmarcInfo?.removedTags ?? [] },
    providers: { configured: configured.map(providerInfo), unknown, detected: detected.map((d) => ({ id: d.provider.id, name: d.provider.name, via: d.via })) },
  }
}
