/** The email audit suite: plan, `only`, the meta.email artifact, and how it reports through the progress sink. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDnsServer, type DnsServer } from '../../fixtures/dns/server'
import { createResolver } from '../../../src/main/engine/dns/client'
import { createEmailSuite, EMAIL_CHECK_IDS } from '../../../src/main/engine/email/suite'
import { auditSuites } from '../../../src/main/engine/suites'
import { collectArtifacts } from '../../../src/main/engine/run/artifacts'
import { systemClock, type SuiteContext } from '../../../src/main/engine/types'
import type { Finding } from '../../../src/shared/model'
import { D, fakeHttp, GOOD_POLICY, goodZone, policyUrl } from '../../fixtures/email/zones'

let dns: DnsServer
beforeAll(async () => {
  dns = await startDnsServer(goodZone())
})
afterAll(async () => {
  await dns.close()
})

function ctx(only?: string[], signal = new AbortController().signal): SuiteContext {
  return {
    resolver: createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 }),
    http: fakeHttp({ [policyUrl]: { body: GOOD_POLICY } }),
    clock: systemClock,
    target: { domain: D, canonicalHost: 'www', vertical: 'community', subdomains: [], discoverCommonSubdomains: false, criticalFlows: [], emailProviders: ['google-workspace'], dkimSelectors: [], expectedDns: [], dnsProvider: '', cdnProvider: '', hostingProvider: '' },
    signal,
    deadline: Date.now() + 30_000,
    activeProbes: false,
    ...(only ? { only: new Set(only) } : {}),
    shared: new Map(),
  }
}

describe('email suite', () => {
  it('is registered in auditSuites', () => {
    expect(auditSuites().map((s) => s.id)).toContain('email')
  })
  it('plans and reports every email check, starting each before its finding, and publishes meta.email', async () => {
    const suite = createEmailSuite({ timeoutMs: 1000 })
    const c = ctx()
    expect(await suite.plan(c)).toBe(EMAIL_CHECK_IDS.length)
    const started: string[] = []
    const found: Finding[] = []
    await suite.run(c, { start: (id) => started.push(id), finding: (f) => found.push(f) })
    expect(started.sort()).toEqual([...EMAIL_CHECK_IDS].sort())
    expect(found.map((f) => f.checkId).sort()).toEqual([...EMAIL_CHECK_IDS].sort())
    const artifacts = await collectArtifacts(c.shared, 1000)
    expect(artifacts.email?.domain).toBe(D)
    expect(artifacts.email?.spfTree?.domain).toBe(D)
  })
  it('narrows to the checks asked for', async () => {
    const suite = createEmailSuite({ timeoutMs: 1000 })
    const c = ctx(['email.dkim', 'dns.apex.resolves'])
    expect(await suite.plan(c)).toBe(1)
    const found: Finding[] = []
    await suite.run(c, { start: () => {}, finding: (f) => found.push(f) })
    expect(found.map((f) => f.checkId)).toEqual(['email.dkim'])
  })
  it('reports nothing once the run is cancelled', async () => {
    const ac = new AbortController()
    ac.abort()
    const found: Finding[] = []
    await createEmailSuite().run(ctx(undefined, ac.signal), { start: () => {}, finding: (f) => found.push(f) })
    expect(found).toEqual([])
  })
})
