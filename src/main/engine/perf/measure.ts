/**
 * Repeated, spaced requests to one URL, each split into DNS, connect, TLS,
 * waiting for the first byte and total, with cold (new connection) and warm
 * (reused) requests kept apart. A credential is attached only to requests
 * whose origin is exactly the route's own: a redirect to another origin is
 * followed without it.
 */
import zlib from 'node:zlib'
import { buildRequest, originKey, originOf, WireConnection, type LookupFn, type WireResponse } from './wire'

export interface AuthSpec {
  kind: 'bearer' | 'cookie' | 'header'
  /** Header name for kind `header`. */
  header?: string
  /** The secret; lives only in the main process, never copied into results. */
  value: string
  /** Credential name, safe to show. */
  name: string
}

export function authHeaders(a: AuthSpec): Record<string, string> {
  if (a.kind === 'bearer') return { Authorization: `Bearer ${a.value}` }
  if (a.kind === 'cookie') return { Cookie: a.value }
  return { [a.header || 'X-Api-Key']: a.value }
}

export interface NetOptions {
  lookup?: LookupFn
  ca?: string[]
  timeoutMs: number
  signal?: AbortSignal
}

export interface MeasureOptions extends NetOptions {
  url: string
  method?: string
  body?: string
  auth?: AuthSpec
  samples: number
  /** Pause between requests, so the check never bursts. */
  spacingMs: number
  /** Every n-th request opens a fresh connection (the first always does). */
  coldEvery?: number
  /** Absolute wall-clock deadline (Date.now ms). */
  deadline?: number
  maxBodyBytes?: number
}

export interface PhaseSample {
  cold: boolean
  dnsMs?: number
  connectMs?: number
  tlsMs?: number
  /** Request sent -> first response byte (server time plus one round trip). */
  waitMs: number
  /** What a visitor waits for the first byte: connection setup (cold only) + wait. */
  ttfbMs: number
  totalMs: number
  status: number
}

export interface UrlMeasurement {
  url: string
  finalUrl: string
  method: string
  redirects: { from: string; to: string; status: number }[]
  samples: PhaseSample[]
  errors: string[]
  status?: number
  contentType?: string
  contentEncoding?: string
  /** Body bytes on the wire (compressed when the server compressed). */
  wireBytes?: number
  /** Body bytes after decompression. */
  decodedBytes?: number
  truncated?: boolean
  remoteAddress?: string
  /** Whether the credential went out, and where it was withheld. Never the value. */
  auth?: { name: string; kind: AuthSpec['kind']; header?: string; sent: boolean; withheldFrom?: string[] }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })

