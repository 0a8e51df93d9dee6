/**
 * Reading one SPF record (RFC 7208 §4.5, §4.6, §5, §6): picking the
 * `v=spf1` records out of a name's TXT records, and splitting a record into
 * terms with each term's syntax checked on its own (mailauth's RFC 7208
 * grammar, the one its evaluator uses in strict mode), so an error is pinned
 * to the term that has it.
 */
import { validateTerms } from 'mailauth/lib/spf/syntax.js'

export type TermKind = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists' | 'redirect' | 'exp' | 'modifier' | 'unknown'

export interface SpfTerm {
  text: string
  kind: TermKind
  qualifier: '+' | '-' | '~' | '?'
  /** The domain-spec after `:` or `=`, when there is one. */
  target?: string
  /** Whether the term costs one of the 10 DNS lookups (RFC 7208 §4.6.4). */
  dnsLookup: boolean
  /** Plain-language syntax problem of this term. */
  error?: string
}

export interface ParsedSpf {
  record: string
  terms: SpfTerm[]
  /** The `all` term, when the record has one. */
  all?: SpfTerm
  redirect?: SpfTerm
  errors: { term: string; message: string }[]
}

/** `v=spf1` followed by a space or the end (RFC 7208 §4.5); case-insensitive. */
export const isSpfRecord = (txt: string): boolean => /^v=spf1( |$)/i.test(txt)

/** The SPF records among a name's TXT records (joined strings). */
export function spfRecordsOf(txts: string[]): string[] {
  return txts.filter(isSpfRecord)
}

const MECHS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'])
const LOOKUP_KINDS = new Set<TermKind>(['include', 'a', 'mx', 'ptr', 'exists', 'redirect'])

function classify(text: string): Omit<SpfTerm, 'error'> {
  const eq = text.indexOf('=')
  const sep = text.search(/[:/]/)
  if (eq > 0 && (sep < 0 || eq < sep)) {
    const name = text.slice(0, eq).toLowerCase()
    const kind: TermKind = name === 'redirect' ? 'redirect' : name === 'exp' ? 'exp' : 'modifier'
    return { text, kind, qualifier: '+', target: text.slice(eq + 1), dnsLookup: kind === 'redirect' }
  }
  const m = /^([+\-~?]?)([^:/]*)(.*)$/.exec(text)
  const qualifier = (m?.[1] || '+') as SpfTerm['qualifier']
  const name = (m?.[2] ?? '').toLowerCase()
  const rest = m?.[3] ?? ''
  const kind: TermKind = MECHS.has(name) ? (name as TermKind) : 'unknown'
  const target = rest.startsWith(':') ? rest.slice(1).split('/')[0] : undefined
  return { text, kind, qualifier, ...(target ? { target } : {}), dnsLookup: LOOKUP_KINDS.has(kind) }
}

function plainError(term: string, message: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(term)) return `“${JSON.stringify(term).slice(1, -1)}” contains a control character (a line break, a tab or similar), which SPF does not allow: publish the record on one line with plain spaces.`
  if (/[^\x20-\x7e]/.test(term)) return `“${term}” contains characters that are not plain ASCII (for example a curly quote or an accented letter pasted from a document).`
  return `“${term}” is not valid SPF: ${message.replace(/^./, (c) => c.toLowerCase())}.`
}

/**
 * What is wrong with one term, or null. A DNS record anyone can publish must
 * never crash us: control characters are refused here (mailauth's validator
 * throws a TypeError on a line break inside a term), and anything else the
 * validator throws is a syntax problem of that term.
 */
function termProblem(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) return 'It contains a control character (a line break, a tab or similar), which SPF does not allow'
  try {
    return validateTerms([text]) || null
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  }
}

/** Parses a record that starts with `v=spf1`. Never throws. */
export function parseSpf(record: string): ParsedSpf {
  const raw = record.replace(/^v=spf1/i, '')
  const terms: SpfTerm[] = []
  const errors: ParsedSpf['errors'] = []
  // RFC 7208: terms are separated by one or more SP; tabs and other whitespace are not allowed.
  if (/[\t\r\n]/.test(raw)) errors.push({ term: '(whitespace)', message: 'The record contains tabs or line breaks; SPF terms must be separated by plain spaces only.' })
  for (const text of raw.split(' ').filter(Boolean)) {
    const t: SpfTerm = classify(text)
    const bad = termProblem(text)
    if (bad) {
      t.error = plainError(text, bad)
      errors.push({ term: text, message: t.error })
    }
    terms.push(t)
  }
  for (const kind of ['redirect', 'exp'] as const) {
    const n = terms.filter((t) => t.kind === kind).length
    if (n > 1) errors.push({ term: `${kind}=`, message: `The record has ${n} ${kind}= modifiers; SPF allows at most one.` })
  }
  const all = terms.find((t) => t.kind === 'all')
  const redirect = terms.find((t) => t.kind === 'redirect')
  return { record, terms, ...(all ? { all } : {}), ...(redirect ? { redirect } : {}), errors }
}

/** Whether a domain-spec contains macros (then it depends on the sender and cannot be followed ahead of time). */
export const hasMacro = (spec: string): boolean => spec.includes('%')
