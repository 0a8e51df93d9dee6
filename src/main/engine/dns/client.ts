/**
 * The engine's DNS client: the DNS wire protocol through dns-packet, over UDP
 * with EDNS0 and a TCP retry when the answer is truncated. Unlike Node's
 * resolver it keeps every TTL, the response code (NXDOMAIN vs NODATA vs
 * SERVFAIL), the AA flag and the authority section, and it can ask one chosen
 * server (an authoritative one with RD=0, a `--dns-server`, a loopback fixture).
 */
import { randomInt } from 'node:crypto'
// The default export, not a named import: dns.setServers() rebinds module.exports and a named import would keep the old list.
import dns from 'node:dns'
import * as dnsPacket from 'dns-packet'
import { DnsQueryError, DnsTimeoutError, type DnsResponse, type QueryOptions, type RecordType, type Resolver } from '../types'
import { normalizeQueryName, parseServer, toDnsRecord, type RawAnswer, type ServerAddress } from './records'
import { createLimiter } from './limit'
import { AttemptTimeout, TransportError, tcpExchange, udpExchange } from './wire'

export { presentRecord, parseServer } from './records'

export interface ResolverOptions {
  /** `host`, `host:port` or `[v6]:port`; default: the system's (`dns.getServers()`). */
  servers?: string[]
  /** Per attempt (one server, one try), ms. Default 2000. A QueryOptions.timeoutMs caps the whole question. */
  timeoutMs?: number
  /** Extra rounds over the servers after the first. Default 1. */
  retries?: number
  /** Skip UDP and ask over TCP only. */
  tcpOnly?: boolean
  /** EDNS0 UDP payload size advertised. Default 1232 (the DNS flag day 2020 value); 0 sends no EDNS (512-byte UDP limit). */
  ednsUdpSize?: number
  /** Exchanges in flight at once; more wait their turn (time waiting is not counted in durationMs). Default 64. */
  maxInFlight?: number
}

interface Decoded {
  id: number
  type: string
  flag_aa?: boolean
  flag_tc?: boolean
  rcode?: string
  flags?: number
  questions?: { name: string; type: string }[]
  answers?: RawAnswer[]
  authorities?: RawAnswer[]
  additionals?: (RawAnswer & { extendedRcode?: number })[]
}

