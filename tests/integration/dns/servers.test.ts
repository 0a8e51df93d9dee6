import dgram from 'node:dgram'
import dns from 'node:dns'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import * as dnsPacket from 'dns-packet'
import { createResolver } from '../../../src/main/engine/dns/client'
import { DnsQueryError, DnsTimeoutError } from '../../../src/main/engine/types'
import { startDnsServer, type DnsServer, type Zone } from '../../fixtures/dns/server'

const zoneWithSerial = (serial: number, a: string): Zone => ({
  records: {
    'acme.test': [
      { type: 'SOA', data: { mname: 'ns1.acme.test', rname: 'hostmaster.acme.test', serial } },
      { type: 'A', ttl: 60, data: a },
    ],
  },
})

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})
async function server(zone: Zone, opts?: { delayMs?: number }): Promise<DnsServer> {
  const s = await startDnsServer(zone, opts)
  cleanups.push(() => s.close())
  return s
}

/** A UDP port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const s = dgram.createSocket('udp4')
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

const serial = (res: { answers: { data: unknown }[] }) => (res.answers[0]?.data as { serial: number }).serial

describe('server selection', () => {
  it('runs several fixture servers at once and asks the one named per query', async () => {
    const ns1 = await server(zoneWithSerial(2026010101, '127.0.0.21'))
    const ns2 = await server(zoneWithSerial(2026010102, '127.0.0.22'))
    expect(ns1.port).not.toBe(ns2.port)
    const r = createResolver({ servers: [ns1.server], timeoutMs: 1000 })
    const a = await r.query('acme.test', 'SOA', { server: ns1.server, recursionDesired: false })
    const b = await r.query('acme.test', 'SOA', { server: ns2.server, recursionDesired: false })
    expect([serial(a), serial(b)]).toEqual([2026010101, 2026010102])
    expect([a.server, b.server]).toEqual([ns1.server, ns2.server])
    expect(ns1.log).toHaveLength(1)
    expect(ns2.log).toHaveLength(1)
    expect(ns2.log[0]?.rd).toBe(false)
  })

  it('serves new data after setZone, and delays answers when asked to', async () => {
    const s = await server(zoneWithSerial(1, '127.0.0.21'))
    const r = createResolver({ servers: [s.server] })
    expect((await r.query('acme.test', 'A')).answers[0]?.data).toBe('127.0.0.21')
    s.setZone(zoneWithSerial(2, '127.0.0.23'))
    expect((await r.query('acme.test', 'A')).answers[0]?.data).toBe('127.0.0.23')
    s.setDelay(120)
    const slow = await r.query('acme.test', 'A')
    expect(slow.durationMs).toBeGreaterThanOrEqual(100)
  })

  it('moves on to the next server after a timeout, an unreachable server or a SERVFAIL', async () => {
    const good = await server(zoneWithSerial(7, '127.0.0.24'))
    const silent = await server({ records: {}, faults: { 'acme.test': 'TIMEOUT' } })
    const failing = await server({ records: {}, faults: { 'acme.test': 'SERVFAIL' } })
    const dead = `127.0.0.1:${await deadPort()}`
    const r = createResolver({ servers: [silent.server, dead, failing.server, good.server], timeoutMs: 150, retries: 0 })
    const res = await r.query('acme.test', 'A')
    expect(res.server).toBe(good.server)
    expect(res.answers[0]?.data).toBe('127.0.0.24')
    expect([silent.log.length, failing.log.length]).toEqual([1, 1])
    // With nobody better, the SERVFAIL is the answer.
    const onlyFailing = await createResolver({ servers: [silent.server, failing.server], timeoutMs: 150, retries: 1 }).query('acme.test', 'A')
    expect(onlyFailing.rcode).toBe('SERVFAIL')
  })

  it('a caller’s timeout bounds the whole question: three silent servers and a retry do not stretch it', async () => {
    const silent = await Promise.all([1, 2, 3].map(() => server({ records: {}, faults: { 'acme.test': 'TIMEOUT' } })))
    const r = createResolver({ servers: silent.map((s) => s.server), timeoutMs: 200, retries: 1 })
    const err = await r.query('acme.test', 'A', { timeoutMs: 300 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DnsTimeoutError)
    // Six attempts of 200 ms were possible; the 300 ms budget leaves room for two at most.
    const asked = silent.reduce((n, s) => n + s.log.length, 0)
    expect(asked).toBeGreaterThanOrEqual(1)
    expect(asked).toBeLessThanOrEqual(2)
  })

  it('names every server when none answers in time', async () => {
    const s1 = await server({ records: {}, faults: { 'acme.test': 'TIMEOUT' } })
    const s2 = await server({ records: {}, faults: { 'acme.test': 'TIMEOUT' } })
    const err = await createResolver({ servers: [s1.server, s2.server], timeoutMs: 80, retries: 0 }).query('acme.test', 'A').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DnsTimeoutError)
    expect((err as Error).message).toBe(`None of the DNS servers (${s1.server}, ${s2.server}) answered the question about acme.test (A) within 0.08 s.`)
  })

  it('says plainly when nothing listens at the server address', async () => {
    const dead = `127.0.0.1:${await deadPort()}`
    const err = await createResolver({ servers: [dead], timeoutMs: 2000 }).query('acme.test', 'A').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DnsQueryError)
    expect(err).toMatchObject({ code: 'dns-unreachable' })
    expect((err as Error).message).toBe(`Could not ask the DNS server ${dead} about acme.test (A): nothing is answering DNS at that address (the connection was refused).`)
  })

  it('rejects (never throws synchronously) on a bad server address, a bad name or no servers', async () => {
    const r = createResolver({ servers: ['dns.example.com'] })
    const p = r.query('acme.test', 'A')
    await expect(p).rejects.toMatchObject({ code: 'dns-bad-server' })
    await expect(p).rejects.toThrow(/"dns.example.com" is not a DNS server address/)
    await expect(createResolver({ servers: [] }).query('acme.test', 'A')).rejects.toMatchObject({ code: 'dns-no-servers' })
    const ok = createResolver({ servers: ['127.0.0.1:9'] })
    await expect(ok.query('a..acme.test', 'A')).rejects.toMatchObject({ code: 'dns-bad-name', message: '"a..acme.test" cannot be looked up: it has two dots in a row (an empty part).' })
    await expect(ok.query(`${'x'.repeat(64)}.acme.test`, 'A')).rejects.toMatchObject({ code: 'dns-bad-name' })
    await expect(ok.query(`${'abcdefghi.'.repeat(26)}test`, 'A')).rejects.toThrow(/253 characters/)
  })

  it('defaults to the system resolver servers from dns.getServers()', async () => {
    const s = await server(zoneWithSerial(9, '127.0.0.25'))
    const saved = dns.getServers()
    dns.setServers([s.server])
    cleanups.push(() => dns.setServers(saved))
    const r = createResolver()
    expect(r.servers()).toEqual([s.server])
    expect((await r.query('acme.test', 'A')).answers[0]?.data).toBe('127.0.0.25')
  })
})

describe('sizes, EDNS and TCP', () => {
  const txtZone = (bytes: number): Zone => ({ records: { 'acme.test': [{ type: 'TXT', data: 'a'.repeat(bytes) }] } })

  it('fits 600 bytes in UDP with EDNS, needs TCP without it', async () => {
    const s = await server(txtZone(600))
    expect((await createResolver({ servers: [s.server] }).query('acme.test', 'TXT')).tcp).toBe(false)
    s.clearLog()
    const plain = await createResolver({ servers: [s.server], ednsUdpSize: 0 }).query('acme.test', 'TXT')
    expect(plain.tcp).toBe(true)
    expect(plain.answers[0]?.data).toBe('a'.repeat(600))
    expect(s.log.map((l) => [l.transport, l.edns, l.outcome])).toEqual([['udp', null, 'TC'], ['tcp', null, 'NOERROR']])
  })

  it('reads a 60 KB TXT answer over TCP; a 70 KB one comes back as SERVFAIL, never a crash', async () => {
    const s = await server(txtZone(60_000))
    const big = await createResolver({ servers: [s.server] }).query('acme.test', 'TXT')
    expect(big.tcp).toBe(true)
    expect((big.answers[0]?.data as string).length).toBe(60_000)
    s.setZone(txtZone(70_000))
    expect((await createResolver({ servers: [s.server] }).query('acme.test', 'TXT')).rcode).toBe('SERVFAIL')
  })

  it('asks again without EDNS after a FORMERR', async () => {
    const s = await server({ records: {}, faults: { 'acme.test': 'FORMERR' } })
    const r = createResolver({ servers: [s.server] })
    const res = await r.query('acme.test', 'A')
    expect(res.rcode).toBe('FORMERR')
    expect(s.log.map((l) => l.edns)).toEqual([1232, null])
    // Remembered for that server: the next question goes without EDNS straight away.
    await r.query('acme.test', 'TXT')
    expect(s.log.map((l) => l.edns)).toEqual([1232, null, null])
  })

  it('times out on a TCP server that accepts and never answers', async () => {
    const stall = net.createServer(() => undefined)
    await new Promise<void>((r) => stall.listen(0, '127.0.0.1', r))
    const open = new Set<net.Socket>()
    stall.on('connection', (c) => open.add(c))
    cleanups.push(() => new Promise<void>((r) => { for (const c of open) c.destroy(); stall.close(() => r()) }))
    const addr = `127.0.0.1:${(stall.address() as AddressInfo).port}`
    const err = await createResolver({ servers: [addr], tcpOnly: true, timeoutMs: 150, retries: 0 }).query('acme.test', 'A').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DnsTimeoutError)
  })

  it('ignores garbage and forged datagrams and takes the first real answer', async () => {
    const fake = dgram.createSocket('udp4')
    fake.on('message', (msg, rinfo) => {
      const q = dnsPacket.decode(msg)
      const id = q.id ?? 0
      const reply = (id: number, data: string, name = q.questions?.[0]?.name ?? '') =>
        dnsPacket.encode({ type: 'response', id, flags: 0, questions: [{ type: 'A', name }], answers: [{ type: 'A', name, ttl: 5, data }] })
      for (const m of [Buffer.from('not dns'), Buffer.alloc(3), reply((id + 7) & 0xffff, '127.0.0.66'), reply(id, '127.0.0.67', 'other.test'), reply(id, '127.0.0.68')]) {
        fake.send(m, rinfo.port, rinfo.address)
      }
    })
    await new Promise<void>((r) => fake.bind(0, '127.0.0.1', r))
    cleanups.push(() => new Promise<void>((r) => fake.close(() => r())))
    const res = await createResolver({ servers: [`127.0.0.1:${(fake.address() as AddressInfo).port}`] }).query('acme.test', 'A')
    expect(res.answers.map((a) => a.data)).toEqual(['127.0.0.68'])
    expect(res.aa).toBe(false)
  })
})
