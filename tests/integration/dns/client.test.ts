import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createResolver, presentRecord } from '../../../src/main/engine/dns/client'
import type { CaaData, MxData, SoaData } from '../../../src/main/engine/types'
import { startDnsServer, type DnsServer, type Zone } from '../../fixtures/dns/server'

const soa = { type: 'SOA' as const, ttl: 3600, data: { mname: 'ns1.acme.test', rname: 'hostmaster.acme.test', serial: 2026112401, refresh: 7200, retry: 900, expire: 1209600, minimum: 120 } }
const bigTxt = 'v=spf1 ' + 'include:_spf.example.test '.repeat(400) + '-all'

export const acmeZone: Zone = {
  records: {
    'acme.test': [
      soa,
      { type: 'NS', ttl: 86400, data: 'ns1.acme.test' },
      { type: 'NS', ttl: 86400, data: 'ns2.acme.test' },
      { type: 'A', ttl: 300, data: '127.0.0.10' },
      { type: 'AAAA', ttl: 301, data: '::1' },
      { type: 'MX', ttl: 3600, data: { preference: 10, exchange: 'mx1.acme.test' } },
      { type: 'MX', ttl: 3600, data: { preference: 20, exchange: 'mx2.acme.test' } },
      { type: 'TXT', ttl: 600, data: 'v=spf1 include:_spf.mail.test -all' },
      { type: 'TXT', ttl: 600, data: ['google-site-verification=abc', 'def'] },
      { type: 'CAA', ttl: 900, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
      { type: 'CAA', ttl: 900, data: { flags: 128, tag: 'iodef', value: 'mailto:security@acme.test' } },
    ],
    'www.acme.test': [{ type: 'CNAME', ttl: 120, data: 'edge.acme.test' }],
    'edge.acme.test': [{ type: 'CNAME', ttl: 60, data: 'origin.acme.test' }],
    'origin.acme.test': [{ type: 'A', ttl: 30, data: '127.0.0.11' }],
    'dangling.acme.test': [{ type: 'CNAME', ttl: 60, data: 'gone.acme.test' }],
    'outside.acme.test': [{ type: 'CNAME', ttl: 60, data: 'app.elsewhere.example' }],
    'big.acme.test': [{ type: 'TXT', ttl: 60, data: bigTxt }],
    'x.deep.acme.test': [{ type: 'A', data: '127.0.0.12' }],
    '*.wild.acme.test': [{ type: 'A', ttl: 77, data: '127.0.0.13' }],
    'sf.acme.test': [{ type: 'A', data: '127.0.0.1' }],
    'slow.acme.test': [{ type: 'A', data: '127.0.0.1' }],
    'tc.acme.test': [{ type: 'A', data: '127.0.0.14' }],
    'spoof.acme.test': [{ type: 'A', data: '127.0.0.15' }],
    'spoofq.acme.test': [{ type: 'A', data: '127.0.0.16' }],
    'ptr.acme.test': [{ type: 'PTR', ttl: 50, data: 'host.acme.test' }],
  },
  faults: {
    'sf.acme.test': 'SERVFAIL',
    'refused.acme.test': 'REFUSED',
    'notimp.acme.test': 'NOTIMP',
    'slow.acme.test': 'TIMEOUT',
    'acme.test/SRV': 'TIMEOUT',
    'tc.acme.test': 'TRUNCATE',
    'spoof.acme.test': 'SPOOF_ID',
    'spoofq.acme.test': 'SPOOF_QUESTION',
  },
}

let dns: DnsServer
beforeAll(async () => {
  dns = await startDnsServer(acmeZone)
})
afterAll(() => dns.close())

const resolver = () => createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 })

