import dgram from 'node:dgram'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import * as dnsPacket from 'dns-packet'
import { createResolver } from '../../../src/main/engine/dns/client'
import { DnsQueryError, DnsTimeoutError } from '../../../src/main/engine/types'
import { startDnsServer, type DnsServer, type Zone } from '../../fixtures/dns/server'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})
async function server(zone: Zone, opts?: { delayMs?: number }): Promise<DnsServer> {
  const s = await startDnsServer(zone, opts)
  cleanups.push(() => s.close())
  return s
}

/** A UDP-only server on loopback that answers every query with `build(query)`. */
async function fakeUdp(build: (q: dnsPacket.Packet) => Buffer): Promise<string> {
  const sock = dgram.createSocket('udp4')
  sock.on('message', (msg, rinfo) => sock.send(build(dnsPacket.decode(msg)), rinfo.port, rinfo.address))
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r))
  cleanups.push(() => new Promise<void>((r) => sock.close(() => r())))
  return `127.0.0.1:${(sock.address() as AddressInfo).port}`
}

const apex = { type: 'SOA' as const, data: { mname: 'ns1.loop.test', rname: 'h.loop.test', serial: 1, minimum: 60 } }

describe('hostile and heavy cases', () => {
  it('ends a CNAME loop with the chain it saw, without hanging', async () => {
    const s = await server({ records: { 'loop.test': [apex], 'a.loop.test': [{ type: 'CNAME', data: 'b.loop.test' }], 'b.loop.test': [{ type: 'CNAME', data: 'a.loop.test' }] } })
    const res = await createResolver({ servers: [s.server] }).query('a.loop.test', 'A')
    expect(res.rcode).toBe('NOERROR')
    expect(res.answers.map((a) => `${a.name}>${String(a.data)}`)).toEqual(['a.loop.test>b.loop.test', 'b.loop.test>a.loop.test'])
  })

  it('gives NODATA for a wildcard name asked for another type', async () => {
    const s = await server({ records: { 'loop.test': [apex], '*.loop.test': [{ type: 'A', data: '127.0.0.30' }] } })
    const r = createResolver({ servers: [s.server] })
    expect((await r.query('any.thing.loop.test', 'A')).answers[0]?.data).toBe('127.0.0.30')
    const nodata = await r.query('any.loop.test', 'MX')
    expect(nodata).toMatchObject({ rcode: 'NOERROR', answers: [] })
    expect(nodata.authority[0]).toMatchObject({ type: 'SOA', ttl: 60 })
  })

  it('answers 1000 concurrent queries through the in-flight cap, each with the right data and none retried', async () => {
    const records: Zone['records'] = {}
    const addr = (i: number) => `127.0.${Math.floor(i / 250)}.${(i % 250) + 1}`
    for (let i = 0; i < 1000; i++) records[`h${i}.many.test`] = [{ type: 'A', data: addr(i) }]
    const s = await server({ records })
    const r = createResolver({ servers: [s.server], timeoutMs: 5000 })
    const res = await Promise.all(Object.keys(records).map((n) => r.query(n, 'A')))
    res.forEach((x, i) => expect(x.answers[0]?.data).toBe(addr(i)))
    expect(s.log).toHaveLength(1000)
  })

  it('runs delayed queries in parallel: 20 answers each 100 ms late take well under 20 x 100 ms', async () => {
    const s = await server({ records: { 'slow.test': [{ type: 'A', data: '127.0.0.31' }] } }, { delayMs: 100 })
    const r = createResolver({ servers: [s.server] })
    const start = performance.now()
    await Promise.all(Array.from({ length: 20 }, () => r.query('slow.test', 'A')))
    const took = performance.now() - start
    expect(took).toBeGreaterThanOrEqual(95)
    expect(took).toBeLessThan(1000)
  })

  it('survives garbage sent to the fixture server and keeps answering', async () => {
    const s = await server({ records: { 'ok.test': [{ type: 'A', data: '127.0.0.32' }] } })
    const sock = dgram.createSocket('udp4')
    await new Promise<void>((r) => sock.send(Buffer.from('garbage'), s.port, '127.0.0.1', () => r()))
    sock.close()
    expect((await createResolver({ servers: [s.server] }).query('ok.test', 'A')).answers[0]?.data).toBe('127.0.0.32')
  })

  it('names an extended response code (BADVERS from the EDNS header)', async () => {
    const addr = await fakeUdp((q) =>
      dnsPacket.encode({ type: 'response', id: q.id ?? 0, flags: 0, questions: q.questions ?? [], additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 1, flags: 0 } as never] }),
    )
    const res = await createResolver({ servers: [addr] }).query('x.test', 'A')
    expect(res.rcode).toBe('BADVERS')
  })

  it('fails plainly when a server truncates over UDP but takes no TCP', async () => {
    const addr = await fakeUdp((q) => dnsPacket.encode({ type: 'response', id: q.id ?? 0, flags: dnsPacket.TRUNCATED_RESPONSE, questions: q.questions ?? [] }))
    const err = await createResolver({ servers: [addr], timeoutMs: 1000, retries: 0 }).query('x.test', 'TXT').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DnsQueryError)
    expect((err as Error).message).toMatch(/^Could not ask the DNS server 127\.0\.0\.1:\d+ about x\.test \(TXT\): nothing is answering DNS at that address/)
  })

  it('can be cancelled while waiting on the TCP retry', async () => {
    const s = await server({ records: { 'tc.test': [{ type: 'A', data: '127.0.0.33' }] }, faults: { 'tc.test': 'TRUNCATE' } })
    const r = createResolver({ servers: [s.server], timeoutMs: 10_000 })
    // The first (UDP) answer comes at once; delay only what follows, the TCP answer.
    const ac = new AbortController()
    const p = r.query('tc.test', 'A', { signal: ac.signal })
    await new Promise<void>((resolve) => {
      const poll = () => (s.log.length > 0 ? (s.setDelay(5000), resolve()) : setImmediate(poll))
      poll()
    })
    const watch = setInterval(() => {
      if (s.log.some((l) => l.transport === 'tcp')) {
        clearInterval(watch)
        ac.abort()
      }
    }, 2)
    cleanups.push(() => clearInterval(watch))
    await expect(p).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('times out cleanly when the server is closed mid-query, and close() with answers pending does not throw', async () => {
    const s = await startDnsServer({ records: { 'x.test': [{ type: 'A', data: '127.0.0.34' }] } }, { delayMs: 300 })
    const p = createResolver({ servers: [s.server], timeoutMs: 200, retries: 0 }).query('x.test', 'A')
    await new Promise<void>((resolve) => {
      const poll = () => (s.log.length > 0 ? resolve() : setImmediate(poll))
      poll()
    })
    await s.close()
    const err = await p.catch((e: unknown) => e)
    expect(err instanceof DnsTimeoutError || err instanceof DnsQueryError).toBe(true)
  })
})
