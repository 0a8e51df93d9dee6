/**
 * The RFC 7208 conformance suite (openspf, BSD licence: see
 * spf/rfc7208-tests.LICENSE), every case a test: each document's zone is
 * served by the loopback fixture DNS server and every query goes through the
 * engine's DNS client (a short timeout for TIMEOUT names), then through our
 * check_host() (src/main/engine/email/spf-eval.ts). Where the suite lists
 * several acceptable results, any of them passes. The pass count is printed.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { startDnsServer, type DnsServer } from '../fixtures/dns/server'
import { createResolver } from '../../src/main/engine/dns/client'
import { evaluateSpf } from '../../src/main/engine/email/spf-eval'
import { acceptable, suiteZone, type SuiteDoc } from './spf/suite-zone'

const file = fileURLToPath(new URL('./spf/rfc7208-tests.yml', import.meta.url))
const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'))
  .map((d) => d.toJS() as SuiteDoc | null)
  .filter((d): d is SuiteDoc => !!d && typeof d === 'object' && !!d.tests)

const total = docs.reduce((n, d) => n + Object.keys(d.tests).length, 0)
let passed = 0
const failures: string[] = []

afterAll(() => {
  console.log(`RFC 7208 suite: ${passed} / ${total} cases passed${failures.length ? `\n  failed: ${failures.join('\n  failed: ')}` : ''}`)
})

it('reads the whole suite', () => {
  expect(docs.length).toBe(16)
  expect(total).toBe(203)
})

for (const doc of docs) {
  describe(doc.description, () => {
    let server: DnsServer | undefined
    const ready = startDnsServer(suiteZone(doc)).then((s) => (server = s))
    afterAll(async () => {
      await server?.close()
    })
    for (const [id, t] of Object.entries(doc.tests)) {
      it(id, async () => {
        const s = await ready
        const resolver = createResolver({ servers: [s.server], timeoutMs: 500, retries: 0 })
        const want = acceptable(t)
        const r = await evaluateSpf(resolver, { ip: t.host, sender: t.mailfrom, helo: t.helo, maxElapsedMs: 10_000 })
        if (want.includes(r.result)) passed++
        else failures.push(`${doc.description} / ${id}: expected ${want.join(' or ')}, got ${r.result} (${r.comment})`)
        expect(want, `${id}: ${t.description ?? ''} got ${r.result} (${r.comment})`).toContain(r.result)
      })
    }
  })
}
