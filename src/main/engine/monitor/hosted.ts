/**
 * Hosted monitors the founder already pays for: UptimeRobot (API v2:
 * POST getMonitors with the key in the body, offset/limit pages of 50) and
 * Better Stack Uptime (API v2: bearer token, per_page/page with a `next`
 * link). Tokens are keychain credentials read by the caller. A 429 is waited
 * out once when its Retry-After is short, else reported with when to retry;
 * a wrong token is said in plain words.
 */
import type { HttpClient, HttpResponse } from '../types'

export type HostedProvider = 'uptimerobot' | 'betterstack'

export interface HostedMonitor {
  provider: HostedProvider
  name: string
  url: string
  intervalS: number | null
}

export class HostedMonitorError extends Error {}

const NAMES: Record<HostedProvider, string> = { uptimerobot: 'UptimeRobot', betterstack: 'Better Stack' }
export const HOSTED_BASE: Record<HostedProvider, string> = { uptimerobot: 'https://api.uptimerobot.com', betterstack: 'https://uptime.betterstack.com' }

const text = (r: HttpResponse) => Buffer.from(r.decodedBody ?? r.body).toString('utf8')

async function ask(http: HttpClient, provider: HostedProvider, req: Parameters<HttpClient['request']>[0], wait: (ms: number) => Promise<void>): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    const r = await http.request({ timeoutMs: 15_000, maxBodyBytes: 5 * 1024 * 1024, ...req })
    if (r.status !== 429) return r
    const after = Number(r.headers['retry-after'] ?? r.headers['x-ratelimit-reset'] ?? 60)
    const s = Number.isFinite(after) ? after : 60
    if (attempt === 0 && s <= 10) {
      await wait(s * 1000)
      continue
    }
    throw new HostedMonitorError(`${NAMES[provider]} is rate-limiting these requests (429); try again in ${s} s. The free UptimeRobot plan allows 10 requests a minute.`)
  }
}

export async function listHostedMonitors(provider: HostedProvider, token: string, http: HttpClient, o: { baseUrl?: string; wait?: (ms: number) => Promise<void>; maxPages?: number } = {}): Promise<HostedMonitor[]> {
  const base = o.baseUrl ?? HOSTED_BASE[provider]
  const wait = o.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const maxPages = o.maxPages ?? 40
  const out: HostedMonitor[] = []
  if (provider === 'uptimerobot') {
    for (let page = 0, offset = 0; page < maxPages; page++) {
      const body = new URLSearchParams({ api_key: token, format: 'json', offset: String(offset), limit: '50' }).toString()
      const r = await ask(http, provider, { url: `${base}/v2/getMonitors`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-cache' }, body }, wait)
      let j: { stat?: string; error?: { type?: string; message?: string }; pagination?: { offset: number; limit: number; total: number }; monitors?: { friendly_name?: string; url?: string; interval?: number }[] }
      try {
        j = JSON.parse(text(r))
      } catch {
        throw new HostedMonitorError(`UptimeRobot answered ${r.status} with something that is not JSON.`)
      }
      if (j.stat !== 'ok') throw new HostedMonitorError(/api_key/i.test(j.error?.message ?? '') || j.error?.type === 'invalid_parameter' ? `UptimeRobot refused the API key (${j.error?.message ?? 'invalid'}). Use the main or read-only API key from My Settings.` : `UptimeRobot: ${j.error?.message ?? `answered ${r.status}`}.`)
      for (const m of j.monitors ?? []) if (m.url) out.push({ provider, name: m.friendly_name ?? m.url, url: m.url, intervalS: typeof m.interval === 'number' ? m.interval : null })
      const p = j.pagination
      if (!p || p.offset + p.limit >= p.total || !(j.monitors ?? []).length) break
      offset = p.offset + p.limit
    }
    return out
  }
  let next: string | null = `${base}/api/v2/monitors?per_page=250&page=1`
  for (let page = 0; next && page < maxPages; page++) {
    const r = await ask(http, provider, { url: next, headers: { authorization: `Bearer ${token}` } }, wait)
    if (r.status === 401 || r.status === 403) throw new HostedMonitorError('Better Stack refused the token (401): use an Uptime API token from Settings → API tokens.')
    if (r.status >= 400) throw new HostedMonitorError(`Better Stack answered ${r.status}.`)
    let j: { data?: { attributes?: { url?: string; pronounceable_name?: string; check_frequency?: number } }[]; pagination?: { next?: string | null } }
    try {
      j = JSON.parse(text(r))
    } catch {
      throw new HostedMonitorError(`Better Stack answered ${r.status} with something that is not JSON.`)
    }
    for (const d of j.data ?? []) if (d.attributes?.url) out.push({ provider, name: d.attributes.pronounceable_name ?? d.attributes.url, url: d.attributes.url, intervalS: d.attributes.check_frequency ?? null })
    next = j.pagination?.next ?? null
  }
  return out
}

/** Whether a monitored URL covers a critical one (same scheme, host and path, a trailing slash aside). */
export function covers(monitorUrl: string, critical: string): boolean {
  try {
    const a = new URL(monitorUrl)
    const b = new URL(critical)
    const path = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p)
    return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && path(a.pathname) === path(b.pathname)
  } catch {
    return false
  }
}
