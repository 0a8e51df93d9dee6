/**
 * Finds credentials in one fragment of text (a file, the added lines of one
 * file in one commit, a script the site serves) the way gitleaks does: the
 * keyword prefilter picks the rules, each rule's regex finds candidates, the
 * secret is its first non-empty group, entropy and the allowlists (gitleaks'
 * global and per-rule lists, then ours: documentation examples, placeholders,
 * environment references, hashes and identifiers) drop what is not a secret.
 * Returns the raw value to the caller, which masks it at once (mask.ts):
 * nothing here stores or prints it.
 */
import { ruleSet, type Allowlist, type Rule } from './rules'

export interface Hit {
  ruleId: string
  /** The credential itself. Callers mask it before it leaves the scan. */
  secret: string
  /** 1-based line and column of the match within the fragment. */
  line: number
  column: number
}

export function shannonEntropy(s: string): number {
  if (!s) return 0
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / s.length
    h -= p * Math.log2(p)
  }
  return h
}

/** Whether gitleaks' global list skips this path altogether (lockfiles, images, vendored packages). */
export function pathIgnored(path: string): boolean {
  return ruleSet().global.paths.some((re) => re.test(path))
}

function allowed(a: Allowlist, secret: string, match: string, line: string, path: string): boolean {
  const text = a.target === 'match' ? match : a.target === 'line' ? line : secret
  const lower = secret.toLowerCase()
  const checks: boolean[] = []
  if (a.paths.length) checks.push(a.paths.some((re) => re.test(path)))
  if (a.regexes.length) checks.push(a.regexes.some((re) => re.test(text)))
  if (a.stopwords.length) checks.push(a.stopwords.some((w) => lower.includes(w)))
  if (!checks.length) return false
  return a.and ? checks.every(Boolean) : checks.some(Boolean)
}

/** AWS's and Stripe's documentation keys, and the shapes that only ever stand in for one. */
const DOC_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'pk_test_TYooMQauvdEDq54NiTphI7jx'])
const PLACEHOLDER = /example|placeholder|change[-_]?me|your[-_]|[-_]here\b|x{5,}|\*{3,}|<[^>]*>|\.{3}|…|dummy|redacted|insert[-_]|replace[-_]?me|^fake|[-_]fake|^(?:test|secret|password|token|changeit)$/i
const ENV_REFERENCE = /^(?:process\.env\b|import\.meta\.env\b|os\.environ|os\.getenv|env\(|ENV\[|\$\{|\$[A-Z_]|%[A-Z_]+%|\{\{)/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const HEX_DIGEST = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/
const INTEGRITY = /^sha(?:1|256|384|512)-/

/** Our traps: true when the candidate is not a secret whatever rule found it. */
export function notASecret(ruleId: string, secret: string): boolean {
  if (DOC_EXAMPLES.has(secret) || secret.endsWith('EXAMPLE') || secret.endsWith('EXAMPLEKEY')) return true
  if (ENV_REFERENCE.test(secret) || INTEGRITY.test(secret)) return true
  if (PLACEHOLDER.test(secret)) return true
  // Identifiers and digests look random and are not credentials, unless the rule is about a UUID-shaped token.
  if (ruleId === 'generic-api-key' && (UUID.test(secret) || HEX_DIGEST.test(secret))) return true
  // A local database's default password is not a production credential.
  return false
}

const LOCAL_DB_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|db|database|postgres|mysql|redis|mongo|host\.docker\.internal)$/i

function lineAt(text: string, index: number): { line: number; column: number; text: string } {
  let line = 1
  let start = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++
    start = i + 1
  }
  const end = text.indexOf('\n', index)
  return { line, column: index - start + 1, text: text.slice(start, end === -1 ? text.length : end) }
}

function runRule(rule: Rule, text: string, path: string, hits: Hit[]): void {
  const re = rule.re!
  re.lastIndex = 0
  const global = ruleSet().global
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++
      continue
    }
    let secret = m[0]
    if (m.length > 1) {
      if (rule.secretGroup) secret = m[rule.secretGroup] ?? ''
      else secret = m.slice(1).find((g) => g) ?? m[0]
    }
    if (!secret) continue
    if (rule.entropy && shannonEntropy(secret) <= rule.entropy) continue
    const at = lineAt(text, m.index)
    if (at.text.includes('gitleaks:allow') || at.text.includes('launchready:allow')) continue
    if (allowed(global, secret, m[0], at.text, path) || rule.allow.some((a) => allowed(a, secret, m[0], at.text, path))) continue
    if (notASecret(rule.id, secret)) continue
    if (rule.id === 'database-url-password' && LOCAL_DB_HOST.test(m[2] ?? '')) continue
    hits.push({ ruleId: rule.id, secret, line: at.line, column: at.column })
  }
}

/** Every credential in `text`, one hit per rule and position (duplicates of one value are the caller's to merge). */
export function scanText(text: string, path = ''): Hit[] {
  const set = ruleSet()
  const hits: Hit[] = []
  const picked = new Set<Rule>(set.always)
  for (const k of set.keywords.find(text)) for (const r of set.byKeyword.get(set.keywords.words[k]!) ?? []) picked.add(r)
  for (const rule of picked) {
    if (rule.path && !rule.path.test(path)) continue
    runRule(rule, text, path, hits)
  }
  // One value found by two rules (a specific one and the generic one) is one finding, named by the specific rule.
  const specific = new Set(hits.filter((h) => h.ruleId !== 'generic-api-key').map((h) => h.secret))
  return hits.filter((h) => h.ruleId !== 'generic-api-key' || ![...specific].some((s) => s.includes(h.secret) || h.secret.includes(s)))
}

/** Path-only rules (a PKCS#12 keystore): the file itself is the credential. */
export function pathRuleHits(path: string): string[] {
  return ruleSet().rules.filter((r) => !r.re && r.path?.test(path)).map((r) => r.id)
}
