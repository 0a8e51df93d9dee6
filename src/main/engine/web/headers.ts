/**
 * Security headers read the way browsers read them: a header a browser
 * ignores protects nobody, so it counts as missing, with the reason.
 *
 * - Strict-Transport-Security: RFC 6797 §6.1 (each directive at most once,
 *   max-age required and made of digits, quoted or not; only the first header
 *   counts, §8.1).
 * - X-Frame-Options: RFC 7034 as the HTML standard applies it today (one
 *   distinct value of DENY or SAMEORIGIN protects; conflicting values block;
 *   ALLOW-FROM and anything else are ignored).
 * - Content-Security-Policy: CSP Level 3 §2.2 "parse a serialized CSP" (one
 *   policy per comma-separated value, directives split on ";", a name of
 *   letters, digits and hyphens, a repeated directive ignored) — a policy with
 *   no directive a browser knows does nothing.
 * - X-Content-Type-Options (Fetch: the first value is nosniff) and
 *   Referrer-Policy (the last token browsers know wins).
 *
 * The HTTP client joins repeated headers with ", ", so a comma outside a
 * quoted string separates header values.
 */

/** Splits a joined header value on commas outside double quotes (Fetch's "get, decode and split"). */
export function splitHeaderValues(v: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!
    if (quoted && c === '\\' && i + 1 < v.length) {
      cur += c + v[++i]
      continue
    }
    if (c === '"') quoted = !quoted
    if (c === ',' && !quoted) {
      out.push(cur.trim())
      cur = ''
      continue
    }
    cur += c
  }
  out.push(cur.trim())
  return out
}

export type Hsts = { valid: true; maxAge: number; includeSubDomains: boolean; preload: boolean } | { valid: false; reason: string }

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** RFC 6797 §6.1; undefined when the header is absent. */
export function parseHsts(raw: string | undefined): Hsts | undefined {
  if (raw === undefined) return undefined
  const values = splitHeaderValues(raw)
  const v = values[0] ?? ''
  const seen = new Map<string, string | undefined>()
  for (const part of v.split(';')) {
    const d = part.trim()
    if (!d) continue
    const eq = d.indexOf('=')
    const name = (eq < 0 ? d : d.slice(0, eq)).trim().toLowerCase()
    if (!TOKEN.test(name)) return { valid: false, reason: `“${d}” is not a valid directive, so browsers ignore the whole header` }
    if (seen.has(name)) return { valid: false, reason: `the ${name} directive appears twice; RFC 6797 says browsers must then ignore the whole header` }
    let value = eq < 0 ? undefined : d.slice(eq + 1).trim()
    if (value !== undefined && value.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) return { valid: false, reason: `the value of ${name} has an unclosed quote, so browsers ignore the whole header` }
      value = value.slice(1, -1).replace(/\\(.)/g, '$1')
    }
    seen.set(name, value)
  }
  if (!seen.has('max-age')) return { valid: false, reason: 'there is no max-age directive, which RFC 6797 requires, so browsers ignore the header' }
  const age = seen.get('max-age')
  if (age === undefined || !/^\d+$/.test(age)) return { valid: false, reason: `max-age must be a whole number of seconds (got “${age ?? ''}”), so browsers ignore the header` }
  return { valid: true, maxAge: Number(age), includeSubDomains: seen.has('includesubdomains'), preload: seen.has('preload') }
}

export interface FrameOptions {
  /** Whether a browser would refuse to show the page in another site's frame. */
  protects: boolean
  /** deny or sameorigin when it protects. */
  mode?: 'deny' | 'sameorigin'
  /** Why it does not protect (or why a mixed value still does). */
  reason?: string
}

