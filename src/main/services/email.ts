/**
 * Stage 2 email handlers: run the email checks for a project on demand
 * (stored as a run, with `meta.email` like an audit's), the SPF tree and
 * evaluation for any domain and client IP, adding a DKIM selector, the list
 * of known providers, and recording the deliverability hand test.
 */
import { randomUUID } from 'node:crypto'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { Project, Run } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import { normalizeDomain } from '../../shared/domain'
import { EMAIL_HAND_TEST, type EmailView, type HandTestRecord } from '../../shared/contract/email'
import type { HttpClient, Resolver } from '../engine/types'
import { engineDepsFor } from '../engine/run/engine-deps'
import { auditEmail } from '../engine/email/audit'
import { EMAIL_PROVIDERS } from '../engine/email/providers'
import { providerInfo, viewFromAudit, viewFromRun } from './email-view'
import { EMAIL_CHECK_IDS } from '../engine/email/suite'
import { lintSpf } from '../engine/email/spf-tree'
import { describeSpfResult, evaluateSpf } from '../engine/email/spf-eval'

type EmailChannel = 'email.providers' | 'email.check' | 'email.latest' | 'email.spf' | 'email.addSelector' | 'email.recordHandTest'

export interface EmailServiceDeps {
  /** The resolver and HTTP client for a project (default: its DNS server and CA settings). */
  engineFor?: (p: Project) => { resolver: Resolver; http: HttpClient; close?: () => void }
  /** Per DNS/HTTP operation, ms (default 5000). */
  timeoutMs?: number
}

const EMAIL_IDS = new Set<string>(EMAIL_CHECK_IDS)
const MAILBOX_NAMES = { gmail: 'Gmail', outlook: 'Outlook', apple: 'Apple Mail' } as const

export function emailHandlers(ctx: ServiceContext, deps: EmailServiceDeps = {}): PartialHandlers<EmailChannel> {
  const timeoutMs = deps.timeoutMs ?? 5000
  const engineFor = deps.engineFor ?? ((p: Project) => engineDepsFor(p, { timeoutMs }))
  const checking = new Set<string>()

  return {
    'email.providers': () => EMAIL_PROVIDERS.map(providerInfo),

    'email.latest': ({ projectId }) => {
      const project = ctx.projects.get(projectId)
      // The newest run with email results: an email check (its stored view) or an audit (built from meta.email).
      // A narrowed run ("Check again" on one check) has only some email findings: the others come from older runs.
      const runs = ctx.runs.list(projectId)
      for (const [i, r] of runs.entries()) {
        const stored = r.meta.emailView as EmailView | undefined
        const v = stored && typeof stored === 'object' && stored.projectId === projectId ? { ...stored, runId: r.id } : r.meta.kind !== 'email' ? viewFromRun(r, project) : undefined
        if (!v) continue
        const have = new Set(v.findings.map((f) => f.checkId))
        for (const older of runs.slice(i + 1)) {
          for (const f of older.findings) {
            if (!EMAIL_IDS.has(f.checkId) || have.has(f.checkId)) continue
            have.add(f.checkId)
            v.findings = [...v.findings, f]
          }
        }
        return v
      }
      return null
    },

    'email.check': async ({ projectId }) => {
      const project = ctx.projects.get(projectId)
      if (checking.has(projectId)) throw new UserFacingError('busy', 'The email checks are already running for this project; they take a few seconds.')
      checking.add(projectId)
      const engine = engineFor(project)
      const startedAt = new Date().toISOString()
      try {
        const a = await auditEmail(engine.resolver, engine.http, project, { timeoutMs })
        const runId = randomUUID()
        const view = viewFromAudit(projectId, runId, a)
        const run: Run = { id: runId, projectId, startedAt, finishedAt: view.checkedAt, state: 'completed', scope: { stage: 2, checkIds: [...EMAIL_CHECK_IDS] }, findings: a.findings.filter((f) => EMAIL_IDS.has(f.checkId)), meta: { kind: 'email', email: a.state, emailView: view } }
        ctx.runs.save(run)
        return view
      } finally {
        engine.close?.()
        checking.delete(projectId)
      }
    },

    'email.spf': async ({ projectId, domain, ip, sender, helo }) => {
      const project = ctx.projects.get(projectId)
      let d = project.domain
      if (domain) {
        const n = normalizeDomain(domain)
        if (!n.ok) throw new UserFacingError('invalid-domain', n.message, [{ path: 'domain', message: n.message }])
        d = n.ascii
      }
      const engine = engineFor(project)
      try {
        const lint = await lintSpf(engine.resolver, d, { timeoutMs })
        let evaluation
        if (ip) {
          const e = await evaluateSpf(engine.resolver, { ip, sender: sender ?? `postmaster@${d}`, helo: helo ?? d, timeoutMs })
          evaluation = { result: e.result, summary: describeSpfResult(e), comment: e.comment, header: e.header, ...(e.explanation ? { explanation: e.explanation } : {}) }
        }
        return { domain: d, records: lint.records, tree: lint.tree, totalLookups: lint.totalLookups, totalVoid: lint.totalVoid, overLimitAt: lint.overLimitAt ?? null, ...(evaluation ? { evaluation } : {}) }
      } finally {
        engine.close?.()
      }
    },

    'email.addSelector': ({ projectId, selector }) => {
      const p = ctx.projects.get(projectId)
      if (p.dkimSelectors.includes(selector)) return { dkimSelectors: p.dkimSelectors }
      if (p.dkimSelectors.length >= 20) throw new UserFacingError('too-many', 'A project can list at most 20 DKIM selectors; remove one you no longer use first.')
      const updated = ctx.projects.update(projectId, { dkimSelectors: [...p.dkimSelectors, selector] })
      return { dkimSelectors: updated.dkimSelectors }
    },

    'email.recordHandTest': ({ projectId, mailboxes, note }) => {
      const p = ctx.projects.get(projectId)
      const tested = mailboxes.filter((m) => m.placement !== 'not-tested')
      if (tested.length === 0) throw new UserFacingError('nothing-tested', 'Record at least one mailbox: where did the password-reset email land?', [{ path: 'mailboxes', message: 'none tested' }])
      const bad = tested.filter((m) => m.placement !== 'inbox' || m.spf === 'fail' || m.dkim === 'fail' || m.dmarc === 'fail')
      const unknown = tested.some((m) => m.dmarc === 'unknown')
      const outcome = bad.length ? 'problems' : tested.length < 3 || unknown ? 'partly-verified' : 'passed'
      const lines = tested.map((m) => `${MAILBOX_NAMES[m.mailbox]}: ${m.placement}; SPF ${m.spf}, DKIM ${m.dkim}, DMARC ${m.dmarc}`)
      const record: HandTestRecord = { outcome, note: [...lines, ...(note.trim() ? ['', note.trim()] : [])].join('\n').slice(0, 5000), at: new Date().toISOString() }
      ctx.projects.update(projectId, { handTests: { ...p.handTests, [EMAIL_HAND_TEST]: record } })
      return record
    },
  }
}
