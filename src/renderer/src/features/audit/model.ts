/** Pure helpers for the audit panels: no DOM, no React (unit-tested in node). */
import { CATALOG, catalogEntry, SEVERITIES, STATUSES, type Severity, type StageNumber, type Status } from '../../../../shared/catalog'
import type { Finding } from '../../../../shared/model'
import { findingKey } from '../../../../shared/model'
import type { RunDiff } from '../../../../shared/risk'
import type { RunningCheck } from '../../../../shared/contract/runs'
import type { CertificateInfo, DnsMapEntry, SurfaceRow } from '../../../../shared/audit-data'

/** Stages whose screen shows automated findings from the audit (stage 5 has its own perf panel). */
export const AUDIT_STAGES: StageNumber[] = [2, 3, 4, 6]

/** Catalog checks an audit runs for a stage (perf is measured from Stage 5 and the database read from its own panel, not by the audit). */
export function stageCheckIds(stage: StageNumber): string[] {
  return CATALOG.filter((c) => c.stage === stage && c.family !== 'perf' && c.family !== 'db').map((c) => c.id)
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 }

/** Problems first (fail, could not check, warning), worst severity first, then by check and target. */
export function byImportance(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    findingKey(a).localeCompare(findingKey(b))
  )
}

export const isProblem = (f: Finding): boolean => f.status === 'fail' || f.status === 'warn' || f.status === 'error'

export function stageFindings(findings: readonly Finding[], stage: StageNumber): Finding[] {
  return findings.filter((f) => f.stage === stage && !f.checkId.startsWith('perf.')).sort(byImportance)
}

/** Plain words for what is running now: "Browsers trust your certificate (www.acme.com)". */
export function runningText(running: readonly RunningCheck[]): string {
  const [first] = running
  if (!first) return ''
  const name = catalogEntry(first.checkId)?.name ?? first.checkId
  const more = running.length > 1 ? ` and ${running.length - 1} more` : ''
  return `${name} (${first.target})${more}`
}

/** While a run goes on, its total is the suites' estimate (hosts that turn out not to exist have no checks): said as such. */
export function progressText(done: number, total: number): string {
  return total > 0 ? `${done} of about ${Math.max(total, done)} checks done` : 'Preparing the checks…'
}

export function diffText(d: RunDiff | null): string {
  if (!d) return 'This is the first run, so there is nothing to compare yet.'
  const parts = [`${d.fixed.length} fixed`, `${d.new.length} new`, `${d.unchanged.length} unchanged`]
  if (d.changed.length) parts.push(`${d.changed.length} changed`)
  return `Since the previous run: ${parts.join(', ')}.`
}

export interface TableFilter {
  status: Status | 'problems' | 'all'
  severity: Severity | 'all'
  stage: StageNumber | 'all'
  text: string
}
export const DEFAULT_FILTER: TableFilter = { status: 'all', severity: 'all', stage: 'all', text: '' }

export function filterFindings(findings: readonly Finding[], f: TableFilter): Finding[] {
  const q = f.text.trim().toLowerCase()
  return findings
    .filter((x) => (f.status === 'all' ? true : f.status === 'problems' ? isProblem(x) : x.status === f.status))
    .filter((x) => f.severity === 'all' || x.severity === f.severity)
    .filter((x) => f.stage === 'all' || x.stage === f.stage)
    .filter((x) => !q || `${x.checkId} ${x.target} ${x.title} ${x.summary}`.toLowerCase().includes(q))
    .sort(byImportance)
}

export const STATUS_CHOICES: readonly (Status | 'problems' | 'all')[] = ['all', 'problems', ...STATUSES]
export const SEVERITY_CHOICES: readonly (Severity | 'all')[] = ['all', ...SEVERITIES]

