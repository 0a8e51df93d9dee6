/** Request bytes for the measuring client, built once per URL (the load test reuses them). */
import { originOf } from './origin'

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Builds the request bytes once; the load test reuses them for every request. */
export function buildRequest(url: URL, opts: { method?: string; headers?: Record<string, string>; body?: string; acceptEncoding?: boolean } = {}): Buffer {
  const method = (opts.method ?? 'GET').toUpperCase()
  if (!TOKEN.test(method)) throw new Error(`invalid method ${method}`)
  const o = originOf(url)
  const defaultPort = o.protocol === 'https:' ? 443 : 80
  const host = (o.hostname.includes(':') ? `[${o.hostname}]` : o.hostname) + (o.port === defaultPort ? '' : `:${o.port}`)
  const lines = [`${method} ${url.pathname || '/'}${url.search} HTTP/1.1`, `Host: ${host}`]
  const given = new Set(Object.keys(opts.headers ?? {}).map((k) => k.toLowerCase()))
  if (!given.has('user-agent')) lines.push('User-Agent: LaunchReady-perf/0.1 (+launch sanity check)')
  if (!given.has('accept')) lines.push('Accept: */*')
  if (opts.acceptEncoding !== false && !given.has('accept-encoding')) lines.push('Accept-Encoding: br, gzip, deflate')
  lines.push('Connection: keep-alive')
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (!TOKEN.test(k) || /[\r\n\0]/.test(v)) throw new Error(`invalid header ${k}`)
    lines.push(`${k}: ${v}`)
  }
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body)
  if (body) {
    if (!given.has('content-type')) lines.push(`Content-Type: ${/^\s*[[{]/.test(opts.body!) ? 'application/json' : 'application/x-www-form-urlencoded'}`)
    lines.push(`Content-Length: ${body.length}`)
  } else if (method !== 'GET' && method !== 'HEAD') lines.push('Content-Length: 0')
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')
  return body ? Buffer.concat([head, body]) : head
}
