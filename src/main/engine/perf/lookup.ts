/**
 * Host resolution for the perf client: the system resolver by default, or the
 * engine's Resolver (a configured DNS server, the offline fixture universe).
 */
import dgram from 'node:dgram'
import net from 'node:net'
import * as dnsPacket from 'dns-packet'
import type { Resolver } from '../types'
import type { LookupFn } from './wire'

/** Uses the engine's resolver: A first, then AAAA; follows the CNAME chain the resolver returns. */
export function lookupFromResolver(resolver: Resolver, timeoutMs = 5000): LookupFn {
  const cache = new Map<string, Promise<{ address: string; family: 4 | 6 }>>()
  const resolve = async (hostname: string) => {
    for (const [type, family] of [['A', 4], ['AAAA', 6]] as const) {
      const res = await resolver.query(hostname, type, { timeoutMs })
      const hit = res.answers.find((a) => a.type === type && typeof a.data === 'string' && net.isIP(a.data))
      if (hit) return { address: hit.data as string, family }
      if (res.rcode === 'NXDOMAIN') break
    }
    throw new Error(`${hostname} has no address (asked ${resolver.servers().join(', ') || 'the resolver'})`)
  }
  return (hostname) => {
    let p = cache.get(hostname)
    if (!p) {
      p = resolve(hostname)
      cache.set(hostname, p)
      p.catch(() => cache.delete(hostname))
    }
    return p
  }
}

/**
 * A minimal A/AAAA-only resolver over UDP for `--dns-server HOST[:PORT]`, used
 * until the engine's full DNS client is available to this module.
 */
export function udpLookup(server: string, timeoutMs = 3000): LookupFn {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(server.trim())
  const host = m?.[1] ?? server
  const port = m?.[2] ? Number(m[2]) : 53
  const query = (name: string, type: 'A' | 'AAAA') =>
    new Promise<string | undefined>((resolve, reject) => {
      const sock = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4')
      const id = Math.floor(Math.random() * 65535)
      const t = setTimeout(() => {
        sock.close()
        reject(new Error(`the DNS server ${host}:${port} did not answer within ${timeoutMs / 1000} s`))
      }, timeoutMs)
      sock.on('message', (msg) => {
        try {
          const res = dnsPacket.decode(msg)
          if (res.id !== id) return
          clearTimeout(t)
          sock.close()
          const a = (res.answers ?? []).find((x) => x.type === type) as { data?: unknown } | undefined
          resolve(a && typeof a.data === 'string' ? a.data : undefined)
        } catch {
          /* ignore a malformed datagram */
        }
      })
      sock.on('error', (e) => {
        clearTimeout(t)
        sock.close()
        reject(e)
      })
      const buf = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] })
      sock.send(buf, port, host)
    })
  const cache = new Map<string, { address: string; family: 4 | 6 }>()
  return async (hostname) => {
    const hit = cache.get(hostname)
    if (hit) return hit
    const v4 = await query(hostname, 'A')
    const r = v4 ? { address: v4, family: 4 as const } : await query(hostname, 'AAAA').then((v6) => (v6 ? { address: v6, family: 6 as const } : undefined))
    if (!r) throw new Error(`${hostname} has no address at the DNS server ${host}:${port}`)
    cache.set(hostname, r)
    return r
  }
}

/** A fixed name -> address map (tests, the offline demo). */
export function staticLookup(map: Record<string, string>): LookupFn {
  return async (hostname) => {
    const address = map[hostname.toLowerCase()]
    if (!address) throw new Error(`${hostname} has no address`)
    return { address, family: net.isIPv6(address) ? 6 : 4 }
  }
}

/** The operating system's resolver (getaddrinfo), as the browser would use. */
export const systemLookup: LookupFn = async (hostname) => {
  const { lookup } = await import('node:dns/promises')
  const r = await lookup(hostname)
  return { address: r.address, family: r.family === 6 ? 6 : 4 }
}