describe('DNS client against the loopback authoritative server', () => {
  it('returns A and AAAA answers with their TTLs, the AA flag and the server', async () => {
    const a = await resolver().query('acme.test', 'A')
    expect(a).toMatchObject({ rcode: 'NOERROR', aa: true, tcp: false, server: dns.server, name: 'acme.test', type: 'A' })
    expect(a.answers).toEqual([{ name: 'acme.test', type: 'A', ttl: 300, data: '127.0.0.10' }])
    expect(a.size).toBeGreaterThan(12)
    expect(a.durationMs).toBeGreaterThanOrEqual(0)
    const aaaa = await resolver().query('acme.test.', 'AAAA')
    expect(aaaa.answers).toEqual([{ name: 'acme.test', type: 'AAAA', ttl: 301, data: '::1' }])
  })

  it('keeps TTLs and structured data for NS, SOA, MX, TXT, CAA and PTR', async () => {
    const r = resolver()
    const ns = await r.query('acme.test', 'NS')
    expect(ns.answers.map((x) => [x.data, x.ttl])).toEqual([['ns1.acme.test', 86400], ['ns2.acme.test', 86400]])
    const soaRes = await r.query('acme.test', 'SOA')
    expect(soaRes.answers[0]?.ttl).toBe(3600)
    expect(soaRes.answers[0]?.data as SoaData).toEqual({ mname: 'ns1.acme.test', rname: 'hostmaster.acme.test', serial: 2026112401, refresh: 7200, retry: 900, expire: 1209600, minimum: 120 })
    const mx = await r.query('acme.test', 'MX')
    expect(mx.answers.map((x) => [x.data as MxData, x.ttl])).toEqual([[{ preference: 10, exchange: 'mx1.acme.test' }, 3600], [{ preference: 20, exchange: 'mx2.acme.test' }, 3600]])
    const caa = await r.query('acme.test', 'CAA')
    expect(caa.answers.map((x) => [x.data as CaaData, x.ttl])).toEqual([
      [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }, 900],
      [{ flags: 128, tag: 'iodef', value: 'mailto:security@acme.test' }, 900],
    ])
    const ptr = await r.query('ptr.acme.test', 'PTR')
    expect(ptr.answers).toEqual([{ name: 'ptr.acme.test', type: 'PTR', ttl: 50, data: 'host.acme.test' }])
  })

  it('joins TXT character-strings and keeps them apart in `strings`', async () => {
    const txt = await resolver().query('acme.test', 'TXT')
    expect(txt.answers).toHaveLength(2)
    expect(txt.answers[0]).toMatchObject({ ttl: 600, data: 'v=spf1 include:_spf.mail.test -all', strings: ['v=spf1 include:_spf.mail.test -all'] })
    expect(txt.answers[1]).toMatchObject({ data: 'google-site-verification=abcdef', strings: ['google-site-verification=abc', 'def'] })
  })

  it('retries over TCP when a 10 KB TXT answer does not fit in UDP', async () => {
    dns.clearLog()
    const res = await resolver().query('big.acme.test', 'TXT')
    expect(res.tcp).toBe(true)
    expect(res.size).toBeGreaterThan(10_000)
    expect(res.answers[0]?.data).toBe(bigTxt)
    expect(res.answers[0]?.strings?.length).toBe(Math.ceil(Buffer.byteLength(bigTxt) / 255))
    expect(dns.log.filter((l) => l.name === 'big.acme.test').map((l) => [l.transport, l.outcome])).toEqual([['udp', 'TC'], ['tcp', 'NOERROR']])
    expect(dns.log[0]?.edns).toBe(1232)
  })

  it('follows a forced truncation to TCP, and asks over TCP only when told to', async () => {
    const res = await resolver().query('tc.acme.test', 'A')
    expect(res).toMatchObject({ tcp: true, rcode: 'NOERROR' })
    expect(res.answers[0]?.data).toBe('127.0.0.14')
    dns.clearLog()
    const only = await createResolver({ servers: [dns.server], tcpOnly: true }).query('acme.test', 'MX')
    expect(only.tcp).toBe(true)
    expect(dns.log.map((l) => l.transport)).toEqual(['tcp'])
  })

  it('tells NXDOMAIN from NODATA, with the SOA and its negative TTL in authority', async () => {
    const nx = await resolver().query('nope.acme.test', 'A')
    expect(nx).toMatchObject({ rcode: 'NXDOMAIN', answers: [] })
    expect(nx.authority).toHaveLength(1)
    expect(nx.authority[0]).toMatchObject({ type: 'SOA', name: 'acme.test', ttl: 120 })
    const nodata = await resolver().query('www.acme.test', 'MX')
    // www is a CNAME: MX at www follows it to origin, which has no MX.
    expect(nodata.rcode).toBe('NOERROR')
    const plain = await resolver().query('origin.acme.test', 'MX')
    expect(plain).toMatchObject({ rcode: 'NOERROR', answers: [] })
    expect(plain.authority[0]?.type).toBe('SOA')
    const ent = await resolver().query('deep.acme.test', 'A')
    expect(ent).toMatchObject({ rcode: 'NOERROR', answers: [] })
  })

  it('reports SERVFAIL, REFUSED and NOTIMP by name', async () => {
    const r = resolver()
    expect((await r.query('sf.acme.test', 'A')).rcode).toBe('SERVFAIL')
    expect((await r.query('refused.acme.test', 'A')).rcode).toBe('REFUSED')
    expect((await r.query('notimp.acme.test', 'TXT')).rcode).toBe('NOTIMP')
  })

  it('returns CNAME chains as the server sends them, and NXDOMAIN for a dangling CNAME inside the zone', async () => {
    const res = await resolver().query('www.acme.test', 'A')
    expect(res.answers.map((a) => [a.name, a.type, a.data, a.ttl])).toEqual([
      ['www.acme.test', 'CNAME', 'edge.acme.test', 120],
      ['edge.acme.test', 'CNAME', 'origin.acme.test', 60],
      ['origin.acme.test', 'A', '127.0.0.11', 30],
    ])
    const dangling = await resolver().query('dangling.acme.test', 'A')
    expect(dangling.rcode).toBe('NXDOMAIN')
    expect(dangling.answers.map((a) => a.type)).toEqual(['CNAME'])
    const outside = await resolver().query('outside.acme.test', 'A')
    expect(outside).toMatchObject({ rcode: 'NOERROR' })
    expect(outside.answers.map((a) => a.data)).toEqual(['app.elsewhere.example'])
  })

  it('answers wildcards and matches names whatever their case', async () => {
    const w = await resolver().query('Anything.Wild.ACME.test', 'A')
    expect(w.answers).toEqual([{ name: 'Anything.Wild.ACME.test', type: 'A', ttl: 77, data: '127.0.0.13' }])
    const up = await resolver().query('ORIGIN.acme.TEST', 'A')
    expect(up.answers[0]?.data).toBe('127.0.0.11')
  })

  it('times out with a plain message naming the server', async () => {
    const start = performance.now()
    const err = await resolver().query('slow.acme.test', 'A', { timeoutMs: 150 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as { code?: string }).code).toBe('dns-timeout')
    expect((err as Error).message).toBe(`The DNS server ${dns.server} did not answer the question about slow.acme.test (A) within 0.15 s.`)
    expect(performance.now() - start).toBeLessThan(1500)
    // Per name and type: SRV at the apex never answers, A at the apex does.
    const retried = createResolver({ servers: [dns.server], timeoutMs: 100, retries: 2 })
    dns.clearLog()
    await expect(retried.query('acme.test', 'SRV')).rejects.toThrow(/within 0\.1 s, even after 3 tries/)
    expect(dns.log.filter((l) => l.outcome === 'TIMEOUT')).toHaveLength(3)
    expect((await retried.query('acme.test', 'A')).rcode).toBe('NOERROR')
  })

  it('stops at once when the signal aborts, before or during a query', async () => {
    const ac = new AbortController()
    const p = resolver().query('slow.acme.test', 'A', { timeoutMs: 10_000, signal: ac.signal })
    const start = performance.now()
    setTimeout(() => ac.abort(), 20)
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - start).toBeLessThan(2000)
    await expect(resolver().query('acme.test', 'A', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('ignores an answer with the wrong ID or the wrong question and takes the real one', async () => {
    dns.clearLog()
    const a = await resolver().query('spoof.acme.test', 'A')
    expect(a.answers.map((x) => x.data)).toEqual(['127.0.0.15'])
    const b = await resolver().query('spoofq.acme.test', 'A')
    expect(b.answers.map((x) => x.data)).toEqual(['127.0.0.16'])
    expect(dns.log).toHaveLength(2)
  })

  it('sets RD by default and clears it for authoritative questions', async () => {
    dns.clearLog()
    await resolver().query('acme.test', 'A')
    await resolver().query('acme.test', 'A', { recursionDesired: false })
    expect(dns.log.map((l) => l.rd)).toEqual([true, false])
  })

  it('uses random query IDs', async () => {
    dns.clearLog()
    const r = resolver()
    for (let i = 0; i < 8; i++) await r.query('acme.test', 'A')
    expect(new Set(dns.log.map((l) => l.id)).size).toBeGreaterThan(4)
  })

  it('answers ANY the RFC 8482 way (one HINFO), which the client passes through', async () => {
    const res = await resolver().query('acme.test', 'ANY' as never)
    expect(res.answers.map((a) => a.type)).toEqual(['HINFO'])
  })

  it('presents records as the DNS map shows them', async () => {
    const r = resolver()
    const show = async (name: string, type: Parameters<typeof r.query>[1]) => (await r.query(name, type)).answers.map(presentRecord)
    expect(await show('acme.test', 'MX')).toEqual(['10 mx1.acme.test.', '20 mx2.acme.test.'])
    expect(await show('acme.test', 'CAA')).toEqual(['0 issue "letsencrypt.org"', '128 iodef "mailto:security@acme.test"'])
    expect(await show('acme.test', 'SOA')).toEqual(['ns1.acme.test. hostmaster.acme.test. 2026112401 7200 900 1209600 120'])
    expect(await show('acme.test', 'TXT')).toEqual(['v=spf1 include:_spf.mail.test -all', 'google-site-verification=abcdef'])
    expect(await show('www.acme.test', 'A')).toEqual(['edge.acme.test.', 'origin.acme.test.', '127.0.0.11'])
    expect(await show('acme.test', 'AAAA')).toEqual(['::1'])
  })
})
