/**
 * Helpers every renderer of the pack shares: the section list (table of
 * contents and Stage 7 preview), key evidence lines, and the redaction that
 * guarantees no credential ever reaches an export.
 */
import { splitDeferredItems, type ReportModel, type ReportSectionInfo } from '../../shared/report-model'

const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`

export function reportSections(m: ReportModel): ReportSectionInfo[] {
  const findings = m.stages.reduce((a, s) => a + s.findings.length, 0)
  const items = m.stages.reduce((a, s) => a + s.checklist.length, 0)
  const done = m.stages.reduce((a, s) => a + s.checklist.filter((c) => c.done).length, 0)
  const ops = m.operations
  return [
    { id: 'summary', title: 'Executive summary', included: true, detail: summaryDetail(m) },
    { id: 'stages', title: 'Stage by stage', included: true, detail: `${n(findings, 'automated result', 'automated results')}, ${done} of ${items} checklist items done` },
    { id: 'dns', title: 'DNS map', included: Boolean(m.dnsMap), detail: m.dnsMap ? n(m.dnsMap.length, 'name', 'names') : 'Left out: no audit has recorded DNS yet' },
    { id: 'redirects', title: 'Redirect map', included: Boolean(m.surface), detail: m.surface ? n(m.surface.length, 'entry address', 'entry addresses') : 'Left out: no audit has walked the site’s addresses yet' },
    { id: 'email', title: 'Email authentication', included: Boolean(m.email), detail: m.email ? 'SPF, DKIM, DMARC, MX, MTA-STS and TLS-RPT with the DMARC plan' : 'Left out: the email checks have not run yet' },
    { id: 'certificates', title: 'Certificates', included: Boolean(m.certificates), detail: m.certificates ? n(m.certificates.length, 'certificate', 'certificates') : 'Left out: no certificate has been checked yet' },
    {
      id: 'performance',
      title: 'Performance',
      included: Boolean(m.performance || m.database),
      detail: m.performance || m.database ? [m.performance ? n(m.performance.rows.length, 'measured address', 'measured addresses') : '', m.database ? `the database: ${n(m.database.recommendations.length, 'open recommendation', 'open recommendations')}` : ''].filter(Boolean).join(', ') : 'Left out: performance has not been measured yet',
    },
    {
      id: 'operations',
      title: 'Operations',
      included: true,
      detail: `${n(ops.envVars.length, 'variable', 'variables')}, ${n(ops.secrets.length, 'secret location', 'secret locations')}${ops.exposed.length ? `, ${n(ops.exposed.length, 'exposed secret', 'exposed secrets')} to rotate` : ''}, ${ops.owners.filter((o) => o.owner).length} of ${ops.owners.length} owners`,
      ...(ops.envVars.length === 0 && ops.secrets.length === 0 && !ops.owners.some((o) => o.owner) ? { empty: true } : {}),
    },
    { id: 'risks', title: 'Known risks', included: m.knownRisks.length > 0, detail: m.knownRisks.length ? n(m.knownRisks.length, 'risk', 'risks') : 'Left out: no known risks written down yet' },
    { id: 'guide', title: 'Operating guide', included: true, detail: 'Certificate expiry, email in spam, a failed deploy, a leaked secret' },
    { id: 'screenshots', title: 'Screenshots', included: m.screenshots.length > 0, detail: m.screenshots.length ? n(m.screenshots.length, 'image', 'images') : 'Left out: no evidence images attached' },
    { id: 'homework', title: 'Still to write down', included: m.notRecorded.length > 0, detail: m.notRecorded.length ? n(m.notRecorded.length, 'gap', 'gaps') : 'Nothing missing' },
  ]
}

function summaryDetail(m: ReportModel): string {
  const { thisWeek, later } = splitDeferredItems(m.summary.defer)
  return `${n(m.summary.mustFix.length, 'item', 'items')} to fix today, ${thisWeek.length ? `${thisWeek.length} to fix this week, ` : ''}${later.length} safe to defer, ${m.summary.fixed.length} fixed during the sprint`
}

export const VERDICT_TEXT: Record<ReportModel['cover']['verdict'], string> = {
  go: 'GO: safe to take customers',
  'no-go': 'NO-GO: fix the items below first',
  'not-checked': 'NOT CHECKED: the pack cannot say it is safe yet',
}

const SENSITIVE_KEY = /authorization|cookie|password|passwd|secret|token|api[-_]?key|credential|bearer|session/i
const SKIP_KEY = /^(samplesMs|histogram|phases|cold|warm|series|points)$/

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v.length > 160 ? `${v.slice(0, 157)}…` : v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) {
    const parts = v.slice(0, 6).map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)))
    const s = parts.join(', ') + (v.length > 6 ? `, … (${v.length} in all)` : '')
    return s.length > 160 ? `${s.slice(0, 157)}…` : s
  }
  const s = JSON.stringify(v)
  return s.length > 160 ? `${s.slice(0, 157)}…` : s
}

/** Up to `max` readable evidence lines; credential-like fields are hidden, bulky series skipped. */
export function keyEvidence(evidence: Record<string, unknown>, max = 6): [string, string][] {
  const out: [string, string][] = []
  for (const [k, v] of Object.entries(evidence)) {
    if (SKIP_KEY.test(k)) continue
    if (SENSITIVE_KEY.test(k)) {
      out.push([k, '[hidden]'])
    } else {
      const s = show(v)
      if (s !== null && s !== '') out.push([k, s])
    }
    if (out.length >= max) break
  }
  return out
}

/**
 * Replaces every occurrence of the given secret values anywhere in the model
 * (and hides credential-like evidence fields). The vault's values are passed
 * in by the service; an export can never carry them, whatever the user typed.
 */
export function redactModel<T>(value: T, secrets: readonly string[]): T {
  const needles = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length)
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key && SENSITIVE_KEY.test(key) && v) return '[hidden]'
      let s = v
      for (const needle of needles) if (s.includes(needle)) s = s.split(needle).join('[hidden]')
      return s
    }
    if (Array.isArray(v)) return v.map((x) => walk(x))
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]))
    return v
  }
  return walk(value) as T
}
