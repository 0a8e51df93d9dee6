import { afterAll, beforeAll } from 'vitest'
import { startDnsServer, type DnsServer, type Zone } from '../../fixtures/dns/server'
import { createResolver } from '../../../src/main/engine/dns/client'
import { auditEmail, type EmailAudit, type EmailTarget } from '../../../src/main/engine/email/audit'
import type { Finding } from '../../../src/shared/model'
import type { HttpClient } from '../../../src/main/engine/types'
import { D, fakeHttp, GOOD_POLICY, policyUrl } from '../../fixtures/email/zones'

/** One fixture DNS server per test file; each test swaps in its zone. */
export function useDns(): { audit(zone: Zone, target?: Partial<EmailTarget>, http?: HttpClient): Promise<EmailAudit & { by: (id: string) => Finding }> } {
  let server: DnsServer
  beforeAll(async () => {
    server = await startDnsServer({ records: {} })
  })
  afterAll(async () => {
    await server.close()
  })
  return {
    async audit(zone, target = {}, http = fakeHttp({ [policyUrl]: { body: GOOD_POLICY } })) {
      server.setZone(zone)
      const resolver = createResolver({ servers: [server.server], timeoutMs: 1000, retries: 0 })
      const a = await auditEmail(resolver, http, { domain: D, emailProviders: ['google-workspace'], dkimSelectors: [], dnsProvider: 'cloudflare', ...target }, { timeoutMs: 1000 })
      const by = (id: string) => {
        const f = a.findings.find((x) => x.checkId === id)
        if (!f) throw new Error(`no finding ${id}`)
        return f
      }
      return { ...a, by }
    },
  }
}
