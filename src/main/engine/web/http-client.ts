/**
 * The audit's HttpClient (engine/types.ts) on node:http/https: it never
 * follows redirects, resolves names through the engine's Resolver (so
 * `--dns-server` and the fixture DNS apply), trusts the system store plus the
 * extra CAs, honours the port map, caps what it reads, times every phase and
 * reports encoded and decoded sizes when it asked for compression.
 *
 * Why node:http rather than perf/wire.ts: the audit needs every header
 * (set-cookie as an array), a hard body cap that stops reading (a 50 MB body
 * must not be downloaded) and per-socket phase events; node:http gives all of
 * that with keep-alive agents, and the audit's request rate is tiny.
 */
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import zlib from 'node:zlib'
import { setMaxListeners } from 'node:events'
import type { LookupFunction } from 'node:net'
import type { HttpClient, HttpRequest, HttpResponse, HttpTimings, Resolver } from '../types'
import { systemLookup } from '../perf/lookup'
import { resolverLookup } from './lookup'
import type { LookupFn } from '../perf/origin'
import { trustContext } from './tls-probe'
import { describeSocketError, fmtS, TimeoutError } from '../perf/socket-util'

export interface HttpClientOptions {
  /** Names are resolved through this resolver; the OS resolver when absent. */
  resolver?: Resolver
  /** Overrides the lookup (tests). */
  lookup?: LookupFn
  extraCa?: string[]
  portMap?: Readonly<Record<number, number>>
  /** Default per-request timeout, ms (10 s). */
  timeoutMs?: number
  userAgent?: string
}

export interface AuditHttpClient extends HttpClient {
  /** Closes kept-alive connections. */
  close(): void
}

const DEFAULT_MAX_BODY = 2 * 1024 * 1024
export const AUDIT_USER_AGENT = 'LaunchReady-audit/0.1 (+launch sanity check)'

/** Adapts a LookupFn to node's callback lookup (handles `all: true`, used by autoSelectFamily). */
function nodeLookup(fn: LookupFn): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    fn(hostname).then(
      (r) => (options?.all ? cb(null, [{ address: r.address, family: r.family }]) : cb(null, r.address, r.family)),
      (e: unknown) => cb(Object.assign(e instanceof Error ? e : new Error(String(e)), { code: 'ENOTFOUND' })),
    )
  }) as unknown as LookupFunction
}

function decode(body: Buffer, encoding: string): Buffer | undefined {
  try {
    if (encoding === 'br') return zlib.brotliDecompressSync(body)
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body)
    if (encoding === 'deflate') return zlib.inflateSync(body)
  } catch {
    return undefined
  }
  return undefined
}

