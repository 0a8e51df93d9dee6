/**
 * DKIM public keys (RFC 6376 §3.6.1, RFC 8463 for ed25519): which selectors
 * to try, reading each key record (v, k, p, t, s, h), the RSA key size taken
 * from the key itself, revoked keys (empty p) and testing mode (t=y).
 * "No DKIM" is never concluded from the `_domainkey` node: only from the
 * selectors actually tried, which are always listed.
 */
import { createPublicKey } from 'node:crypto'
import type { Resolver } from '../types'
import { lookup, txtJoined } from './dns'
import { COMMON_DKIM_SELECTORS, type EmailProvider } from './providers'
import { hasNonAscii, parseTags } from './tags'

export type DkimStatus = 'ok' | 'short' | 'weak' | 'revoked' | 'testing' | 'invalid' | 'missing' | 'error'

export interface DkimKey {
  selector: string
  name: string
  status: DkimStatus
  record: string | null
  keyType?: string
  keyBits?: number
  testing?: boolean
  /** Plain-language problem. */
  problem?: string
}

export interface DkimKeyInfo {
  status: Exclude<DkimStatus, 'missing' | 'error'>
  keyType: string
  keyBits?: number
  testing: boolean
  problem?: string
}

/** Reads one DKIM key record. */
export function parseDkimKey(record: string): DkimKeyInfo {
  if (hasNonAscii(record)) return { status: 'invalid', keyType: 'unknown', testing: false, problem: 'The key record contains characters that are not plain ASCII (often a curly quote or a line break pasted in).' }
  const { tags, order } = parseTags(record)
  const v = tags.get('v')
  if (v !== undefined && (v !== 'DKIM1' || order[0] !== 'v')) return { status: 'invalid', keyType: 'unknown', testing: false, problem: 'The record starts with something other than “v=DKIM1”.' }
  const keyType = (tags.get('k') ?? 'rsa').toLowerCase()
  const flags = (tags.get('t') ?? '').split(':').map((f) => f.trim().toLowerCase())
  const testing = flags.includes('y')
  const h = tags.get('h')
  const p = tags.get('p')
  if (p === undefined) return { status: 'invalid', keyType, testing, problem: 'The record has no public key (no p= tag).' }
  const b64 = p.replace(/\s+/g, '')
  if (b64 === '') return { status: 'revoked', keyType, testing, problem: 'This key has been revoked (p= is empty): mail signed with it fails DKIM.' }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return { status: 'invalid', keyType, testing, problem: 'The public key (p=) is not valid base64; it was probably cut or mangled when pasted.' }
  const der = Buffer.from(b64, 'base64')
  let keyBits: number | undefined
  if (keyType === 'ed25519') {
    if (der.length !== 32) return { status: 'invalid', keyType, testing, problem: `An ed25519 key is 32 bytes; this one is ${der.length}.` }
    keyBits = 256
  } else if (keyType === 'rsa') {
    for (const type of ['spki', 'pkcs1'] as const) {
      try {
        const k = createPublicKey({ key: der, format: 'der', type })
        keyBits = k.asymmetricKeyDetails?.modulusLength
        if (k.asymmetricKeyType !== 'rsa') return { status: 'invalid', keyType, testing, problem: `The record says k=rsa but holds a ${k.asymmetricKeyType ?? 'different'} key.` }
        break
      } catch {
        /* try the other encoding */
      }
    }
    if (keyBits === undefined) return { status: 'invalid', keyType, testing, problem: 'The public key (p=) could not be read as an RSA key; it was probably cut short when pasted.' }
  } else {
    return { status: 'invalid', keyType, testing, problem: `The key type “${keyType}” is not one receivers know (rsa or ed25519).` }
  }
  const services = (tags.get('s') ?? '*').split(':').map((x) => x.trim().toLowerCase())
  if (!services.includes('*') && !services.includes('email')) return { status: 'invalid', keyType, ...(keyBits ? { keyBits } : {}), testing, problem: `The key is limited to “s=${tags.get('s')}”, so receivers may not use it for email; use s=email or leave s= out.` }
  if (h && !h.split(':').map((x) => x.trim().toLowerCase()).includes('sha256')) return { status: 'invalid', keyType, keyBits, testing, problem: `The key only allows the hash “${h}”; receivers no longer accept SHA-1 signatures.` }
  if (keyType === 'rsa' && keyBits !== undefined && keyBits < 1024) return { status: 'weak', keyType, keyBits, testing, problem: `The RSA key is only ${keyBits} bits; receivers ignore keys under 1024 bits.` }
  if (keyType === 'rsa' && keyBits !== undefined && keyBits < 2048) return { status: 'short', keyType, keyBits, testing, problem: `The RSA key is ${keyBits} bits; 2048 is the current recommendation.` }
  if (testing) return { status: 'testing', keyType, ...(keyBits ? { keyBits } : {}), testing, problem: 'The key is in testing mode (t=y): some receivers treat failures as if the mail were unsigned.' }
  return { status: 'ok', keyType, ...(keyBits ? { keyBits } : {}), testing }
}

/** Selectors to try: the project's first, then its providers', then the common list. */
export function selectorsToTry(projectSelectors: string[], providers: EmailProvider[]): string[] {
  const out: string[] = []
  const add = (s: string) => {
    const v = s.trim().toLowerCase().replace(/\._domainkey.*$/, '')
    if (v && /^[a-z0-9_][a-z0-9._-]*$/.test(v) && !out.includes(v)) out.push(v)
  }
  projectSelectors.forEach(add)
  for (const p of providers) p.dkimSelectors.forEach(add)
  COMMON_DKIM_SELECTORS.forEach(add)
  return out
}

export async function findDkimKeys(resolver: Resolver, domain: string, selectors: string[], opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<DkimKey[]> {
  const out: DkimKey[] = []
  const queue = [...selectors]
  const worker = async () => {
    for (let sel = queue.shift(); sel !== undefined; sel = queue.shift()) {
      const name = `${sel}._domainkey.${domain}`
      const l = await lookup(resolver, name, 'TXT', opts)
      if (l.status === 'error') {
        out.push({ selector: sel, name, status: 'error', record: null, problem: l.reason ?? 'DNS did not answer.' })
        continue
      }
      const txts = txtJoined(l)
      // A selector may have unrelated TXT records; the key is the one with p= (and v=DKIM1 if any).
      const rec = txts.find((t) => /(^|;)\s*p\s*=/.test(t) || /^\s*v\s*=\s*DKIM1/i.test(t))
      if (!rec) {
        out.push({ selector: sel, name, status: 'missing', record: null })
        continue
      }
      const info = parseDkimKey(rec)
      out.push({ selector: sel, name, record: rec, status: info.status, keyType: info.keyType, ...(info.keyBits ? { keyBits: info.keyBits } : {}), testing: info.testing, ...(info.problem ? { problem: info.problem } : {}) })
    }
  }
  // 16 at a time: the common list takes two round trips instead of five, well under the resolver's own in-flight cap.
  await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker))
  return selectors.map((s) => out.find((k) => k.selector === s)!).filter(Boolean)
}
