/**
 * The rules the secret scan runs: gitleaks' default rule set (vendored in
 * rules/gitleaks.json, MIT, refreshed with `npm run refresh:secret-rules`)
 * plus a few of ours for formats it does not cover (rules/supplements.ts).
 * Compiled once per process.
 */
import gitleaks from './rules/gitleaks.json' with { type: 'json' }
import { SUPPLEMENTS } from './rules/supplements'
import { KeywordMatcher } from './keywords'

interface RawAllow {
  condition: string
  regexTarget: string
  regexes: (string | null)[]
  paths: (string | null)[]
  stopwords: string[]
}

export interface RawRule {
  id: string
  description: string
  regex?: string | null
  path?: string | null
  secretGroup?: number
  entropy?: number
  keywords: string[]
  allowlists: RawAllow[]
}

export interface Allowlist {
  and: boolean
  target: 'secret' | 'match' | 'line'
  regexes: RegExp[]
  paths: RegExp[]
  stopwords: string[]
}

export interface Rule {
  id: string
  description: string
  /** Global (`g`) — reset lastIndex before use. */
  re?: RegExp
  path?: RegExp
  secretGroup?: number
  entropy?: number
  keywords: string[]
  allow: Allowlist[]
  source: 'gitleaks' | 'launch-ready'
}

const compileAllow = (a: RawAllow): Allowlist => ({
  and: a.condition === 'AND',
  target: a.regexTarget === 'match' || a.regexTarget === 'line' ? a.regexTarget : 'secret',
  regexes: a.regexes.filter((r): r is string => !!r).map((r) => new RegExp(r)),
  paths: a.paths.filter((r): r is string => !!r).map((r) => new RegExp(r)),
  stopwords: a.stopwords,
})

function compile(r: RawRule, source: Rule['source']): Rule {
  return {
    id: r.id,
    description: r.description,
    ...(r.regex ? { re: new RegExp(r.regex, 'g') } : {}),
    ...(r.path ? { path: new RegExp(r.path) } : {}),
    ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
    ...(r.entropy ? { entropy: r.entropy } : {}),
    keywords: r.keywords,
    allow: r.allowlists.map(compileAllow),
    source,
  }
}

export interface RuleSet {
  rules: Rule[]
  /** Rules with no keyword run on every fragment. */
  always: Rule[]
  /** Rules with a path condition (checked per file before the content). */
  byKeyword: Map<string, Rule[]>
  keywords: KeywordMatcher
  global: Allowlist
  source: string
}

let cached: RuleSet | undefined

export function ruleSet(): RuleSet {
  if (cached) return cached
  const rules = [...(gitleaks.rules as RawRule[]).map((r) => compile(r, 'gitleaks')), ...SUPPLEMENTS.map((r) => compile(r, 'launch-ready'))]
  const byKeyword = new Map<string, Rule[]>()
  const always: Rule[] = []
  for (const r of rules) {
    if (!r.re) continue
    if (!r.keywords.length) always.push(r)
    for (const k of r.keywords) byKeyword.set(k, [...(byKeyword.get(k) ?? []), r])
  }
  cached = {
    rules,
    always,
    byKeyword,
    keywords: new KeywordMatcher([...byKeyword.keys()]),
    global: compileAllow(gitleaks.allowlist as RawAllow),
    source: `gitleaks ${gitleaks.minVersion ?? ''} default rules (${gitleaks.rules.length}, MIT; ${gitleaks.source}) + ${SUPPLEMENTS.length} of Launch Ready's`,
  }
  return cached
}