const EXTENDED_RCODES: Record<number, string> = { 16: 'BADVERS', 17: 'BADKEY', 18: 'BADTIME', 19: 'BADMODE', 20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE' }
/** Codes after which the next server is worth asking (a stub resolver does the same). */
const TRY_NEXT = new Set(['SERVFAIL', 'REFUSED', 'NOTIMP', 'FORMERR'])

function rcodeOf(p: Decoded): string {
  const opt = (p.additionals ?? []).find((a) => a.type === 'OPT')
  const low = (p.flags ?? 0) & 0xf
  const ext = opt?.extendedRcode ?? 0
  if (!ext) return p.rcode ?? 'NOERROR'
  const full = (ext << 4) | low
  return EXTENDED_RCODES[full] ?? `RCODE_${full}`
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`

function unreachableReason(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code
  if (code === 'ECONNREFUSED') return 'nothing is answering DNS at that address (the connection was refused)'
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'this computer has no network route to it'
  if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return 'this computer cannot use that kind of address'
  return e instanceof Error ? e.message : String(e)
}

export function createResolver(opts: ResolverOptions = {}): Resolver {
  const configured = () => opts.servers ?? dns.getServers()
  const ednsSize = opts.ednsUdpSize ?? 1232
  /** Servers that answered FORMERR to EDNS: asked without it from then on. */
  const noEdns = new Set<string>()
  const gate = createLimiter(Math.max(1, opts.maxInFlight ?? 64))

  const parse = (spec: string): ServerAddress => {
    try {
      return parseServer(spec)
    } catch (e) {
      throw new DnsQueryError((e as Error).message, 'dns-bad-server')
    }
  }

  async function askOne(server: ServerAddress, qname: string, type: RecordType, rd: boolean, edns: boolean, timeoutMs: number, signal?: AbortSignal): Promise<DnsResponse> {
    const id = randomInt(0, 65536)
    const message = dnsPacket.encode({
      type: 'query',
      id,
      flags: rd ? dnsPacket.RECURSION_DESIRED : 0,
      questions: [{ type, name: qname, class: 'IN' }],
      additionals: edns && ednsSize > 0 ? [{ type: 'OPT', name: '.', udpPayloadSize: ednsSize, flags: 0 } as never] : [],
    })
    const want = qname.toLowerCase()
    const accept = (buf: Buffer): Decoded | null => {
      let p: Decoded
      try {
        p = dnsPacket.decode(buf) as unknown as Decoded
      } catch {
        return null
      }
      if (p.type !== 'response' || p.id !== id) return null
      const q = p.questions ?? []
      // A server that rejects the query outright may leave the question out.
      if (q.length === 0) return p.rcode && p.rcode !== 'NOERROR' && p.rcode !== 'NXDOMAIN' ? p : null
      const q0 = q[0]
      if (!q0 || q0.name.toLowerCase() !== want || q0.type !== type) return null
      return p
    }
    // Waiting for a slot counts against this attempt's time, so a crowded resolver cannot stretch it.
    const asked = performance.now()
    const cap = AbortSignal.timeout(Math.max(1, timeoutMs))
    let release: () => void
    try {
      release = await gate.acquire(signal ? AbortSignal.any([signal, cap]) : cap)
    } catch (e) {
      if (signal?.aborted) throw e
      throw new AttemptTimeout(server.label, opts.tcpOnly ? 'tcp' : 'udp')
    }
    const start = performance.now()
    let tcp = !!opts.tcpOnly
    let got: Awaited<ReturnType<typeof udpExchange<Decoded>>>
    try {
      const ex = { server, message, accept, timeoutMs: Math.max(1, Math.round(timeoutMs - (start - asked))), signal }
      got = tcp ? await tcpExchange(ex) : await udpExchange(ex)
      if (!tcp && got.result.flag_tc) {
        tcp = true
        got = await tcpExchange(ex)
      }
    } finally {
      release()
    }
    const p = got.result
    return {
      name: qname,
      type,
      rcode: rcodeOf(p),
      aa: !!p.flag_aa,
      answers: (p.answers ?? []).filter((a) => a.type !== 'OPT').map(toDnsRecord),
      authority: (p.authorities ?? []).filter((a) => a.type !== 'OPT').map(toDnsRecord),
      server: server.label,
      tcp,
      size: got.size,
      durationMs: performance.now() - start,
    }
  }

  return {
    servers: () =>
      configured().map((s) => {
        try {
          return parseServer(s).label
        } catch {
          return s
        }
      }),

    async query(name: string, type: RecordType, q: QueryOptions = {}): Promise<DnsResponse> {
      const norm = normalizeQueryName(name)
      if ('problem' in norm) throw new DnsQueryError(`"${name}" cannot be looked up: ${norm.problem}.`, 'dns-bad-name')
      const qname = norm.name
      const specs = q.server ? [q.server] : configured()
      if (specs.length === 0) throw new DnsQueryError('This computer has no DNS server configured, so no name can be looked up.', 'dns-no-servers')
      const targets = specs.map(parse)
      // Each attempt waits at most the resolver's timeout; a caller's timeout is the whole question's
      // budget, every server and retry included: a system with three servers and a retry must not
      // turn a 10 s timeout into a minute (seen under load).
      const attemptMs = opts.timeoutMs ?? 2000
      const timeoutMs = q.timeoutMs ?? attemptMs
      const rounds = 1 + Math.max(0, opts.retries ?? 1)
      const until = q.timeoutMs !== undefined ? performance.now() + q.timeoutMs : Infinity
      const budget = () => Math.min(attemptMs, Math.floor(until - performance.now()))
      // After the first attempt, one with only a sliver of the budget left cannot get an answer: stop instead.
      let asked = 0
      const spent = () => budget() < (asked === 0 ? 1 : Math.min(50, attemptMs))
      const rd = q.recursionDesired ?? true
      let fallback: DnsResponse | undefined
      let timeouts = 0
      const unreachable = new Map<string, string>()

      for (let round = 0; round < rounds; round++) {
        for (const server of targets) {
          if (q.signal?.aborted) throw q.signal.reason ?? new DOMException('The DNS query was cancelled.', 'AbortError')
          if (unreachable.has(server.label)) continue
          if (spent()) break
          asked++
          try {
            let res = await askOne(server, qname, type, rd, !noEdns.has(server.label), budget(), q.signal)
            if (res.rcode === 'FORMERR' && ednsSize > 0 && !noEdns.has(server.label) && budget() >= 1) {
              // RFC 6891 7: a server that does not understand EDNS answers FORMERR; ask again without it.
              noEdns.add(server.label)
              res = await askOne(server, qname, type, rd, false, budget(), q.signal)
            }
            if (!TRY_NEXT.has(String(res.rcode))) return res
            fallback = res
          } catch (e) {
            if (q.signal?.aborted) throw q.signal.reason ?? e
            if (e instanceof AttemptTimeout) timeouts++
            else if (e instanceof TransportError) unreachable.set(server.label, unreachableReason(e.cause))
            else throw e
          }
        }
        if (fallback) return fallback
        if (spent()) break
      }

      const labels = targets.map((t) => t.label)
      const what = `${qname} (${type})`
      if (timeouts === 0) {
        const parts = [...unreachable].map(([s, why]) => `${s}: ${why}`)
        throw new DnsQueryError(
          labels.length === 1 ? `Could not ask the DNS server ${labels[0]} about ${what}: ${unreachable.get(labels[0] ?? '') ?? 'no answer'}.` : `Could not ask any of the DNS servers about ${what}. ${parts.join('; ')}.`,
          'dns-unreachable',
        )
      }
      const tries = rounds > 1 ? `, even after ${rounds} tries` : ''
      throw new DnsTimeoutError(
        labels.length === 1
          ? `The DNS server ${labels[0]} did not answer the question about ${what} within ${seconds(timeoutMs)}${tries}.`
          : `None of the DNS servers (${labels.join(', ')}) answered the question about ${what} within ${seconds(timeoutMs)}${tries}.`,
      )
    },
  }
}
