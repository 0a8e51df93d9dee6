/** DNS lookups for the dns.* checks, memoised per run (every check and the surface walk share answers), and helpers to read them. */
import net from 'node:net'
import type { DnsRecord, DnsResponse, RecordType, SuiteContext } from '../types'
import { errMsg, opTimeout, shared } from '../web/util'

export type Answer = { ok: true; res: DnsResponse } | { ok: false; problem: string; timeout: boolean }

/** One query per name/type/server per run. Never rejects. */
export function lookup(ctx: SuiteContext, name: string, type: RecordType, timeoutMs: number, at?: { server: string; recursive: boolean }): Promise<Answer> {
  const key = `dns:${name.toLowerCase()}/${type}${at ? `@${at.server}` : ''}`
  return shared(ctx, key, async (): Promise<Answer> => {
    try {
      const res = await ctx.resolver.query(name, type, { timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, ...(at ? { server: at.server, recursionDesired: at.recursive } : {}) })
      return { ok: true, res }
    } catch (e) {
      const code = (e as { code?: string }).code
      return { ok: false, problem: errMsg(e), timeout: code === 'dns-timeout' || /did not answer|timed out|cancel/i.test(errMsg(e)) }
    }
  })
}

export const norm = (n: string): string => n.toLowerCase().replace(/\.$/, '')

/** Records of `type` in the answer (after any CNAME chain). */
export const recordsOf = (r: DnsResponse, type: string): DnsRecord[] => r.answers.filter((a) => a.type === type)
export const addressesOf = (r: DnsResponse): string[] => r.answers.filter((a) => a.type === 'A' || a.type === 'AAAA').map((a) => String(a.data))

/** The CNAME chain starting at `name`: each hop's owner, target and TTL. */
export function cnameChain(r: DnsResponse, name: string): { from: string; to: string; ttl: number }[] {
  const out: { from: string; to: string; ttl: number }[] = []
  let cur = norm(name)
  for (let i = 0; i < 16; i++) {
    const c = r.answers.find((a) => a.type === 'CNAME' && norm(a.name) === cur)
    if (!c) break
    const to = norm(String(c.data))
    out.push({ from: cur, to, ttl: c.ttl })
    if (out.some((h) => h.from === to)) break
    cur = to
  }
  return out
}

/** Plain words for a response with no address. */
export function describeNoAddress(r: DnsResponse): string {
  if (r.rcode === 'NXDOMAIN') return 'the name does not exist (NXDOMAIN)'
  if (r.rcode === 'SERVFAIL') return 'the DNS servers failed to answer for it (SERVFAIL), often a broken delegation or DNSSEC problem'
  if (r.rcode === 'REFUSED') return 'the DNS server refused to answer (REFUSED)'
  if (r.rcode !== 'NOERROR') return `the DNS answer was an error (${r.rcode})`
  return 'the name exists but has no address record (NODATA)'
}

/** Address ranges that must never be the public address of a site. */
const BLOCKED = (() => {
  const b = new net.BlockList()
  const v4: [string, number, string][] = [
    ['0.0.0.0', 8, 'this network'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'carrier-grade NAT'],
    ['127.0.0.0', 8, 'loopback (this computer)'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.0.0', 24, 'reserved'],
    ['192.0.2.0', 24, 'documentation'],
    ['192.168.0.0', 16, 'private'],
    ['198.18.0.0', 15, 'benchmarking'],
    ['198.51.100.0', 24, 'documentation'],
    ['203.0.113.0', 24, 'documentation'],
    ['224.0.0.0', 4, 'multicast'],
    ['240.0.0.0', 4, 'reserved'],
  ]
  const v6: [string, number, string][] = [
    ['::', 128, 'unspecified'],
    ['::1', 128, 'loopback (this computer)'],
    ['fc00::', 7, 'private (unique local)'],
    ['fe80::', 10, 'link-local'],
    ['2001:db8::', 32, 'documentation'],
    ['ff00::', 8, 'multicast'],
  ]
  const kinds: { net: string; prefix: number; kind: string; family: 'ipv4' | 'ipv6' }[] = []
  for (const [a, p, k] of v4) {
    b.addSubnet(a, p, 'ipv4')
    kinds.push({ net: a, prefix: p, kind: k, family: 'ipv4' })
  }
  for (const [a, p, k] of v6) {
    b.addSubnet(a, p, 'ipv6')
    kinds.push({ net: a, prefix: p, kind: k, family: 'ipv6' })
  }
  return { b, kinds }
})()

/** 'private', 'loopback (this computer)', … or null for a public address. */
export function nonPublicKind(address: string): string | null {
  const fam = net.isIP(address)
  if (!fam) return null
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return nonPublicKind(mapped[1]!)
  const family = fam === 4 ? 'ipv4' : 'ipv6'
  if (!BLOCKED.b.check(address, family)) return null
  for (const k of BLOCKED.kinds) {
    if (k.family !== family) continue
    const one = new net.BlockList()
    one.addSubnet(k.net, k.prefix, family)
    if (one.check(address, family)) return k.kind
  }
  return 'reserved'
}

/** `@`, `www`, `www.acme.com` or `www.acme.com.` -> an absolute name under `apex`. */
export function absoluteName(name: string, apex: string): string {
  const n = norm(name.trim())
  const a = norm(apex)
  if (n === '' || n === '@') return a
  if (n === a || n.endsWith(`.${a}`)) return n
  return `${n}.${a}`
}

/** RFC 6761/6762 special-use names: never sent to public resolvers. */
export const isSpecialUse = (name: string): boolean => /\.(test|example|invalid|localhost|local|internal|home\.arpa)$/i.test(norm(name)) || /^(test|example|invalid|localhost)$/i.test(norm(name))
