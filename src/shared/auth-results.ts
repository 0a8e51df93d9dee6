/**
 * Reads the verdicts out of an Authentication-Results header (RFC 8601) that
 * a founder pasted from Gmail's "Show original", Outlook's "View message
 * source" or Apple Mail's "Raw source", for the email hand test.
 */
export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy' | 'unknown'

export interface AuthResults {
  spf: AuthVerdict
  dkim: AuthVerdict
  dmarc: AuthVerdict
  /** Whether anything that looks like Authentication-Results was found. */
  found: boolean
}

const KNOWN = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'])

export function parseAuthResults(header: string): AuthResults {
  const text = header.replace(/\r?\n[ \t]+/g, ' ')
  const pick = (method: 'spf' | 'dkim' | 'dmarc'): AuthVerdict => {
    const all = [...text.matchAll(new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([a-z]+)`, 'gi'))].map((m) => m[1]!.toLowerCase())
    if (all.length === 0) return 'unknown'
    // Several DKIM signatures: one passing signature is enough.
    if (all.includes('pass')) return 'pass'
    const v = all[0]!
    return KNOWN.has(v) ? (v as AuthVerdict) : 'unknown'
  }
  const spf = pick('spf')
  const dkim = pick('dkim')
  const dmarc = pick('dmarc')
  return { spf, dkim, dmarc, found: spf !== 'unknown' || dkim !== 'unknown' || dmarc !== 'unknown' }
}