/** X-Frame-Options as the HTML standard's "check a navigation response's adherence to X-Frame-Options" reads it. */
export function parseFrameOptions(raw: string | undefined): FrameOptions | undefined {
  if (raw === undefined) return undefined
  const set = [...new Set(splitHeaderValues(raw).map((x) => x.toLowerCase()))]
  if (set.length > 1 && set.some((x) => x === 'deny' || x === 'sameorigin' || x === 'allowall')) return { protects: true, mode: 'deny', reason: `conflicting values (${set.join(', ')}); browsers then refuse every frame` }
  if (set.length > 1) return { protects: false, reason: `none of ${set.join(', ')} is a value browsers know, so they ignore the header` }
  const v = set[0] ?? ''
  if (v === 'deny' || v === 'sameorigin') return { protects: true, mode: v }
  if (v.startsWith('allow-from')) return { protects: false, reason: 'ALLOW-FROM is ignored by current browsers; use CSP frame-ancestors to name who may frame the page' }
  return { protects: false, reason: `“${raw.trim()}” is not DENY or SAMEORIGIN, so browsers ignore it` }
}

/** Directive names of CSP Level 3 and the specs that extend it. */
const CSP_DIRECTIVES = new Set([
  'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr', 'img-src', 'font-src', 'connect-src', 'media-src', 'object-src',
  'frame-src', 'child-src', 'worker-src', 'manifest-src', 'prefetch-src', 'fenced-frame-src', 'base-uri', 'form-action', 'frame-ancestors', 'sandbox', 'navigate-to', 'report-uri', 'report-to',
  'upgrade-insecure-requests', 'block-all-mixed-content', 'require-trusted-types-for', 'trusted-types', 'webrtc', 'plugin-types', 'require-sri-for',
])

export interface CspPolicy {
  /** Directive name -> its value tokens (the first occurrence of each). */
  directives: Map<string, string[]>
  /** What browsers skip, in words. */
  ignored: string[]
}

export interface Csp {
  policies: CspPolicy[]
  /** Whether any policy has a directive browsers apply. */
  effective: boolean
  /** Why it does nothing, when it does nothing. */
  reason?: string
  frameAncestors?: string[]
}

/** CSP Level 3 §2.2.1 for each comma-separated policy; undefined when the header is absent. */
export function parseCsp(raw: string | undefined): Csp | undefined {
  if (raw === undefined) return undefined
  const policies = raw.split(',').map((serialized): CspPolicy => {
    const directives = new Map<string, string[]>()
    const ignored: string[] = []
    for (const token of serialized.split(';')) {
      const t = token.trim()
      if (!t) continue
      const [nameRaw, ...value] = t.split(/[\t\n\f\r ]+/)
      const name = nameRaw!.toLowerCase()
      if (!/^[a-z0-9-]+$/.test(name) || /[^\x21-\x7e\t\n\f\r ]/.test(t)) {
        ignored.push(`“${nameRaw}” is not a valid directive name`)
        continue
      }
      if (directives.has(name)) {
        ignored.push(`${name} appears twice; browsers use the first`)
        continue
      }
      if (!CSP_DIRECTIVES.has(name)) ignored.push(`${name} is not a directive browsers know`)
      directives.set(name, value)
    }
    return { directives, ignored }
  })
  const known = policies.some((p) => [...p.directives.keys()].some((d) => CSP_DIRECTIVES.has(d)))
  const fa = policies.map((p) => p.directives.get('frame-ancestors')).find((x) => x !== undefined)
  const ignored = policies.flatMap((p) => p.ignored)
  return {
    policies,
    effective: known,
    ...(known ? {} : { reason: ignored.length ? `browsers apply none of it: ${ignored.slice(0, 3).join('; ')}` : 'the policy is empty' }),
    ...(fa ? { frameAncestors: fa } : {}),
  }
}

/** Fetch's "determine nosniff": the first value is nosniff. */
export function isNosniff(raw: string | undefined): boolean {
  return raw !== undefined && (splitHeaderValues(raw)[0] ?? '').toLowerCase() === 'nosniff'
}

const REFERRER_POLICIES = ['no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url']

/** Referrer Policy §8.1: the last token browsers know wins; undefined when none is known. */
export function referrerPolicyOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  return splitHeaderValues(raw)
    .map((x) => x.toLowerCase())
    .filter((x) => REFERRER_POLICIES.includes(x))
    .pop()
}
