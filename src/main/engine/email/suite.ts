/**
 * The email check suite for audits: every email.* check of SPEC.md, and the
 * run's `meta.email` artifact (EmailAuthState) for the app, the report and
 * the handover pack.
 */
import type { CheckSuite } from '../types'
import { publishArtifact } from '../run/artifacts'
import { auditEmail } from './audit'

export const EMAIL_CHECK_IDS = [
  'email.mx',
  'email.spf.present',
  'email.spf.syntax',
  'email.spf.lookups',
  'email.spf.all',
  'email.spf.authorizes',
  'email.dkim',
  'email.dmarc.present',
  'email.dmarc.policy',
  'email.mta-sts',
  'email.tls-rpt',
] as const

export interface EmailSuiteOptions {
  /** Per DNS/HTTP operation, ms (default 5000). */
  timeoutMs?: number
}

export function createEmailSuite(opts: EmailSuiteOptions = {}): CheckSuite {
  const wanted = (only?: ReadonlySet<string>) => EMAIL_CHECK_IDS.filter((id) => !only || only.has(id))
  return {
    id: 'email',
    checkIds: EMAIL_CHECK_IDS,
    plan: (ctx) => wanted(ctx.only).length,
    async run(ctx, sink) {
      const ids = wanted(ctx.only)
      if (ids.length === 0) return
      const d = ctx.target.domain
      for (const id of ids) sink.start(id, d)
      const left = ctx.deadline - ctx.clock.now()
      const timeoutMs = Math.max(200, Math.min(opts.timeoutMs ?? 5000, left))
      const audit = auditEmail(ctx.resolver, ctx.http, ctx.target, { timeoutMs, signal: ctx.signal, ...(ctx.only ? { only: ctx.only } : {}) })
      publishArtifact(ctx, 'email', audit.then((a) => a.state))
      const { findings } = await audit
      if (ctx.signal.aborted) return
      for (const f of findings) sink.finding(f)
    },
  }
}
