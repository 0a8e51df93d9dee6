/**
 * The SPF lint's static lookup tree: every include and redirect of the
 * domain's record, walked in the order a receiver evaluates them when
 * nothing matches early (the worst case, which is what receivers hit for
 * mail the record does not cover), with each record's own lookup count, the
 * running total, and the record whose lookups take the total past 10.
 * Counting follows RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect
 * cost one lookup each; the address lookups behind an `mx` are limited to 10
 * per term and do not add to the 10; queries that come back empty are void
 * lookups (at most 2).
 */
import type { Resolver } from '../types'
import type { SpfTreeNode, SpfTreeTerm } from '../../../shared/audit-data'
import { lookup, mxOf, txtJoined, txtStrings, type Lookup } from './dns'
import { hasMacro, parseSpf, spfRecordsOf } from './spf-record'

export const SPF_LOOKUP_LIMIT = 10
export const SPF_VOID_LIMIT = 2
const MAX_DEPTH = 12

export interface SpfTreeOptions {
  timeoutMs?: number
  signal?: AbortSignal
  /** Stop following after this many DNS queries (a runaway or hostile record). Default 120. */
  maxQueries?: number
}

export interface SpfLint {
  domain: string
  /** The SPF records published at the domain itself. */
  records: string[]
  /** The TXT lookup at the domain (status tells NXDOMAIN, NODATA and could-not-ask apart). */
  rootLookup: Lookup
  tree: SpfTreeNode
  totalLookups: number
  totalVoid: number
  /** Domain of the record whose lookups go past 10. */
  overLimitAt?: string
  syntaxErrors: { domain: string; term: string; message: string }[]
  /** The root record's `all` term (e.g. `~all`), or null; and its redirect target. */
  all: string | null
  redirect: string | null
  ptrAt: string[]
  longStrings: { domain: string; length: number }[]
  bigAnswers: { domain: string; bytes: number }[]
  loops: { from: string; to: string }[]
  mxOverLimit: { domain: string; term: string; hosts: number }[]
  /** Records in the tree that could not be read or followed, with the reason. */
  problems: { domain: string; message: string }[]
  /** Every include/redirect domain written literally anywhere in the tree. */
  includes: string[]
  /** Includes and redirects that lead to a domain without an SPF record (a permanent error when reached). */
  missing: { from: string; to: string; via: 'include' | 'redirect' }[]
}

interface Walk {
  total: number
  void: number
  queries: number
  overAt?: string
  lint: SpfLint
  cache: Map<string, Promise<Lookup>>
  resolver: Resolver
  opts: SpfTreeOptions
}

const norm = (d: string) => d.toLowerCase().replace(/\.$/, '')

function q(w: Walk, name: string, type: 'TXT' | 'A' | 'AAAA' | 'MX'): Promise<Lookup> {
  const key = `${norm(name)}/${type}`
  let p = w.cache.get(key)
  if (!p) {
    w.queries++
    p = lookup(w.resolver, name, type, w.opts)
    w.cache.set(key, p)
  }
  return p
}

/** Counts one lookup; true when this is the one that goes past 10. */
function countLookup(w: Walk, node: SpfTreeNode, ti: SpfTreeTerm): boolean {
  node.lookups++
  w.total++
  if (w.total > SPF_LOOKUP_LIMIT && !w.overAt) {
    w.overAt = node.domain
    node.pushesOverLimit = true
    w.lint.overLimitAt = node.domain
    ti.problem = `This is lookup number ${w.total}: receivers stop at ${SPF_LOOKUP_LIMIT} and treat the whole SPF record as broken.`
    return true
  }
  return false
}

/** When the include/redirect term itself was lookup 11, the record it pulls in is the one that tips the total over. */
function blame(w: Walk, parent: SpfTreeNode, child: SpfTreeNode): void {
  parent.pushesOverLimit = false
  child.pushesOverLimit = true
  w.overAt = child.domain
  w.lint.overLimitAt = child.domain
}

function countVoid(w: Walk, node: SpfTreeNode, ti: SpfTreeTerm, what: string): void {
  ti.void = true
  node.voidLookups++
  w.void++
  ti.problem ??= `${what} does not exist, so this lookup is wasted (a “void” lookup; more than ${SPF_VOID_LIMIT} break SPF).`
}

