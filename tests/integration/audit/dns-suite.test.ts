/** dns.* against the loopback authoritative DNS fixture (UDP/TCP wire protocol): a pass and a fail (and error) for every check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byCheck, collectSink, startUniverse, type Universe } from '../../fixtures/audit/universe'
import { dnsScenarioZone } from '../../fixtures/audit/dns-zone'
import { WEB_HOSTS } from '../../fixtures/audit/server'
import { startDnsServer, type DnsServer } from '../../fixtures/dns/server'
import { createDnsSuite, type DnsSuiteOptions } from '../../../src/main/engine/dnscheck/suite'
import { artifactSlot } from '../../../src/main/engine/run/artifacts'
import { DnsMapEntry } from '../../../src/shared/audit-data'
import { Finding } from '../../../src/shared/model'
import type { AuditTarget, Resolver } from '../../../src/main/engine/types'

let u: Universe
/** A second authoritative server standing in for ns2.bad.test (127.0.0.2): another zone version and another apex address. */
let dns2: DnsServer
let routed: Resolver

beforeAll(async () => {
  u = await startUniverse({ zone: dnsScenarioZone(WEB_HOSTS) })
  dns2 = await startDnsServer(dnsScenarioZone(WEB_HOSTS, { badSerial: 2026010101, badAddress: '10.0.0.6', pubAddress: '93.184.215.99' }))
  const ns2 = `127.0.0.2:${u.dns.port}`
  routed = { servers: () => u.resolver.servers(), query: (name, type, o = {}) => u.resolver.query(name, type, o.server === ns2 ? { ...o, server: dns2.server } : o) }
}, 30_000)
afterAll(async () => {
  await dns2?.close()
  await u?.close()
})

async function runDns(t: Partial<AuditTarget> & { domain: string }, opts: DnsSuiteOptions = {}, only?: string[]) {
  const ctx = u.context(t, { resolver: routed, deadlineMs: 15_000, ...(only ? { only } : {}) })
  const sink = collectSink()
  const t0 = performance.now()
  await createDnsSuite({ timeoutMs: 800, ...opts }).run(ctx, sink)
  for (const f of sink.findings) Finding.parse(f)
  expect(sink.started.sort()).toEqual(sink.findings.map((f) => `${f.checkId}@${f.target}`).sort())
  return { fs: sink.findings, ctx, ms: performance.now() - t0 }
}
const st = (fs: Finding[], id: string, target?: string) => byCheck(fs, id, target).map((f) => f.status)

describe('a healthy zone (pub.test)', () => {
  let fs: Finding[]
  let map: DnsMapEntry[]
  beforeAll(async () => {
    const r = await runDns(
      { domain: 'pub.test', subdomains: [{ label: 'app', role: 'app' }], expectedDns: [{ name: '@', type: 'A', value: '93.184.215.14' }, { name: 'www', type: 'CNAME', value: 'pub.test.' }] },
      { publicResolvers: [u.dns.server] },
    )
    fs = r.fs
    map = (await r.ctx.shared.get(artifactSlot('dnsMap'))) as DnsMapEntry[]
  }, 30_000)

  it.each(['dns.apex.resolves', 'dns.www.resolves', 'dns.subdomain.resolves', 'dns.cname-at-apex', 'dns.dangling', 'dns.private-address', 'dns.ttl', 'dns.ns-consistency', 'dns.propagation', 'dns.expected', 'dns.caa'])('%s passes', (id) => {
    expect(st(fs, id)).toEqual(['pass'])
  })

  it('shows the CNAME chain and TTLs as evidence', () => {
    expect(byCheck(fs, 'dns.www.resolves')[0]!.evidence).toMatchObject({ addresses: ['93.184.215.14'], cname: [{ from: 'www.pub.test', to: 'pub.test', ttl: 300 }] })
  })

  it('publishes the DNS map with records, TTLs and expected values', () => {
    for (const e of map) DnsMapEntry.parse(e)
    const apex = map.find((e) => e.name === 'pub.test')!
    expect(apex.rcode).toBe('NOERROR')
    expect(apex.records).toEqual(expect.arrayContaining([{ name: 'pub.test', type: 'A', ttl: 300, value: '93.184.215.14' }, { name: 'pub.test', type: 'MX', ttl: 300, value: '10 mx.pub.test.' }]))
    expect(apex.expected).toEqual([{ type: 'A', value: '93.184.215.14', matches: true }])
    expect(map.find((e) => e.name === 'www.pub.test')?.expected).toEqual([{ type: 'CNAME', value: 'pub.test.', matches: true }])
  })
})

