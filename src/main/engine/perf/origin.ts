/** Origins, host resolution and trust anchors for the measuring client. */
import net from 'node:net'
import tls from 'node:tls'
import { lookup as dnsLookup } from 'node:dns/promises'

export type LookupFn = (hostname: string) => Promise<{ address: string; family: 4 | 6 }>

export interface Origin {
  protocol: 'http:' | 'https:'
  hostname: string
  port: number
}

export function originOf(url: URL): Origin {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only http and https addresses can be measured, not ${url.protocol}`)
  const hostname = url.hostname.replace(/^\[|\]$/g, '')
  return { protocol: url.protocol, hostname, port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80 }
}

export const originKey = (o: Origin): string => `${o.protocol}//${o.hostname}:${o.port}`

let rootsCache: string[] | undefined
export function trustAnchors(extra: string[] | undefined): string[] | undefined {
  if (!extra || extra.length === 0) return undefined
  rootsCache ??= [...tls.rootCertificates]
  return [...rootsCache, ...extra]
}

export async function resolveHost(hostname: string, lookup?: LookupFn): Promise<{ address: string; family: 4 | 6 }> {
  const ipFamily = net.isIP(hostname)
  if (ipFamily) return { address: hostname, family: ipFamily as 4 | 6 }
  if (lookup) return lookup(hostname)
  const r = await dnsLookup(hostname)
  return { address: r.address, family: r.family as 4 | 6 }
}