/** Cells of the site-surface matrix, in words (never colour alone). */
export function surfaceCells(r: SurfaceRow): { final: string; hops: string; path: string; cert: string; hsts: string; problem: boolean } {
  const redirects = r.hops.filter((h) => h.status >= 300 && h.status < 400).length
  const plain = Boolean(r.finalUrl?.startsWith('http://'))
  const final = !r.exists ? 'Does not resolve' : r.error ? `✗ ${r.error}` : r.finalUrl ? `${plain ? '✗ ' : ''}${r.finalUrl} (${r.finalStatus ?? '?'})${plain ? ', not encrypted' : ''}` : 'No answer'
  const path = r.pathKept === null ? '–' : r.pathKept ? '✓ kept' : '✗ dropped'
  const cert = r.scheme === 'http' ? '–' : r.certCovers === null ? '?' : r.certCovers ? '✓ covers' : '✗ does not cover'
  const hsts = r.scheme === 'http' ? '–' : r.hsts ? `✓ ${r.hsts}` : '✗ none'
  const problem = Boolean(r.error) || (r.exists && plain) || r.pathKept === false || r.certCovers === false || (r.exists && r.finalStatus !== null && r.finalStatus >= 400) || (r.scheme === 'https' && r.exists && !r.hsts)
  return { final, hops: redirects === 0 ? 'none' : String(redirects), path, cert, hsts, problem }
}

const RCODE_WORDS: Record<string, string> = {
  NXDOMAIN: 'does not exist',
  SERVFAIL: 'the DNS server failed to answer',
  REFUSED: 'the DNS server refused to answer',
}

export interface DnsMapRow {
  name: string
  type: string
  ttl: string
  value: string
  expected: string
  problem: boolean
}

/** One row per record; a name without records says why in words; expected records that are missing get their own row. */
export function dnsMapRows(entries: readonly DnsMapEntry[]): DnsMapRow[] {
  const rows: DnsMapRow[] = []
  for (const e of entries) {
    if (e.records.length === 0) {
      rows.push({ name: e.name, type: '–', ttl: '–', value: RCODE_WORDS[e.rcode] ?? (e.rcode === 'NOERROR' ? 'exists, but has no address records' : e.rcode), expected: e.expected.length ? '✗ expected records missing' : '–', problem: (e.rcode !== 'NOERROR' && e.rcode !== 'NXDOMAIN') || e.expected.length > 0 })
      continue
    }
    for (const r of e.records) {
      const exp = e.expected.find((x) => x.type.toUpperCase() === r.type.toUpperCase() && x.value === r.value)
      const sameType = e.expected.some((x) => x.type.toUpperCase() === r.type.toUpperCase())
      rows.push({
        name: r.name,
        type: r.type,
        ttl: r.ttl === null ? '?' : `${r.ttl} s`,
        value: r.value,
        expected: exp ? (exp.matches ? '✓ yes' : '✗ no') : sameType ? '✗ not in your map' : '–',
        problem: Boolean(exp && !exp.matches) || (sameType && !exp),
      })
    }
    for (const x of e.expected) {
      if (e.records.some((r) => r.type.toUpperCase() === x.type.toUpperCase() && r.value === x.value)) continue
      if (!x.matches) rows.push({ name: e.name, type: x.type, ttl: '–', value: x.value, expected: '✗ expected, not found', problem: true })
    }
  }
  return rows
}

export interface CertRow {
  host: string
  expires: string
  daysText: string
  /** 0–100: days left on a 90-day scale (a typical certificate's life). */
  barPct: number
  tone: 'ok' | 'warn' | 'danger'
  issuer: string
  trusted: string
}

/** Soonest expiry first; the words carry the urgency (never colour alone). */
export function certRows(certs: readonly CertificateInfo[]): CertRow[] {
  return [...certs]
    .sort((a, b) => a.daysLeft - b.daysLeft || a.host.localeCompare(b.host))
    .map((c) => {
      const d = Math.floor(c.daysLeft)
      const tone = d < 14 ? 'danger' : d < 30 ? 'warn' : 'ok'
      const daysText = d < 0 ? `✗ expired ${-d} day${d === -1 ? '' : 's'} ago` : d < 7 ? `✗ ${d} days: renew now` : d < 30 ? `! ${d} days` : `✓ ${d} days`
      const cn = /CN=([^,]+)/.exec(c.issuer)?.[1] ?? c.issuer
      const org = /O=([^,]+)/.exec(c.issuer)?.[1]
      return {
        host: c.host,
        expires: c.validTo.slice(0, 10),
        daysText,
        barPct: Math.max(0, Math.min(100, Math.round((d / 90) * 100))),
        tone,
        issuer: org && org !== cn ? `${org} (${cn})` : cn,
        trusted: c.trusted ? '✓ yes' : '✗ no',
      }
    })
}