async function isVoid(w: Walk, name: string): Promise<boolean> {
  const s = (await q(w, name, 'TXT')).status
  return s === 'nxdomain' || s === 'nodata'
}

async function walk(w: Walk, domain: string, via: SpfTreeNode['via'], path: string[]): Promise<SpfTreeNode> {
  const node: SpfTreeNode = { domain, via, record: null, lookups: 0, totalLookups: 0, voidLookups: 0, children: [], startsAt: w.total, terms: [] }
  const lint = w.lint
  const fail = (message: string) => {
    node.error = message
    lint.problems.push({ domain, message })
    return node
  }
  if (w.queries >= (w.opts.maxQueries ?? 120)) return fail('We stopped following the record here: it needs far more DNS queries than any receiver will make.')
  const l = await q(w, domain, 'TXT')
  if (via === 'root') lint.rootLookup = l
  if (l.status === 'error') return fail(l.reason ?? `We could not read the TXT records of ${domain}.`)
  for (const strings of txtStrings(l)) for (const s of strings) if (s.length > 255) lint.longStrings.push({ domain, length: s.length })
  const records = spfRecordsOf(txtJoined(l))
  if (l.size > 512) lint.bigAnswers.push({ domain, bytes: l.size })
  if (via === 'root') lint.records = records
  if (records.length === 0) {
    if (via === 'root') return fail(l.status === 'nxdomain' ? `${domain} does not exist in DNS.` : `${domain} publishes no SPF record.`)
    lint.missing.push({ from: path[path.length - 2] ?? lint.domain, to: domain, via })
    return fail(`${domain} publishes no SPF record, so receivers treat this ${via} as a permanent error and SPF fails for every message.`)
  }
  if (records.length > 1) fail(`${domain} publishes ${records.length} SPF records; receivers treat that as a permanent error. Merge them into one.`)
  const rec = records[0]!
  node.record = rec
  const parsed = parseSpf(rec)
  for (const e of parsed.errors) lint.syntaxErrors.push({ domain, term: e.term, message: e.message })
  if (via === 'root') {
    lint.all = parsed.all ? parsed.all.text : null
    lint.redirect = parsed.redirect?.target ?? null
  }
  const terms = node.terms!
  for (const t of parsed.terms) {
    const ti: SpfTreeTerm = { text: t.text, lookup: t.dnsLookup && !(t.kind === 'redirect' && parsed.all) }
    if (t.error) ti.problem = t.error
    terms.push(ti)
    if (t.kind === 'redirect') continue
    if (!t.dnsLookup || t.error) continue
    const crossed = countLookup(w, node, ti)
    const target = t.target ?? domain
    if (hasMacro(target)) {
      ti.problem ??= 'This term depends on the sender (it uses a macro), so we cannot follow it ahead of time.'
      continue
    }
    if (t.kind === 'include') {
      const child = norm(target)
      if (!lint.includes.includes(child)) lint.includes.push(child)
      if (path.includes(child)) {
        lint.loops.push({ from: domain, to: child })
        ti.problem = `This include leads back to ${child}, which is already being evaluated: a loop that receivers stop with an error.`
        continue
      }
      if (path.length > MAX_DEPTH) {
        ti.problem = `Includes nest more than ${MAX_DEPTH} deep here; we stopped following them (receivers hit the 10-lookup limit long before).`
        lint.problems.push({ domain, message: ti.problem })
        continue
      }
      const sub = await walk(w, child, 'include', [...path, child])
      if (await isVoid(w, child)) countVoid(w, node, ti, child)
      if (crossed) blame(w, node, sub)
      node.children.push(sub)
    } else if (t.kind === 'a') {
      const [a, aaaa] = await Promise.all([q(w, target, 'A'), q(w, target, 'AAAA')])
      if (a.status !== 'ok' && aaaa.status !== 'ok' && a.status !== 'error' && aaaa.status !== 'error') countVoid(w, node, ti, norm(target))
    } else if (t.kind === 'exists') {
      const a = await q(w, target, 'A')
      if (a.status === 'nxdomain' || a.status === 'nodata') countVoid(w, node, ti, norm(target))
    } else if (t.kind === 'mx') {
      const mx = await q(w, target, 'MX')
      if (mx.status === 'nxdomain' || mx.status === 'nodata') {
        countVoid(w, node, ti, `A mail server for ${norm(target)}`)
        continue
      }
      const hosts = mxOf(mx).filter((m) => m.exchange !== '' && m.exchange !== '.')
      ti.addressLookups = hosts.length
      if (hosts.length > SPF_LOOKUP_LIMIT) {
        lint.mxOverLimit.push({ domain, term: t.text, hosts: hosts.length })
        ti.problem = `${norm(target)} has ${hosts.length} mail servers; an “mx” term may look up at most ${SPF_LOOKUP_LIMIT}, so receivers treat the record as broken.`
      }
    } else if (t.kind === 'ptr') {
      if (!lint.ptrAt.includes(domain)) lint.ptrAt.push(domain)
      ti.problem ??= 'The “ptr” mechanism is slow and unreliable; RFC 7208 says not to use it, and some receivers ignore it.'
    }
  }
  const red = parsed.redirect
  if (red?.target && !red.error) {
    const ti = terms.find((x) => x.text === red.text)!
    if (parsed.all) {
      ti.problem = 'This redirect is ignored because the record already ends with an “all” rule.'
    } else {
      const crossed = countLookup(w, node, ti)
      if (hasMacro(red.target)) {
        ti.problem ??= 'This redirect depends on the sender (it uses a macro), so we cannot follow it ahead of time.'
      } else {
        const child = norm(red.target)
        if (!lint.includes.includes(child)) lint.includes.push(child)
        if (path.includes(child) || path.length > MAX_DEPTH) {
          if (path.includes(child)) lint.loops.push({ from: domain, to: child })
          ti.problem = `This redirect leads back to ${child}, which is already being evaluated: a loop that receivers stop with an error.`
        } else {
          const sub = await walk(w, child, 'redirect', [...path, child])
          if (await isVoid(w, child)) countVoid(w, node, ti, child)
          if (crossed) blame(w, node, sub)
          node.children.push(sub)
        }
      }
    }
  }
  node.totalLookups = node.lookups + node.children.reduce((n, c) => n + c.totalLookups, 0)
  return node
}

