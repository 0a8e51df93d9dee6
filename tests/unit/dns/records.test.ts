import { describe, expect, it } from 'vitest'
import { normalizeQueryName, parseServer, presentRecord, toDnsRecord } from '../../../src/main/engine/dns/records'

describe('parseServer', () => {
  it('reads host, host:port, [v6], [v6]:port and bare IPv6', () => {
    expect(parseServer('192.0.2.53')).toEqual({ host: '192.0.2.53', port: 53, family: 4, label: '192.0.2.53:53' })
    expect(parseServer(' 127.0.0.1:5353 ')).toEqual({ host: '127.0.0.1', port: 5353, family: 4, label: '127.0.0.1:5353' })
    expect(parseServer('[2001:db8::53]:853')).toEqual({ host: '2001:db8::53', port: 853, family: 6, label: '[2001:db8::53]:853' })
    expect(parseServer('[::1]')).toEqual({ host: '::1', port: 53, family: 6, label: '[::1]:53' })
    expect(parseServer('2001:db8::1')).toEqual({ host: '2001:db8::1', port: 53, family: 6, label: '[2001:db8::1]:53' })
    expect(parseServer('fe80::1%eth0').family).toBe(6)
  })

  it('refuses names and bad ports with a plain message', () => {
    expect(() => parseServer('dns.google')).toThrow('"dns.google" is not a DNS server address. Use an IP address, optionally with a port, such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53.')
    expect(() => parseServer('127.0.0.1:0')).toThrow('"127.0.0.1:0" has a port outside 1 to 65535.')
    expect(() => parseServer('127.0.0.1:70000')).toThrow(/outside 1 to 65535/)
    expect(() => parseServer('[::1]:x')).toThrow(/not a DNS server address/)
    expect(() => parseServer('')).toThrow(/not a DNS server address/)
  })
})

describe('normalizeQueryName', () => {
  it('strips the trailing dot, keeps case, converts IDNs to ASCII', () => {
    expect(normalizeQueryName('Acme.Test.')).toEqual({ name: 'Acme.Test' })
    expect(normalizeQueryName('.')).toEqual({ name: '.' })
    expect(normalizeQueryName('bücher.example')).toEqual({ name: 'xn--bcher-kva.example' })
    expect(normalizeQueryName('_dmarc.acme.test')).toEqual({ name: '_dmarc.acme.test' })
  })
  it('explains names that cannot go on the wire', () => {
    expect(normalizeQueryName('')).toEqual({ problem: 'the name is empty' })
    expect(normalizeQueryName('a..b')).toHaveProperty('problem')
    expect(normalizeQueryName(`${'x'.repeat(64)}.test`)).toHaveProperty('problem')
    expect(normalizeQueryName(`${'x'.repeat(63)}.test`)).toEqual({ name: `${'x'.repeat(63)}.test` })
  })
})

describe('toDnsRecord and presentRecord', () => {
  it('converts every supported type and presents it', () => {
    const cases: [Parameters<typeof toDnsRecord>[0], string][] = [
      [{ name: 'a.test', type: 'A', ttl: 5, data: '192.0.2.1' }, '192.0.2.1'],
      [{ name: 'a.test', type: 'AAAA', ttl: 5, data: '2001:db8::1' }, '2001:db8::1'],
      [{ name: 'a.test', type: 'CNAME', ttl: 5, data: 'b.test' }, 'b.test.'],
      [{ name: 'a.test', type: 'NS', ttl: 5, data: 'ns1.test' }, 'ns1.test.'],
      [{ name: 'a.test', type: 'MX', ttl: 5, data: { preference: 0, exchange: '.' } }, '0 .'],
      [{ name: 'a.test', type: 'CAA', ttl: 5, data: { flags: 0, tag: 'issue', value: 'say "hi"' } }, '0 issue "say \\"hi\\""'],
      [{ name: 'a.test', type: 'SRV', ttl: 5, data: { priority: 1, weight: 2, port: 443, target: 'x.test' } }, '1 2 443 x.test.'],
      [{ name: 'a.test', type: 'TXT', ttl: 5, data: [Buffer.from('v=DMARC1; '), Buffer.from('p=none')] }, 'v=DMARC1; p=none'],
      [{ name: 'a.test', type: 'SPF', ttl: 5, data: Buffer.from([1, 2, 255]) }, '\\# 3 0102ff'],
    ]
    for (const [raw, shown] of cases) expect(presentRecord(toDnsRecord(raw))).toBe(shown)
  })

  it('keeps the TXT strings apart and fills SOA defaults', () => {
    const txt = toDnsRecord({ name: 'a.test', type: 'TXT', ttl: 9, data: [Buffer.from('one'), Buffer.from('two')] })
    expect(txt).toEqual({ name: 'a.test', type: 'TXT', ttl: 9, data: 'onetwo', strings: ['one', 'two'] })
    const soa = toDnsRecord({ name: 'a.test', type: 'SOA', data: { mname: 'ns.a.test', rname: 'h.a.test', serial: 3 } })
    expect(soa).toEqual({ name: 'a.test', type: 'SOA', ttl: 0, data: { mname: 'ns.a.test', rname: 'h.a.test', serial: 3, refresh: 0, retry: 0, expire: 0, minimum: 0 } })
  })
})
