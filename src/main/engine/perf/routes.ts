/** Which pages and routes the perf checks measure, and whose hosts they may touch. */
import type { AuditTarget } from '../types'
import { VERTICAL_INFO, type FlowArea } from '../../../shared/verticals'

export interface RouteSpec {
  key: string
  label: string
  url: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  area: FlowArea
  credential?: string
  authKind?: 'bearer' | 'cookie' | 'header'
  authHeader?: string
  safeToWrite: boolean
  body?: string
  fromVertical: boolean
}

export function canonicalOrigin(t: Pick<AuditTarget, 'domain' | 'canonicalHost'>): string {
  return `https://${t.canonicalHost === 'www' ? 'www.' : ''}${t.domain}`
}

const PUBLIC_ROLES = /help|docs|blog|status|marketing|landing|www|site/i

/** The homepage at the canonical address, plus public subdomains (help, docs, blog, status). */
export function publicPages(t: AuditTarget, baseUrl?: string): string[] {
  const pages = [baseUrl ? new URL(baseUrl).href : new URL('/', canonicalOrigin(t)).href]
  for (const s of t.subdomains) if (PUBLIC_ROLES.test(s.role) || PUBLIC_ROLES.test(s.label)) pages.push(`https://${s.label}.${t.domain}/`)
  return [...new Set(pages)]
}

/** The project's critical flows; the vertical's defaults when the project lists none. */
export function criticalRoutes(t: AuditTarget, baseUrl?: string): RouteSpec[] {
  const base = baseUrl ?? canonicalOrigin(t)
  if (t.criticalFlows.length) {
    return t.criticalFlows.map((f) => ({
      key: f.id,
      label: f.label || f.id,
      url: new URL(f.url, base).href,
      method: f.method,
      area: f.area,
      ...(f.credential ? { credential: f.credential } : {}),
      ...(f.authKind ? { authKind: f.authKind } : {}),
      ...(f.authHeader ? { authHeader: f.authHeader } : {}),
      safeToWrite: f.safeToWrite,
      ...(f.body !== undefined ? { body: f.body } : {}),
      fromVertical: false,
    }))
  }
  return VERTICAL_INFO[t.vertical].flows.map((f) => ({
    key: f.key,
    label: f.label,
    url: new URL(f.path, base).href,
    method: f.method,
    area: f.area,
    safeToWrite: false,
    fromVertical: true,
  }))
}

/** Why a route is not run, or undefined when it may run. */
export function skipReason(r: RouteSpec): string | undefined {
  if (r.method === 'GET') return undefined
  if (!r.safeToWrite) return `${r.method} ${new URL(r.url).pathname} changes data, so we do not send it unless you mark it safe to run against a test account.`
  if (r.body === undefined || r.body === '') return `${r.method} ${new URL(r.url).pathname} is marked safe, but it needs a request body for a test account before we can send it.`
  return undefined
}

/** True when `host` is the project's apex or one of its subdomains. */
export function isOwnHost(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  const d = domain.toLowerCase().replace(/\.$/, '')
  return h === d || h.endsWith(`.${d}`)
}
