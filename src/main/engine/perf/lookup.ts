/**
 * Host resolution for the perf client: the system resolver by default, or the
 * engine's Resolver (a configured DNS server, the offline fixture universe).
 */
import net from 'node:net'
import { createResolver } from '../dns/client'
import { resolverLookup } from '../web/lookup'
import type { Resolver } from '../types'
import type { LookupFn } from './wire'

/**
 * Uses the engine's resolver: A first, then AAAA, chasing a CNAME chain the
 * answering server did not follow. One implementation for the audit and perf.
 */
export const lookupFromResolver: (resolver: Resolver, timeoutMs?: number) => LookupFn = resolverLookup

/** Resolves through one DNS server (`--dns-server HOST[:PORT]`, `[v6]:PORT`) with the engine's wire-protocol client. */
export function udpLookup(server: string, timeoutMs = 3000): LookupFn {
  return lookupFromResolver(createResolver({ servers: [server], timeoutMs, retries: 0 }), timeoutMs)
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
