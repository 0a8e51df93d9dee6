/** The email service through createServices and dispatch, with the project's DNS server pointing at the fixture server. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services/handlers'
import { caller, testServices } from '../../fixtures/services'
import type { Project } from '../../../src/shared/model'
import type { EmailProviderInfo, EmailView, HandTestRecord, SpfView } from '../../../src/shared/contract/email'
import { EMAIL_HAND_TEST } from '../../../src/shared/contract/email'
import { runArtifacts } from '../../../src/shared/audit-data'
import { startDnsServer, type DnsServer } from '../../fixtures/dns/server'
import { D, fakeHttp, goodZone, withRecords } from '../../fixtures/email/zones'
import { createResolver } from '../../../src/main/engine/dns/client'
import { auditEmail } from '../../../src/main/engine/email/audit'

let dataDir: string
let services: Services
let dns: DnsServer
let project: Project

const { call, value: ok } = caller(() => services)

beforeAll(async () => {
  dns = await startDnsServer(withRecords(goodZone(), { [`_mta-sts.${D}`]: null }))
  dataDir = mkdtempSync(join(tmpdir(), 'lr-email-svc-'))
  services = await testServices({ dataDir })
  project = await ok<Project>('projects.create', { name: 'Acme', vertical: 'community', domain: D, emailProviders: ['google-workspace', 'mailgun'], dnsProvider: 'cloudflare', dnsServer: dns.server })
})
afterAll(async () => {
  await services.close()
  await dns.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('email service', () => {
  it('lists the providers it knows', async () => {
    const list = await ok<EmailProviderInfo[]>('email.providers')
    const names = list.map((p) => p.name)
    for (const n of ['Google Workspace', 'Microsoft 365', 'Zoho Mail', 'Amazon SES', 'SendGrid', 'Postmark', 'Mailgun', 'Resend', 'Brevo (Sendinblue)', 'Mailchimp / Mandrill', 'HubSpot', 'Customer.io']) expect(names).toContain(n)
  })
  it('has no stored check before the first one', async () => {
    expect(await ok<EmailView | null>('email.latest', { projectId: project.id })).toBeNull()
  })
  it('runs the checks, stores a run with meta.email, and returns the view with the records to publish', async () => {
    const v = await ok<EmailView>('email.check', { projectId: project.id })
    expect(v.findings).toHaveLength(11)
    expect(v.findings.find((f) => f.checkId === 'email.spf.authorizes')?.status).toBe('fail')
    expect(v.spf.proposal.record).toBe('v=spf1 include:_spf.google.com include:mailgun.org ~all')
    expect(v.providers.configured.map((p) => p.id)).toEqual(['google-workspace', 'mailgun'])
    expect(v.dmarc.launchRecord).toBe(`v=DMARC1; p=reject; rua=mailto:dmarc@${D}; adkim=r; aspf=r`)
    const runs = services.service.runs.list(project.id)
    expect(runs[0]?.scope.stage).toBe(2)
    expect(runArtifacts(runs[0]!.meta).email?.spf).toEqual(['v=spf1 include:_spf.google.com ~all'])
    const latest = await ok<EmailView>('email.latest', { projectId: project.id })
    expect(latest.runId).toBe(v.runId)
  })
  it('returns the SPF tree and the result for an IP', async () => {
    const s = await ok<SpfView>('email.spf', { projectId: project.id, ip: '74.125.3.4' })
    expect(s.evaluation?.result).toBe('pass')
    expect(s.tree.children[0]?.domain).toBe('_spf.google.com')
    const bad = await call('email.spf', { projectId: project.id, ip: 'not-an-ip' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toMatch(/IPv4 or IPv6/)
    const dom = await call('email.spf', { projectId: project.id, domain: 'has space' })
    expect(dom.ok).toBe(false)
  })
  it('adds a DKIM selector (normalised, once) and rejects a bad one', async () => {
    expect(await ok('email.addSelector', { projectId: project.id, selector: 'S1._domainkey.acme.test' })).toEqual({ dkimSelectors: ['s1'] })
    expect(await ok('email.addSelector', { projectId: project.id, selector: 's1' })).toEqual({ dkimSelectors: ['s1'] })
    const bad = await call('email.addSelector', { projectId: project.id, selector: 'has space' })
    expect(bad.ok).toBe(false)
  })
  it('records the hand test outcome on the project', async () => {
    const empty = await call('email.recordHandTest', { projectId: project.id, mailboxes: [{ mailbox: 'gmail', placement: 'not-tested' }] })
    expect(empty.ok).toBe(false)
    const r = await ok<HandTestRecord>('email.recordHandTest', { projectId: project.id, mailboxes: [{ mailbox: 'gmail', placement: 'inbox', spf: 'pass', dkim: 'pass', dmarc: 'pass' }, { mailbox: 'outlook', placement: 'spam', spf: 'pass', dkim: 'fail', dmarc: 'fail' }], note: 'Reset link worked.' })
    expect(r.outcome).toBe('problems')
    expect(r.note).toContain('Outlook: spam; SPF pass, DKIM fail, DMARC fail')
    const p = await ok<Project>('projects.get', { id: project.id })
    expect(p.handTests[EMAIL_HAND_TEST]?.outcome).toBe('problems')
  })
  it('shows an audit run’s email results without checking again', async () => {
    const p2 = await ok<Project>('projects.create', { name: 'Acme Two', vertical: 'community', domain: D, emailProviders: ['google-workspace', 'mailgun'], dnsServer: dns.server })
    const a = await auditEmail(createResolver({ servers: [dns.server], timeoutMs: 1000 }), fakeHttp({}), p2, { timeoutMs: 1000 })
    const at = new Date().toISOString()
    services.service.runs.save({ id: 'audit-1', projectId: p2.id, startedAt: at, finishedAt: at, state: 'completed', scope: {}, findings: a.findings, meta: { kind: 'audit', email: a.state } })
    const v = await ok<EmailView>('email.latest', { projectId: p2.id })
    expect(v.runId).toBe('audit-1')
    expect(v.findings).toHaveLength(11)
    expect(v.spf.totalLookups).toBe(1)
    expect(v.spf.proposal.record).toBe('v=spf1 include:_spf.google.com include:mailgun.org ~all')
    expect(v.dmarc.launchRecord).toBe(`v=DMARC1; p=reject; rua=mailto:dmarc@${D}; adkim=r; aspf=r`)
    expect(v.providers.detected.map((d) => d.id)).toEqual(['google-workspace'])
  })
  it('fills checks a narrowed run did not repeat from older runs', async () => {
    const p3 = await ok<Project>('projects.create', { name: 'Acme Three', vertical: 'community', domain: D, emailProviders: ['google-workspace'], dnsServer: dns.server })
    const a = await auditEmail(createResolver({ servers: [dns.server], timeoutMs: 1000 }), fakeHttp({}), p3, { timeoutMs: 1000 })
    const t0 = new Date(Date.now() - 60_000).toISOString()
    const t1 = new Date().toISOString()
    services.service.runs.save({ id: 'full', projectId: p3.id, startedAt: t0, finishedAt: t0, state: 'completed', scope: {}, findings: a.findings, meta: { kind: 'audit', email: a.state } })
    const again = a.findings.filter((f) => f.checkId === 'email.dkim').map((f) => ({ ...f, ranAt: t1 }))
    services.service.runs.save({ id: 'again', projectId: p3.id, startedAt: t1, finishedAt: t1, state: 'completed', scope: { checkIds: ['email.dkim'] }, findings: again, meta: { kind: 'audit', email: a.state } })
    const v = await ok<EmailView>('email.latest', { projectId: p3.id })
    expect(v.runId).toBe('again')
    expect(v.findings).toHaveLength(11)
    expect(v.findings.find((f) => f.checkId === 'email.dkim')?.ranAt).toBe(t1)
  })
})
