/**
 * The RFC 7208 conformance suite (openspf, BSD licence: see
 * spf/rfc7208-tests.LICENSE), every case a test: each document's zone is
 * served by the loopback fixture DNS server and every query goes through the
 * engine's DNS client (a short timeout for TIMEOUT names), then through our
 * check_host() (src/main/engine/email/spf-eval.ts). Where the suite lists
 * several acceptable results, any of them passes. The pass count is printed.
 */
import { afterAll, expect, it } from 'vitest'
import { createResolver } from '../../src/main/engine/dns/client'
import { evaluateSpf } from '../../src/main/engine/email/spf-eval'
import { acceptable } from './spf/suite-zone'
import { eachSuiteCase, SUITE_DOCS as docs } from './spf/suite'

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

eachSuiteCase(async (id, t, s, doc) => {
  const resolver = createResolver({ servers: [s.server], timeoutMs: 500, retries: 0 })
  const want = acceptable(t)
  const r = await evaluateSpf(resolver, { ip: t.host, sender: t.mailfrom, helo: t.helo, maxElapsedMs: 10_000 })
  if (want.includes(r.result)) passed++
  else failures.push(`${doc.description} / ${id}: expected ${want.join(' or ')}, got ${r.result} (${r.comment})`)
  expect(want, `${id}: ${t.description ?? ''} got ${r.result} (${r.comment})`).toContain(r.result)
})
