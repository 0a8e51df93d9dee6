/** Pure helpers for finding cards and tables: labels, evidence rows, provider tabs. No DOM, no React. */
import type { Severity, Status } from '../../../shared/catalog'
import type { FixStep } from '../../../shared/model'

export const STATUS_INFO: Record<Status, { icon: string; word: string; tone: 'ok' | 'warn' | 'danger' | 'muted' }> = {
  pass: { icon: '✓', word: 'Pass', tone: 'ok' },
  warn: { icon: '!', word: 'Warning', tone: 'warn' },
  fail: { icon: '✗', word: 'Fail', tone: 'danger' },
  error: { icon: '?', word: 'Could not check', tone: 'danger' },
  skipped: { icon: '–', word: 'Skipped', tone: 'muted' },
}

export const SEVERITY_INFO: Record<Severity, { word: string; meaning: string }> = {
  blocker: { word: 'Blocker', meaning: 'fix before launch' },
  high: { word: 'High', meaning: 'fix this week' },
  medium: { word: 'Medium', meaning: 'fix soon' },
  low: { word: 'Low', meaning: 'when you have time' },
  info: { word: 'Info', meaning: 'for your information' },
}

export interface EvidenceRow {
  label: string
  /** Short text, or multi-line text shown in a monospace block. */
  value: string
  block: boolean
  /** A list of records with simple fields, shown as a table instead of `value`. */
  table?: { columns: string[]; rows: string[][]; more: number }
}

const isFlatRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => isPrimitive(x) || (Array.isArray(x) && x.every(isPrimitive)))

/** Records -> a table: every key becomes a column (at most 8), every record a row (at most 50). */
function asTable(list: Record<string, unknown>[]): EvidenceRow['table'] {
  const keys = [...new Set(list.flatMap((o) => Object.keys(o)))].slice(0, 8)
  const cell = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.map(show).join(', ') : show(v))
  return { columns: keys.map(humanizeKey), rows: list.slice(0, 50).map((o) => keys.map((k) => cell(o[k]))), more: Math.max(0, list.length - 50) }
}

/** `certDaysLeft` -> "Cert days left"; `p95Ms` -> "P95 ms". */
export function humanizeKey(k: string): string {
  const words = k
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const isPrimitive = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v)

function show(v: unknown): string {
  if (v === null) return 'none'
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2)
  return String(v)
}

/** Evidence as label/value rows: primitives inline, lists of primitives joined, anything deeper as indented text. */
export function evidenceRows(evidence: Record<string, unknown>, maxChars = 4000): EvidenceRow[] {
  const rows: EvidenceRow[] = []
  for (const [k, v] of Object.entries(evidence)) {
    if (v === undefined) continue
    if (isPrimitive(v)) {
      const s = show(v)
      rows.push({ label: humanizeKey(k), value: s, block: s.includes('\n') || s.length > 120 })
    } else if (Array.isArray(v) && v.every(isPrimitive)) {
      const s = v.map(show).join('\n')
      rows.push({ label: humanizeKey(k), value: v.length ? s : 'none', block: v.length > 1 })
    } else if (Array.isArray(v) && v.length > 0 && v.every(isFlatRecord)) {
      rows.push({ label: humanizeKey(k), value: JSON.stringify(v), block: true, table: asTable(v) })
    } else {
      let s = JSON.stringify(v, null, 2) ?? ''
      if (s.length > maxChars) s = `${s.slice(0, maxChars)}\n… (${s.length - maxChars} more characters)`
      rows.push({ label: humanizeKey(k), value: s, block: true })
    }
  }
  return rows
}

export const PROVIDER_NAMES: Record<string, string> = {
  cloudflare: 'Cloudflare',
  namecheap: 'Namecheap',
  godaddy: 'GoDaddy',
  route53: 'Route 53',
  vercel: 'Vercel',
  netlify: 'Netlify',
  'google-workspace': 'Google Workspace',
  'microsoft-365': 'Microsoft 365',
  fastly: 'Fastly',
  cloudfront: 'CloudFront',
  nginx: 'nginx',
  apache: 'Apache',
  caddy: 'Caddy',
  heroku: 'Heroku',
  render: 'Render',
  flyio: 'Fly.io',
}
export const providerName = (id: string): string => PROVIDER_NAMES[id.toLowerCase()] ?? id.charAt(0).toUpperCase() + id.slice(1)

export interface FixPlan {
  /** Steps that apply whatever the provider (shown first, numbered). */
  common: FixStep[]
  /** Provider-specific steps, one tab each, in the order they first appear. */
  providers: { id: string; name: string; steps: FixStep[] }[]
}

export function fixPlan(steps: readonly FixStep[]): FixPlan {
  const common: FixStep[] = []
  const byProvider = new Map<string, FixStep[]>()
  for (const s of steps) {
    if (!s.provider) common.push(s)
    else byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s])
  }
  return { common, providers: [...byProvider].map(([id, st]) => ({ id, name: providerName(id), steps: st })) }
}

/** The tab to open first: the project's own provider when a tab is written for it. */
export function preferredProvider(plan: FixPlan, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  const wanted = new Set(known.filter(Boolean).map(norm))
  return (plan.providers.find((p) => wanted.has(norm(p.id)) || wanted.has(norm(p.name))) ?? plan.providers[0])?.id
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function ranAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return ''
  const s = Math.max(0, Math.round((now - t) / 1000))
  if (s < 45) return 'just now'
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`
  return new Date(t).toLocaleDateString()
}
