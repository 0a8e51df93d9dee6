/**
 * A real authoritative DNS server on 127.0.0.1 (UDP and TCP on one random
 * port) serving a `Zone`, for the engine's tests, the SPF conformance suite
 * and the offline demo. Loopback only. See zone.ts for the data side.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import * as dnsPacket from 'dns-packet'
import { ZoneData, type Fault, type WireRecord, type Zone } from './dns-zone'

export type { Fault, Zone, ZoneRecord, SoaInput } from './dns-zone'

export interface QueryLogEntry {
  /** As asked (case kept). */
  name: string
  type: string
  transport: 'udp' | 'tcp'
  /** The RD flag of the query. */
  rd: boolean
  /** EDNS0 UDP size advertised, null without EDNS. */
  edns: number | null
  id: number
  /** What the server did: the rcode sent, `TIMEOUT` (no answer) or `TC` (truncated over UDP). */
  outcome: string
}

export interface DnsServerOptions {
  /** Delay every answer by this many ms (a user-space round trip). */
  delayMs?: number
}

export interface DnsServer {
  /** `127.0.0.1:PORT`, ready for `--dns-server` and `createResolver({ servers: [...] })`. */
  server: string
  host: '127.0.0.1'
  port: number
  log: QueryLogEntry[]
  /** Replace the data (and faults) served from now on. */
  setZone(zone: Zone): void
  setDelay(ms: number): void
  clearLog(): void
  close(): Promise<void>
}

interface Query {
  id: number
  flags?: number
  questions?: { name: string; type: string; class?: string }[]
  additionals?: { type: string; udpPayloadSize?: number }[]
}

const RCODE: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 }
const MAX_MESSAGE = 65535