/** Builds the lookup tree and lint of a domain's SPF record. Never throws. */
export async function lintSpf(resolver: Resolver, domain: string, opts: SpfTreeOptions = {}): Promise<SpfLint> {
  const d = norm(domain)
  const lint: SpfLint = {
    domain: d,
    records: [],
    rootLookup: { name: d, type: 'TXT', status: 'error', records: [], size: 0 },
    tree: { domain: d, via: 'root', record: null, lookups: 0, totalLookups: 0, voidLookups: 0, children: [] },
    totalLookups: 0,
    totalVoid: 0,
    syntaxErrors: [],
    all: null,
    redirect: null,
    ptrAt: [],
    longStrings: [],
    bigAnswers: [],
    loops: [],
    mxOverLimit: [],
    problems: [],
    includes: [],
    missing: [],
  }
  const w: Walk = { total: 0, void: 0, queries: 0, lint, cache: new Map(), resolver, opts }
  lint.tree = await walk(w, d, 'root', [d])
  lint.totalLookups = w.total
  lint.totalVoid = w.void
  return lint
}

/** Plain text rendering of the tree, one record per line (the CLI and the evidence panel). */
export function treeLines(node: SpfTreeNode, indent = ''): string[] {
  const mark = node.pushesOverLimit ? '  <-- goes past 10 lookups here' : ''
  const head = `${indent}${node.via === 'root' ? '' : `${node.via} `}${node.domain}: ${node.lookups} lookup${node.lookups === 1 ? '' : 's'} here, ${node.totalLookups} with everything below${node.voidLookups ? `, ${node.voidLookups} void` : ''}${mark}`
  const lines = [head]
  if (node.record) lines.push(`${indent}  "${node.record}"`)
  if (node.error) lines.push(`${indent}  ! ${node.error}`)
  for (const t of node.terms ?? []) if (t.problem) lines.push(`${indent}  ! ${t.text}: ${t.problem}`)
  for (const c of node.children) lines.push(...treeLines(c, `${indent}  `))
  return lines
}