export function createHttpClient(opts: HttpClientOptions = {}): AuditHttpClient {
  const lookupFn = opts.lookup ?? (opts.resolver ? resolverLookup(opts.resolver) : systemLookup)
  const lookup = nodeLookup(lookupFn)
  // One secure context for every connection: passing `ca` instead would parse the ~140 roots on each handshake.
  const secureContext = trustContext(opts.extraCa)
  const agentOpts = { keepAlive: true, maxSockets: 12, timeout: 15_000 }
  const httpAgent = new http.Agent(agentOpts)
  const httpsAgent = new https.Agent({ ...agentOpts, ...(secureContext ? { secureContext } : {}) })

  function request(req: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let url: URL
      try {
        url = new URL(req.url)
      } catch {
        return reject(new Error(`${req.url} is not a valid address`))
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new Error(`only http and https addresses can be checked, not ${url.protocol}`))
      if (req.signal?.aborted) return reject(new Error('cancelled'))
      // One listener per request in flight on the run's signal; the default limit (10) is a leak warning, not a limit.
      if (req.signal) setMaxListeners(1000, req.signal)
      const secure = url.protocol === 'https:'
      const hostname = url.hostname.replace(/^\[|\]$/g, '')
      const urlPort = url.port ? Number(url.port) : secure ? 443 : 80
      const port = opts.portMap?.[urlPort] ?? urlPort
      const timeoutMs = Math.max(1, req.timeoutMs ?? opts.timeoutMs ?? 10_000)
      const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY
      const headers: Record<string, string> = { host: url.host, 'user-agent': opts.userAgent ?? AUDIT_USER_AGENT, accept: '*/*' }
      headers['accept-encoding'] = req.acceptEncoding ? 'br, gzip' : 'identity'
      for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v
      const t0 = performance.now()
      const timings: Partial<HttpTimings> & { reused: boolean } = { reused: false }
      let tConnStart = t0
      let tLookup: number | undefined
      let tConnect: number | undefined
      let settled = false
      const chunks: Buffer[] = []
      let kept = 0
      let wireBytes = 0
      let truncated = false

      const cr = (secure ? https : http).request({
        protocol: url.protocol,
        hostname,
        port,
        method: (req.method ?? 'GET').toUpperCase(),
        path: `${url.pathname || '/'}${url.search}`,
        headers,
        agent: secure ? httpsAgent : httpAgent,
        lookup,
        ...(secure ? { servername: net.isIP(hostname) ? '' : hostname } : {}),
      })

      const fail = (e: Error) => {
        if (settled) return
        settled = true
        cleanup()
        cr.destroy()
        reject(e)
      }
      const timer = setTimeout(() => fail(new TimeoutError(`no complete answer from ${url.host} within ${fmtS(timeoutMs)}`)), timeoutMs)
      const onAbort = () => fail(new Error('cancelled'))
      req.signal?.addEventListener('abort', onAbort, { once: true })
      const cleanup = () => {
        clearTimeout(timer)
        req.signal?.removeEventListener('abort', onAbort)
      }

      cr.on('socket', (socket: net.Socket) => {
        tConnStart = performance.now()
        if (!socket.connecting && (socket as { readyState?: string }).readyState === 'open') {
          timings.reused = true
          return
        }
        socket.once('lookup', () => {
          tLookup = performance.now()
        })
        socket.once('connect', () => {
          tConnect = performance.now()
          timings.dnsMs = (tLookup ?? tConnStart) - tConnStart
          timings.connectMs = tConnect - (tLookup ?? tConnStart)
        })
        if (secure)
          socket.once('secureConnect', () => {
            timings.tlsMs = performance.now() - (tConnect ?? tConnStart)
          })
      })
      cr.on('error', (e: Error & { code?: string }) => {
        fail(new Error(`${describeSocketError(e)} (${url.host})`))
      })
      cr.on('response', (res: http.IncomingMessage) => {
        const ttfb = performance.now() - t0
        const remoteAddress = res.socket?.remoteAddress
        const finish = () => {
          if (settled) return
          settled = true
          cleanup()
          const body = Buffer.concat(chunks)
          const out: HttpResponse = {
            url: req.url,
            status: res.statusCode ?? 0,
            headers: normaliseHeaders(res.headers),
            body,
            truncated,
            wireBytes,
            ...(remoteAddress ? { remoteAddress } : {}),
            timings: { ...timings, ttfbMs: ttfb, totalMs: performance.now() - t0 },
          }
          const enc = String(res.headers['content-encoding'] ?? '').trim().toLowerCase()
          if (req.acceptEncoding && enc && enc !== 'identity' && !truncated) {
            const d = decode(body, enc)
            if (d) out.decodedBody = d
          }
          resolve(out)
        }
        res.on('data', (c: Buffer) => {
          wireBytes += c.length
          if (kept < maxBody) {
            const take = c.subarray(0, maxBody - kept)
            chunks.push(take)
            kept += take.length
            if (take.length < c.length) truncated = true
          } else truncated = true
          if (truncated) {
            // Stop reading: the rest is not downloaded.
            finish()
            res.destroy()
            cr.destroy()
          }
        })
        res.on('end', finish)
        res.on('error', (e) => fail(new Error(`the answer from ${url.host} broke off: ${e.message}`)))
        res.on('aborted', () => fail(new Error(`the answer from ${url.host} broke off`)))
      })
      if (req.body !== undefined) cr.end(typeof req.body === 'string' ? Buffer.from(req.body) : Buffer.from(req.body))
      else cr.end()
    })
  }

  return {
    request,
    close() {
      httpAgent.destroy()
      httpsAgent.destroy()
    },
  }
}

function normaliseHeaders(h: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue
    if (k === 'set-cookie') out[k] = Array.isArray(v) ? v : [v]
    else out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

/** A header as one string (set-cookie joined with newlines); undefined when absent. */
export function header(res: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()]
  if (v === undefined) return undefined
  return Array.isArray(v) ? v.join('\n') : v
}

export function setCookies(res: Pick<HttpResponse, 'headers'>): string[] {
  const v = res.headers['set-cookie']
  return v === undefined ? [] : Array.isArray(v) ? v : [v]
}