describe('a broken zone (bad.test)', () => {
  let fs: Finding[]
  let ms: number
  beforeAll(async () => {
    const r = await runDns(
      { domain: 'bad.test', subdomains: ['app', 'old', 'shop', 'loop1'].map((label) => ({ label, role: label })), expectedDns: [{ name: 'bad.test', type: 'MX', value: '10 mx.bad.test.' }], dnsProvider: 'Namecheap' },
      { publicResolvers: [dns2.server] },
    )
    fs = r.fs
    ms = r.ms
  }, 30_000)

  it('www and a configured subdomain that do not exist fail, with NXDOMAIN in plain words', () => {
    expect(st(fs, 'dns.www.resolves')).toEqual(['fail'])
    expect(byCheck(fs, 'dns.www.resolves')[0]!.summary).toContain('does not exist (NXDOMAIN)')
    expect(st(fs, 'dns.subdomain.resolves', 'app.bad.test')).toEqual(['fail'])
    expect(st(fs, 'dns.apex.resolves')).toEqual(['pass'])
  })

  it('a CNAME loop does not crash: the subdomain simply has no address', () => {
    expect(st(fs, 'dns.subdomain.resolves', 'loop1.bad.test')).toEqual(['fail'])
  })

  it('finds a CNAME to a missing name and one to an unclaimed Heroku app', () => {
    const f = byCheck(fs, 'dns.dangling')[0]!
    expect(f.status).toBe('fail')
    const hits = f.evidence.dangling as { name: string; reason: string; service?: string }[]
    expect(hits.map((h) => h.name).sort()).toEqual(['old.bad.test', 'shop.bad.test'])
    // Heroku is an edge case in the community list: still a takeover risk, at high severity.
    expect(hits.find((h) => h.name === 'shop.bad.test')).toMatchObject({ service: 'Heroku', verdict: 'edge-case' })
    expect(f.severity).toBe('high')
    expect(f.evidence.source).toBe('can-i-take-over-xyz (CC BY 4.0)')
    expect(f.fix.some((s) => s.value === 'old.bad.test. 300 IN CNAME gone.herokuapp.test.')).toBe(true)
    expect(f.fix.some((s) => s.provider === 'namecheap' && /Advanced DNS/.test(s.text))).toBe(true)
  })

  it('flags the private address and the 2-day TTL', () => {
    expect(byCheck(fs, 'dns.private-address')[0]).toMatchObject({ status: 'fail', evidence: { addresses: [{ name: 'bad.test', address: '10.0.0.5', kind: 'private' }] } })
    expect(byCheck(fs, 'dns.ttl')[0]).toMatchObject({ status: 'fail' })
  })

  it('name servers with different zone versions fail ns-consistency', () => {
    const f = byCheck(fs, 'dns.ns-consistency')[0]!
    expect(f.status).toBe('fail')
    expect((f.evidence.views as { serial: number }[]).map((v) => v.serial).sort()).toEqual([2026010101, 2026112401])
  })

  it('a resolver with other answers fails propagation; a missing expected record fails dns.expected', () => {
    expect(st(fs, 'dns.propagation')).toEqual(['fail'])
    expect(byCheck(fs, 'dns.expected')[0]).toMatchObject({ status: 'fail', evidence: { rows: [expect.objectContaining({ found: [], matches: false })] } })
  })

  it('a 64 KB TXT answer does not break the run, and it ends well within the deadline', () => {
    expect(fs.length).toBeGreaterThan(10)
    expect(ms).toBeLessThan(10_000)
  })
})

