/**
 * Host lookup through the engine's Resolver for the audit's connections: A
 * then AAAA, following a CNAME chain that the answering server did not chase
 * (an authoritative server stops at the edge of its zone; a browser's
 * recursive resolver would continue), up to 8 hops, memoised per lookup function.
 */
import net from 'node:net'
import type { Resolver } from '../types'
import type { LookupFn } from '../perf/origin'

export function resolverLookup(resolver: Resolver, timeoutMs = 5000): LookupFn {
  const cache = new Map<string, Promise<{ address: string; family: 4 | 6 }>>()
  const resolve = async (hostname: string) => {
    let name = hostname.toLowerCase().replace(/\.$/, '')
    const seen = new Set<string>()
    for (let hop = 0; hop < 8 && !seen.has(name); hop++) {
      seen.add(name)
      let next: string | undefined
      for (const [type, family] of [['A', 4], ['AAAA', 6]] as const) {
        const res = await resolver.query(name, type, { timeoutMs })
        const hit = res.answers.find((a) => a.type === type && typeof a.data === 'string' && net.isIP(a.data))
        if (hit) return { address: hit.data as string, family }
        // The last CNAME target in the answer, when the chain stops there.
        const cnames = res.answers.filter((a) => a.type === 'CNAME')
        next ??= cnames.length ? String(cnames[cnames.length - 1]!.data).toLowerCase().replace(/\.$/, '') : undefined
        if (res.rcode === 'NXDOMAIN') break
      }
      if (!next) break
      name = next
    }
    // Which server was asked is for the evidence, not the sentence a founder reads.
    throw new Error(`${hostname} has no address in DNS`)
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
