/**
 * Alerts that reach a person: a generic webhook (JSON POST), Slack (an
 * incoming webhook) and email over SMTP (nodemailer, the field's mailer).
 * Desktop notifications are the Electron shell's. Each delivery is recorded
 * with its result or the exact error, which is what monitor.alerts checks.
 * Webhook URLs and SMTP passwords are credentials: the caller reads them from
 * the keychain or the environment; nothing here stores them.
 */
import nodemailer from 'nodemailer'
import type { HttpClient } from '../types'

export type AlertKind = 'down' | 'recovered' | 'cert' | 'slow' | 'test'

export interface Alert {
  kind: AlertKind
  /** One plain line: what happened. */
  title: string
  detail: string
  url?: string
  at: number
}

export type Channel =
  | { type: 'webhook'; name: string; url: string }
  | { type: 'slack'; name: string; url: string }
  | { type: 'email'; name: string; host: string; port: number; secure: boolean; user?: string; password?: string; from: string; to: string; allowSelfSigned?: boolean }

export interface Delivery {
  channel: string
  type: Channel['type']
  at: number
  ok: boolean
  /** The exact error (status, SMTP reply) when it failed. */
  error?: string
  kind: AlertKind
}

const EMOJI: Record<AlertKind, string> = { down: '🔴', recovered: '🟢', cert: '🟠', slow: '🟡', test: '🔔' }

export async function deliver(channel: Channel, alert: Alert, deps: { http: HttpClient; timeoutMs?: number }): Promise<Delivery> {
  const base = { channel: channel.name, type: channel.type, at: alert.at, kind: alert.kind }
  const timeoutMs = deps.timeoutMs ?? 10_000
  try {
    if (channel.type === 'webhook' || channel.type === 'slack') {
      const body = channel.type === 'slack' ? { text: `${EMOJI[alert.kind]} *${alert.title}*\n${alert.detail}${alert.url ? `\n${alert.url}` : ''}` } : { source: 'launch-ready', ...alert, at: new Date(alert.at).toISOString() }
      const r = await deps.http.request({ url: channel.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeoutMs, maxBodyBytes: 8192 })
      if (r.status < 200 || r.status >= 300) return { ...base, ok: false, error: `${channel.type === 'slack' ? 'Slack' : 'the webhook'} answered ${r.status}${r.body.length ? `: ${Buffer.from(r.body).toString('utf8').slice(0, 200)}` : ''}` }
      return { ...base, ok: true }
    }
    const transport = nodemailer.createTransport({ host: channel.host, port: channel.port, secure: channel.secure, ...(channel.user ? { auth: { user: channel.user, pass: channel.password ?? '' } } : {}), connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, ...(channel.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}) })
    try {
      await transport.sendMail({ from: channel.from, to: channel.to, subject: `${EMOJI[alert.kind]} ${alert.title}`, text: `${alert.detail}${alert.url ? `\n\n${alert.url}` : ''}\n\n— Launch Ready, ${new Date(alert.at).toISOString()}` })
    } finally {
      transport.close()
    }
    return { ...base, ok: true }
  } catch (e) {
    return { ...base, ok: false, error: e instanceof Error ? e.message : String(e) }
  }
}

/** The alert for a watch event, in plain words. */
export function alertFor(e: { type: 'down'; url: string; at: number; cause: string; failures?: number } | { type: 'recovered'; url: string; at: number; downForMs: number } | { type: 'cert'; url: string; host: string; daysLeft: number; threshold: number; at: number } | { type: 'slow'; at: number; p95Ms: number; targetMs: number }): Alert {
  if (e.type === 'slow') return { kind: 'slow', title: `Responses are slow: p95 ${e.p95Ms} ms for 5 minutes`, detail: `Your target is ${e.targetMs} ms. Slowdowns often come before outages: look at the database and the last deploy.`, at: e.at }
  if (e.type === 'down') return { kind: 'down', title: `${new URL(e.url).host}${new URL(e.url).pathname} is down`, detail: `${(e.failures ?? 2) === 1 ? 'It failed' : `It failed ${e.failures === 2 || e.failures === undefined ? 'twice' : `${e.failures} times`} in a row`}: ${e.cause}.`, url: e.url, at: e.at }
  if (e.type === 'recovered') return { kind: 'recovered', title: `${new URL(e.url).host}${new URL(e.url).pathname} is back up`, detail: `It was down for ${Math.max(1, Math.round(e.downForMs / 60_000))} min.`, url: e.url, at: e.at }
  return { kind: 'cert', title: `The certificate of ${e.host} expires in ${e.daysLeft} days`, detail: `Renew it (or check the automatic renewal) before it expires: browsers will block the site.`, url: e.url, at: e.at }
}