export async function measureUrl(o: MeasureOptions): Promise<UrlMeasurement> {
  const method = (o.method ?? 'GET').toUpperCase()
  const reads = method === 'GET' || method === 'HEAD'
  const credOrigin = o.auth ? originKey(originOf(new URL(o.url))) : undefined
  const out: UrlMeasurement = { url: o.url, finalUrl: o.url, method, redirects: [], samples: [], errors: [] }
  if (o.auth) out.auth = { name: o.auth.name, kind: o.auth.kind, ...(o.auth.header ? { header: o.auth.header } : {}), sent: false }
  const withheld = new Set<string>()
  const timeLeft = () => (o.deadline ? o.deadline - Date.now() : Number.POSITIVE_INFINITY)
  const requestFor = (u: URL): Buffer => {
    const sameOrigin = credOrigin !== undefined && originKey(originOf(u)) === credOrigin
    if (o.auth && !sameOrigin) withheld.add(u.host)
    if (o.auth && sameOrigin) out.auth!.sent = true
    return buildRequest(u, {
      method,
      headers: o.auth && sameOrigin ? authHeaders(o.auth) : {},
      ...(o.body !== undefined && !reads ? { body: o.body } : {}),
    })
  }
  const send = async (conn: WireConnection, req: Buffer, keepBody: boolean): Promise<WireResponse> =>
    conn.send(req, { head: method === 'HEAD', keepBody, allHeaders: keepBody, maxBodyBytes: o.maxBodyBytes ?? 4 * 1024 * 1024, timeoutMs: Math.min(o.timeoutMs, timeLeft()) })
  const net = () => ({ ...(o.lookup ? { lookup: o.lookup } : {}), ...(o.ca ? { ca: o.ca } : {}), timeoutMs: Math.min(o.timeoutMs, timeLeft()), ...(o.signal ? { signal: o.signal } : {}) })

  // 1. Find the final URL (redirects followed for reads only, at most 5 hops); its answer is the first cold sample.
  let url = new URL(o.url)
  let conn: WireConnection | undefined
  let req: Buffer = Buffer.alloc(0)
  for (let hop = 0; ; hop++) {
    if (o.signal?.aborted || timeLeft() <= 0) {
      out.errors.push(o.signal?.aborted ? 'cancelled' : 'the run reached its deadline')
      return finish(out, withheld)
    }
    try {
      req = requestFor(url)
      conn = await WireConnection.open(originOf(url), net())
      out.remoteAddress = conn.remoteAddress
      const res = await send(conn, req, true)
      const location = res.headers.location
      if (reads && res.status >= 300 && res.status < 400 && location && hop < 5) {
        const next = new URL(location, url)
        out.redirects.push({ from: url.href, to: next.href, status: res.status })
        conn.close()
        conn = undefined
        url = next
        continue
      }
      out.finalUrl = url.href
      out.samples.push(sampleOf(conn, true, res))
      describeBody(out, res)
      break
    } catch (e) {
      conn?.close()
      out.errors.push(msg(e))
      out.finalUrl = url.href
      conn = undefined
      if (req.length === 0) return finish(out, withheld)
      break
    }
  }

  // 2. The remaining samples, spaced; every coldEvery-th on a fresh connection.
  const total = reads ? o.samples : Math.min(o.samples, 10)
  const coldEvery = Math.max(1, o.coldEvery ?? 5)
  let consecutive = 0
  for (let i = 1; i < total; i++) {
    await sleep(o.spacingMs, o.signal)
    if (o.signal?.aborted || timeLeft() <= 0) {
      out.errors.push(o.signal?.aborted ? 'cancelled' : 'the run reached its deadline')
      break
    }
    let cold = false
    try {
      if (!conn || !conn.usable || i % coldEvery === 0) {
        conn?.close()
        conn = await WireConnection.open(originOf(url), net())
        cold = true
      }
      const res = await send(conn, req, false)
      consecutive = 0
      out.samples.push(sampleOf(conn, cold, res))
      out.status ??= res.status
    } catch (e) {
      conn?.close()
      conn = undefined
      out.errors.push(msg(e))
      consecutive++
      // Stop early when nothing works or the route keeps failing: no point hammering it or waiting out every timeout.
      if ((out.samples.length === 0 && out.errors.length >= 3) || consecutive >= 3) break
      continue
    }
  }
  conn?.close()
  return finish(out, withheld)
}

function finish(out: UrlMeasurement, withheld: Set<string>): UrlMeasurement {
  if (out.auth && withheld.size) out.auth.withheldFrom = [...withheld]
  return out
}

function sampleOf(conn: WireConnection, cold: boolean, res: WireResponse): PhaseSample {
  const setup = cold ? conn.timings.dnsMs + conn.timings.connectMs + (conn.timings.tlsMs ?? 0) : 0
  return {
    cold,
    ...(cold ? { dnsMs: conn.timings.dnsMs, connectMs: conn.timings.connectMs } : {}),
    ...(cold && conn.timings.tlsMs !== undefined ? { tlsMs: conn.timings.tlsMs } : {}),
    waitMs: res.waitMs,
    ttfbMs: setup + res.waitMs,
    totalMs: setup + res.totalMs,
    status: res.status,
  }
}

function describeBody(out: UrlMeasurement, res: WireResponse): void {
  out.status = res.status
  if (res.headers['content-type']) out.contentType = res.headers['content-type']
  const enc = res.headers['content-encoding']?.toLowerCase().trim()
  if (enc) out.contentEncoding = enc
  out.wireBytes = res.wireBytes
  out.truncated = res.truncated
  if (!res.body) return
  if (res.truncated) {
    out.decodedBytes = undefined
    return
  }
  try {
    const opts = { maxOutputLength: 256 * 1024 * 1024 }
    if (!enc || enc === 'identity') out.decodedBytes = res.body.length
    else if (enc === 'br') out.decodedBytes = zlib.brotliDecompressSync(res.body, opts).length
    else if (enc === 'gzip' || enc === 'x-gzip') out.decodedBytes = zlib.gunzipSync(res.body, opts).length
    else if (enc === 'deflate') out.decodedBytes = zlib.inflateSync(res.body, opts).length
  } catch {
    /* undecodable: leave the decoded size unknown */
  }
}

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e))