describe('single cases', () => {
  it('a CNAME at the apex fails', async () => {
    const { fs } = await runDns({ domain: 'cnameapex.test' }, {}, ['dns.cname-at-apex'])
    expect(byCheck(fs, 'dns.cname-at-apex')[0]).toMatchObject({ status: 'fail', evidence: { cname: 'pub.test' } })
  })

  it('a TTL between 1 hour and 1 day warns', async () => {
    const { fs } = await runDns({ domain: 'warm.test' }, {}, ['dns.ttl'])
    expect(st(fs, 'dns.ttl')).toEqual(['warn'])
  })

  it('a DNS server that never answers gives errors with the reason, not passes', async () => {
    const { fs, ms } = await runDns({ domain: 'slow.test' })
    expect(byCheck(fs, 'dns.apex.resolves')[0]!.summary).toMatch(/did not answer/)
    for (const id of ['dns.apex.resolves', 'dns.www.resolves', 'dns.private-address', 'dns.cname-at-apex', 'dns.dangling', 'dns.ttl', 'dns.ns-consistency', 'dns.caa']) expect(st(fs, id), id).toEqual(['error'])
    expect(fs.some((f) => f.status === 'pass')).toBe(false)
    expect(ms).toBeLessThan(5000)
  })

  it('propagation is skipped for reserved names and for a chosen DNS server (never asks public resolvers)', async () => {
    const sent: string[] = []
    const spy: Resolver = { servers: () => ['127.0.0.1:1'], query: (n, t, o) => (o?.server && sent.push(o.server), u.resolver.query(n, t, o)) }
    const ctx = u.context({ domain: 'pub.test' }, { resolver: spy, only: ['dns.propagation'] })
    const sink = collectSink()
    await createDnsSuite({ timeoutMs: 800 }).run(ctx, sink)
    expect(sink.findings[0]!.status).toBe('skipped')
    expect(sent.filter((s) => /^(1\.1\.1\.1|8\.8\.8\.8|9\.9\.9\.9)/.test(s))).toEqual([])
  })

  it('CAA that allows the live certificate’s CA passes; one that does not fails with the record to add', async () => {
    const ok = await runDns({ domain: 'good.test' }, {}, ['dns.caa'])
    expect(byCheck(ok.fs, 'dns.caa')[0]).toMatchObject({ status: 'pass', evidence: expect.objectContaining({ allowed: ['letsencrypt.org'] }) })
    const bad = await runDns({ domain: 'broken.test' }, {}, ['dns.caa'])
    const f = byCheck(bad.fs, 'dns.caa')[0]!
    expect(f.status).toBe('fail')
    expect(f.fix[0]!.value).toBe('broken.test. 300 IN CAA 0 issue "letsencrypt.org"')
  }, 20_000)

  it('dns.expected and dns.subdomain.resolves are skipped when nothing is configured', async () => {
    const { fs } = await runDns({ domain: 'pub.test' }, {}, ['dns.expected', 'dns.subdomain.resolves'])
    expect(fs.map((f) => f.status)).toEqual(['skipped', 'skipped'])
  })
})

describe('takeover verdicts from the community list (can-i-take-over-xyz)', () => {
  const run = (labels: string[]) => runDns({ domain: 'bad.test', subdomains: labels.map((label) => ({ label, role: label })) }, {}, ['dns.dangling'])

  it('a HatenaBlog that answers “404 Blog is not found” is claimable: a blocker, saying so', async () => {
    const f = byCheck((await run(['blog'])).fs, 'dns.dangling')[0]!
    expect(f).toMatchObject({ status: 'fail', severity: 'blocker', title: '1 record anyone can take over' })
    expect(f.summary).toContain('the community takeover list marks HatenaBlog as claimable by anyone')
    expect(f.evidence.dangling).toEqual([expect.objectContaining({ name: 'blog.bad.test', service: 'HatenaBlog', verdict: 'vulnerable' })])
  })

  it('an unknown Fastly domain is not claimable: a warning to tidy up, not a takeover risk', async () => {
    const f = byCheck((await run(['cdn'])).fs, 'dns.dangling')[0]!
    expect(f).toMatchObject({ status: 'warn', severity: 'low' })
    expect(f.summary).toContain('marks Fastly as not claimable by others')
    expect(f.summary).toContain('Nobody else can serve content there')
  })

  it('with both, the claimable one leads and sets the severity', async () => {
    const f = byCheck((await run(['cdn', 'blog', 'shop'])).fs, 'dns.dangling')[0]!
    expect(f).toMatchObject({ status: 'fail', severity: 'blocker' })
    expect(f.summary.startsWith('blog.bad.test points at ghostly.hatenablog.com')).toBe(true)
  })
})