export async function startDnsServer(zone: Zone, opts: DnsServerOptions = {}): Promise<DnsServer> {
  let data = new ZoneData(zone)
  let delayMs = opts.delayMs ?? 0
  const log: QueryLogEntry[] = []
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<net.Socket>()

  const later = (fn: () => void) => {
    if (delayMs <= 0) return fn()
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, delayMs)
    timers.add(t)
  }

  /** Builds the messages to send (usually one; spoof faults send a decoy first). Empty = stay silent. */
  function respond(raw: Buffer, transport: 'udp' | 'tcp'): Buffer[] {
    let q: Query
    try {
      q = dnsPacket.decode(raw) as unknown as Query
    } catch {
      return []
    }
    const question = q.questions?.[0]
    const opt = (q.additionals ?? []).find((a) => a.type === 'OPT')
    const rd = ((q.flags ?? 0) & dnsPacket.RECURSION_DESIRED) !== 0
    const entry: QueryLogEntry = { name: question?.name ?? '', type: question?.type ?? '', transport, rd, edns: opt ? (opt.udpPayloadSize ?? 512) : null, id: q.id, outcome: '' }
    log.push(entry)
    const ednsOut = opt ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0 }] : []
    const base = { type: 'response' as const, id: q.id, questions: q.questions ?? [], additionals: ednsOut }
    const flagsFor = (rcode: string, aa: boolean, extra = 0) => (rd ? dnsPacket.RECURSION_DESIRED : 0) | (aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | (RCODE[rcode] ?? 2) | extra
    const encode = (p: object) => dnsPacket.encode(p as never)

    if (!question || (q.questions?.length ?? 0) !== 1) {
      entry.outcome = 'FORMERR'
      return [encode({ ...base, flags: flagsFor('FORMERR', false) })]
    }
    const fault: Fault | undefined = data.fault(question.name, question.type)
    if (fault === 'TIMEOUT') {
      entry.outcome = 'TIMEOUT'
      return []
    }
    if (fault === 'SERVFAIL' || fault === 'REFUSED' || fault === 'NOTIMP' || fault === 'FORMERR') {
      entry.outcome = fault
      return [encode({ ...base, flags: flagsFor(fault, false) })]
    }
    const limit = transport === 'tcp' ? MAX_MESSAGE : Math.max(512, opt?.udpPayloadSize ?? 512)
    const found = data.lookup(question.name, question.type)
    let msg: Buffer | undefined
    try {
      msg = encode({ ...base, flags: flagsFor(found.rcode, true), answers: found.answers, authorities: found.authorities })
    } catch {
      // dns-packet refuses a record over 65535 bytes: treated like an oversized answer below.
    }
    entry.outcome = found.rcode
    if (!msg || msg.length > MAX_MESSAGE) {
      // Too big for any DNS message: what a real server does, it fails.
      entry.outcome = 'SERVFAIL'
      msg = encode({ ...base, flags: flagsFor('SERVFAIL', false) })
    } else if (transport === 'udp' && (fault === 'TRUNCATE' || msg.length > limit)) {
      entry.outcome = 'TC'
      msg = encode({ ...base, flags: flagsFor(found.rcode, true, dnsPacket.TRUNCATED_RESPONSE) })
    }
    const out: Buffer[] = []
    if (fault === 'SPOOF_ID') out.push(encode({ ...base, id: (q.id + 1) & 0xffff, flags: flagsFor('NOERROR', true), answers: decoy(question.name, question.type) }))
    if (fault === 'SPOOF_QUESTION') {
      out.push(encode({ ...base, questions: [{ ...question, name: `spoofed.${question.name}` }], flags: flagsFor('NOERROR', true), answers: decoy(`spoofed.${question.name}`, question.type) }))
    }
    out.push(msg)
    return out
  }

  const tcp = net.createServer((sock) => {
    sockets.add(sock)
    sock.on('close', () => sockets.delete(sock))
    sock.on('error', () => undefined)
    let buf: Buffer = Buffer.alloc(0)
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk])
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0)
        if (buf.length < 2 + len) break
        const raw = buf.subarray(2, 2 + len)
        buf = buf.subarray(2 + len)
        const msgs = respond(raw, 'tcp')
        later(() => {
          for (const m of msgs) {
            if (sock.destroyed) return
            const head = Buffer.alloc(2)
            head.writeUInt16BE(m.length, 0)
            sock.write(Buffer.concat([head, m]))
          }
        })
      }
    })
  })

  const makeUdp = () => {
    // A roomy receive buffer so bursts of parallel questions are not dropped by the kernel.
    const sock = dgram.createSocket({ type: 'udp4', recvBufferSize: 1 << 20 })
    sock.on('message', (raw, rinfo) => {
      const msgs = respond(raw, 'udp')
      later(() => {
        for (const m of msgs) sock.send(m, rinfo.port, rinfo.address, () => undefined)
      })
    })
    sock.on('error', () => undefined)
    return sock
  }
  const { udp, port } = await bindBoth(makeUdp, tcp)
  return {
    server: `127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    log,
    setZone(z: Zone) {
      data = new ZoneData(z)
    },
    setDelay(ms: number) {
      delayMs = ms
    },
    clearLog() {
      log.length = 0
    },
    close: async () => {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      for (const s of sockets) s.destroy()
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))])
    },
  }
}

function decoy(name: string, type: string): WireRecord[] {
  const data = type === 'AAAA' ? '::2' : type === 'A' ? '127.0.0.2' : undefined
  return data ? [{ name, type, ttl: 1, class: 'IN', data }] : []
}

/** UDP on a random loopback port, then TCP on the same port (a fresh UDP port if TCP's is taken). */
async function bindBoth(makeUdp: () => dgram.Socket, tcp: net.Server): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = makeUdp()
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject)
      udp.bind(0, '127.0.0.1', () => {
        udp.off('error', reject)
        resolve()
      })
    })
    const port = (udp.address() as AddressInfo).port
    const ok = await new Promise<boolean>((resolve) => {
      const onErr = () => resolve(false)
      tcp.once('error', onErr)
      tcp.listen(port, '127.0.0.1', () => {
        tcp.off('error', onErr)
        resolve(true)
      })
    })
    if (ok) return { udp, port }
    await new Promise<void>((r) => udp.close(() => r()))
  }
  throw new Error('could not bind the DNS fixture to one port for both UDP and TCP on 127.0.0.1')
}
