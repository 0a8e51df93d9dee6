/** Pure helpers for the Stage 5 panel: no DOM, no React (unit-tested in node). */
import type { Finding, Project } from '../../../../shared/model'
import type { PerfComparison } from '../../../../shared/contract/perf'
import { VERTICAL_INFO } from '../../../../shared/verticals'

export const STATUS_LABEL: Record<string, { icon: string; word: string; tone: string }> = {
  pass: { icon: '✓', word: 'Pass', tone: 'ok' },
  warn: { icon: '!', word: 'Warning', tone: 'warn' },
  fail: { icon: '✗', word: 'Fail', tone: 'danger' },
  error: { icon: '?', word: 'Could not check', tone: 'danger' },
  skipped: { icon: '–', word: 'Skipped', tone: 'muted' },
}

export function fmtMs(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return 'n/a'
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`
  if (ms >= 10) return `${Math.round(ms)} ms`
  return `${ms.toFixed(1)} ms`
}

/** "p95 480 ms -> 210 ms (56% faster)". */
export function comparisonText(c: Pick<PerfComparison, 'beforeP95Ms' | 'afterP95Ms'>): string {
  const { beforeP95Ms: b, afterP95Ms: a } = c
  if (b === null || a === null) return `p95 ${fmtMs(b)} -> ${fmtMs(a)}`
  const change = b > 0 ? Math.round(((b - a) / b) * 100) : 0
  const tail = Math.abs(change) < 5 ? 'about the same' : change > 0 ? `${change}% faster` : `${-change}% slower`
  return `p95 ${fmtMs(b)} -> ${fmtMs(a)} (${tail})`
}

export interface HistBar {
  /** Bucket start, ms. */
  fromMs: number
  toMs: number
  label: string
  count: number
  overTarget: boolean
}

/** Bars for the latency histogram from a finding's evidence. */
export function histogramBars(evidence: Record<string, unknown>): HistBar[] {
  const h = evidence.histogram as { bucketMs: number; counts: number[] } | undefined
  const target = typeof evidence.targetMs === 'number' ? evidence.targetMs : Number.POSITIVE_INFINITY
  if (!h || !Array.isArray(h.counts)) return []
  return h.counts.map((count, i) => {
    const fromMs = i * h.bucketMs
    return { fromMs, toMs: fromMs + h.bucketMs, label: fmtMs(fromMs), count, overTarget: fromMs >= target }
  })
}

export interface PhaseRow {
  name: string
  dns: number
  connect: number
  tls: number
  wait: number
  download: number
}

export function phaseRows(findings: Finding[]): PhaseRow[] {
  return findings
    .filter((f) => f.evidence.phases && (f.checkId === 'perf.ttfb' || f.checkId === 'perf.latency'))
    .map((f) => {
      const p = f.evidence.phases as Record<string, number>
      return { name: shortTarget(f), dns: p.dnsMs ?? 0, connect: p.connectMs ?? 0, tls: p.tlsMs ?? 0, wait: p.waitMs ?? 0, download: p.downloadMs ?? 0 }
    })
}

export function shortTarget(f: Pick<Finding, 'target' | 'evidence'>): string {
  if (typeof f.evidence.route === 'string') return f.evidence.route
  try {
    const u = new URL(f.target)
    return u.host + (u.pathname === '/' ? '' : u.pathname)
  } catch {
    return f.target
  }
}

/** The login page and the first core read, as defaults for the load test form. */
export function loadDefaults(p: Pick<Project, 'domain' | 'canonicalHost' | 'criticalFlows' | 'vertical'>): { url: string; coreUrl: string } {
  const origin = `https://${p.canonicalHost === 'www' ? 'www.' : ''}${p.domain}`
  const abs = (u: string) => {
    try {
      return new URL(u, origin).href
    } catch {
      return ''
    }
  }
  const flows = p.criticalFlows.length ? p.criticalFlows.map((f) => ({ url: abs(f.url), area: f.area, method: f.method })) : VERTICAL_INFO[p.vertical].flows.map((f) => ({ url: abs(f.path), area: f.area, method: f.method }))
  const login = flows.find((f) => f.area === 'login' && f.method === 'GET')
  const core = flows.find((f) => f.area === 'core' && f.method === 'GET')
  return { url: login?.url ?? abs('/login'), coreUrl: core?.url ?? '' }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

/** The typed confirmation matches the host (case and a trailing dot ignored). */
export const confirmMatches = (typed: string, url: string): boolean => {
  const h = hostOf(url)
  return h !== '' && typed.trim().toLowerCase().replace(/\.$/, '') === h.toLowerCase()
}
