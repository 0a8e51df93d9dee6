import { parse as parseTld } from 'tldts'
import punycode from 'punycode/punycode.js'

const { toASCII, toUnicode } = punycode

export type DomainResult =
  | { ok: true; ascii: string; unicode: string; /** Registrable domain per the public suffix list. */ apex: string; subdomain: string }
  | { ok: false; message: string }

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
/** Special-use endings for testing and examples (RFC 6761 §6.2, RFC 2606). */
const SPECIAL_USE = new Set(['test', 'example'])

/**
 * Normalises whatever a user pasted (a URL with scheme, path, port, spaces,
 * upper case, a trailing dot, an international name) into a host name, or a
 * specific message saying what is wrong with it.
 */
export function normalizeDomain(input: string): DomainResult {
  let s = input.trim()
  if (!s) return { ok: false, message: 'Type your domain, for example acme.com.' }
  if (/\s/.test(s)) return { ok: false, message: 'A domain cannot contain spaces.' }
  // Strip a scheme, credentials, path, query, fragment and port.
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  s = s.replace(/^[^@/]*@/, '')
  s = s.split(/[/?#]/, 1)[0] ?? ''
  if (s.startsWith('[')) return { ok: false, message: 'That is an IP address. Enter the domain name your customers type instead.' }
  s = s.replace(/:\d*$/, '')
  s = s.replace(/\.$/, '').toLowerCase()
  if (!s) return { ok: false, message: 'Type your domain, for example acme.com.' }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(s) || s.includes(':')) {
    return { ok: false, message: 'That is an IP address. Enter the domain name your customers type instead.' }
  }
  if (s.includes('..')) return { ok: false, message: 'The domain has an empty part between two dots.' }
  let ascii: string
  try {
    ascii = toASCII(s)
  } catch {
    return { ok: false, message: 'That international domain name cannot be converted; check its spelling.' }
  }
  if (ascii.length > 253) return { ok: false, message: 'A domain can be at most 253 characters long.' }
  const labels = ascii.split('.')
  if (labels.length < 2) {
    return { ok: false, message: `“${s}” is a single word; add the ending, for example ${s}.com.` }
  }
  for (const l of labels) {
    if (l.length > 63) return { ok: false, message: `The part “${l.slice(0, 20)}…” is longer than 63 characters.` }
    if (!LABEL.test(l)) {
      return { ok: false, message: `“${toUnicodeSafe(l)}” is not allowed in a domain: use letters, digits and hyphens, not at the start or end.` }
    }
  }
  // RFC 6761 names reserved for testing never reach the public DNS: they work with a
  // project's own DNS server (staging, the offline demo), so they are accepted as such.
  const tld = labels.at(-1) ?? ''
  if (SPECIAL_USE.has(tld)) {
    const apex = labels.slice(-2).join('.')
    return { ok: true, ascii, unicode: toUnicodeSafe(ascii), apex, subdomain: labels.slice(0, -2).join('.') }
  }
  const info = parseTld(ascii, { allowPrivateDomains: false })
  if (!info.publicSuffix || !info.isIcann) {
    return { ok: false, message: `“.${labels.at(-1)}” is not a known domain ending.` }
  }
  if (!info.domain) return { ok: false, message: `“${ascii}” is a public ending, not a domain you can own.` }
  return { ok: true, ascii, unicode: toUnicodeSafe(ascii), apex: info.domain, subdomain: info.subdomain ?? '' }
}

function toUnicodeSafe(ascii: string): string {
  try {
    return toUnicode(ascii)
  } catch {
    return ascii
  }
}
