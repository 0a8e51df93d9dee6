/**
 * A small HTTP/1.1 client over raw sockets, built for measuring: it times DNS,
 * TCP connect, TLS handshake, time to first byte and total per request at
 * sub-millisecond resolution (performance.now), keeps connections alive so
 * warm and cold requests can be told apart, and is cheap enough per request to
 * drive the load test. It never follows redirects and never pipelines.
 *
 * Why not undici or node:http: undici does not expose per-phase socket timings
 * and node:http's agent costs ~40% of the request rate on this 2-core machine;
 * a raw socket with a pre-built request and a minimal parser matches
 * autocannon's rate (see scripts/bench-perf.ts, npm run bench:perf).
 */
import net from 'node:net'
import tls from 'node:tls'
import { resolveHost, trustAnchors, type LookupFn, type Origin } from './origin'
import { TimeoutError, waitFor, withTimeout } from './socket-util'

export { TimeoutError } from './socket-util'
export { buildRequest } from './request'
export { originOf, originKey, resolveHost, type LookupFn, type Origin } from './origin'

export interface ConnectOptions {
  lookup?: LookupFn
  /** Extra trust anchors (PEM), added to the system's. */
  ca?: string[]
  timeoutMs: number
  signal?: AbortSignal
}

export interface ConnectTimings {
  dnsMs: number
  connectMs: number
  tlsMs?: number
}

export interface WireResponse {
  status: number
  /** Lower-case names; repeated headers joined with ", " (set-cookie too: only sizes matter here). */
  headers: Record<string, string>
  /** From writing the request to the first response byte. */
  waitMs: number
  /** From writing the request to the last body byte. */
  totalMs: number
  /** Body bytes as received (still encoded). */
  wireBytes: number
  /** Kept body (encoded) when asked for, up to maxBodyBytes. */
  body?: Buffer
  truncated: boolean
}

export interface SendOptions {
  head?: boolean
  keepBody?: boolean
  maxBodyBytes?: number
  /** Keep every header (measurement) or just the framing ones (load). */
  allHeaders?: boolean
  timeoutMs: number
}

const CRLFCRLF = Buffer.from('\r\n\r\n')
const MAX_HEAD = 64 * 1024

const enum S {
  Head,
  Len,
  ChunkSize,
  ChunkData,
  ChunkCrlf,
  Trailer,
  Close,
}

interface Pending {
  t0: number
  firstByte: number
  opts: SendOptions
  resolve: (r: WireResponse) => void
  reject: (e: Error) => void
  status: number
  headers: Record<string, string>
  keepAlive: boolean
  wireBytes: number
  kept: Buffer[]
  keptBytes: number
  truncated: boolean
}

export class WireConnection {
  private cur: Pending | null = null
  private state = S.Head
  private headBuf: Buffer | null = null
  private lineBuf = ''
  private remaining = 0
  private dead = false
  private timer: NodeJS.Timeout | null = null
  private timeoutMs = 0

  private constructor(
    private readonly socket: net.Socket,
    readonly origin: Origin,
    readonly timings: ConnectTimings,
    readonly remoteAddress: string,
  ) {
    socket.on('data', (c: Buffer) => this.onData(c))
    socket.on('error', (e) => this.onClose(e))
    socket.on('close', () => this.onClose(null))
    socket.on('end', () => this.onClose(null))
  }

  /** Opens a connection, timing each phase. Rejects with a plain-language error. */
  static async open(origin: Origin, opts: ConnectOptions): Promise<WireConnection> {
    const t0 = performance.now()
    const deadline = t0 + opts.timeoutMs
    const left = () => Math.max(1, deadline - performance.now())
    const { address, family } = await withTimeout(resolveHost(origin.hostname, opts.lookup), opts.timeoutMs, opts.signal, `looking up ${origin.hostname}`)
    const t1 = performance.now()
    const socket = net.connect({ host: address, port: origin.port, family, noDelay: true })
    try {
      await waitFor(socket, 'connect', left(), opts.signal, `connecting to ${origin.hostname}`)
    } catch (e) {
      socket.destroy()
      throw e
    }
    const t2 = performance.now()
    if (origin.protocol === 'http:') {
      return new WireConnection(socket, origin, { dnsMs: t1 - t0, connectMs: t2 - t1 }, address)
    }
    const ca = trustAnchors(opts.ca)
    socket.on('error', () => {}) // surfaced through the TLS socket
    const secure = tls.connect({
      socket,
      servername: net.isIP(origin.hostname) ? undefined : origin.hostname,
      ALPNProtocols: ['http/1.1'],
      ...(ca ? { ca } : {}),
    })
    try {
      await waitFor(secure, 'secureConnect', left(), opts.signal, `setting up a secure connection to ${origin.hostname}`)
    } catch (e) {
      secure.destroy()
      socket.destroy()
      throw e
    }
    const t3 = performance.now()
    return new WireConnection(secure, origin, { dnsMs: t1 - t0, connectMs: t2 - t1, tlsMs: t3 - t2 }, address)
  }

  get usable(): boolean {
    return !this.dead && this.cur === null
  }

  close(): void {
    this.dead = true
    if (this.timer) clearTimeout(this.timer)
    this.socket.destroy()
  }

  /** Sends one pre-built request and resolves with the response once its body has been read. */
  send(req: Buffer, opts: SendOptions): Promise<WireResponse> {
    return new Promise<WireResponse>((resolve, reject) => this.sendCb(req, opts, resolve, reject))
  }

  /** Callback form of send(), for the load generator's hot path (no promise per request). */
  sendCb(req: Buffer, opts: SendOptions, resolve: (r: WireResponse) => void, reject: (e: Error) => void): void {
    if (this.dead) return reject(new Error('connection closed'))
    if (this.cur) return reject(new Error('connection busy'))
    this.cur = {
      t0: performance.now(),
      firstByte: -1,
      opts,
      resolve,
      reject,
      status: 0,
      headers: {},
      keepAlive: true,
      wireBytes: 0,
      kept: [],
      keptBytes: 0,
      truncated: false,
    }
    this.state = S.Head
    this.headBuf = null
    if (!this.timer || this.timeoutMs !== opts.timeoutMs) {
      if (this.timer) clearTimeout(this.timer)
      this.timeoutMs = opts.timeoutMs
      this.timer = setTimeout(() => this.onTimeout(), opts.timeoutMs)
      this.timer.unref()
    } else {
      this.timer.refresh()
    }
    this.socket.write(req)
  }

  private onTimeout(): void {
    const p = this.cur
    if (!p) return
    this.cur = null
    this.close()
    p.reject(new TimeoutError(`no complete answer within ${Math.round(p.opts.timeoutMs / 1000)} s`))
  }

  private onClose(e: Error | null): void {
    this.dead = true
    if (this.timer) clearTimeout(this.timer)
    const p = this.cur
    if (!p) return
    if (this.state === S.Close) {
      this.finish()
      return
    }
    this.cur = null
    p.reject(new Error(e ? `connection failed: ${e.message}` : 'the server closed the connection before answering'))
  }

  private onData(chunk: Buffer): void {
    const p = this.cur
    if (!p) {
      // Bytes nobody asked for: the connection cannot be trusted for the next request.
      this.close()
      return
    }
    if (p.firstByte < 0) p.firstByte = performance.now()
    try {
      this.feed(chunk, p)
    } catch (e) {
      this.cur = null
      this.close()
      p.reject(e instanceof Error ? e : new Error(String(e)))
    }
  }

  private body(p: Pending, b: Buffer): void {
    p.wireBytes += b.length
    if (p.opts.keepBody) {
      const max = p.opts.maxBodyBytes ?? 2 * 1024 * 1024
      if (p.keptBytes < max) {
        const take = b.subarray(0, max - p.keptBytes)
        p.kept.push(take)
        p.keptBytes += take.length
        if (take.length < b.length) p.truncated = true
      } else p.truncated = true
    }
  }

  private feed(input: Buffer, p: Pending): void {
    let buf = input
    while (buf.length > 0 && this.cur === p) {
      switch (this.state) {
        case S.Head: {
          if (this.headBuf) {
            buf = Buffer.concat([this.headBuf, buf])
            this.headBuf = null
          }
          const idx = buf.indexOf(CRLFCRLF)
          if (idx < 0) {
            if (buf.length > MAX_HEAD) throw new Error('the response headers are too large')
            this.headBuf = buf
            return
          }
          const head = buf.toString('latin1', 0, idx)
          buf = buf.subarray(idx + 4)
          if (!this.parseHead(head, p)) continue // 1xx: wait for the real answer
          break
        }
        case S.Len: {
          const take = Math.min(this.remaining, buf.length)
          this.body(p, buf.subarray(0, take))
          this.remaining -= take
          buf = buf.subarray(take)
          if (this.remaining === 0) this.finish()
          break
        }
        case S.ChunkSize:
        case S.Trailer: {
          const nl = buf.indexOf(10)
          if (nl < 0) {
            this.lineBuf += buf.toString('latin1')
            if (this.lineBuf.length > 8192) throw new Error('a malformed chunked response')
            return
          }
          const line = (this.lineBuf + buf.toString('latin1', 0, nl)).replace(/\r$/, '')
          this.lineBuf = ''
          buf = buf.subarray(nl + 1)
          if (this.state === S.Trailer) {
            if (line === '') this.finish()
            break
          }
          const size = parseInt(line.split(';', 1)[0]!.trim(), 16)
          if (!Number.isFinite(size) || size < 0) throw new Error('a malformed chunked response')
          if (size === 0) this.state = S.Trailer
          else {
            this.remaining = size
            this.state = S.ChunkData
          }
          break
        }
        case S.ChunkData: {
          const take = Math.min(this.remaining, buf.length)
          this.body(p, buf.subarray(0, take))
          this.remaining -= take
          buf = buf.subarray(take)
          if (this.remaining === 0) {
            this.remaining = 2
            this.state = S.ChunkCrlf
          }
          break
        }
        case S.ChunkCrlf: {
          const take = Math.min(this.remaining, buf.length)
          this.remaining -= take
          buf = buf.subarray(take)
          if (this.remaining === 0) this.state = S.ChunkSize
          break
        }
        case S.Close:
          this.body(p, buf)
          return
      }
    }
  }

  /** Returns false for an interim (1xx) response. */
  private parseHead(head: string, p: Pending): boolean {
    // "HTTP/1.1 200 OK": fixed offsets, no regex on the hot path.
    if (head.charCodeAt(0) !== 72 || head.charCodeAt(4) !== 47 || head.charCodeAt(8) !== 32) throw new Error('the server did not answer with HTTP/1.x')
    const status = (head.charCodeAt(9) - 48) * 100 + (head.charCodeAt(10) - 48) * 10 + (head.charCodeAt(11) - 48)
    if (!(status >= 100 && status <= 599)) throw new Error('the server sent a malformed status line')
    if (status < 200 && status !== 101) return false
    const http10 = head.charCodeAt(7) === 48 && head.charCodeAt(5) === 49
    let te = ''
    let cl = -1
    let conn = ''
    const h: Record<string, string> = {}
    if (p.opts.allHeaders === true) {
      const lines = head.split('\r\n')
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i]!
        const c = line.indexOf(':')
        if (c <= 0) continue
        const name = line.slice(0, c).trim().toLowerCase()
        const value = line.slice(c + 1).trim()
        h[name] = h[name] === undefined ? value : `${h[name]}, ${value}`
      }
      if (h['content-length'] !== undefined) cl = Number(h['content-length'])
      te = (h['transfer-encoding'] ?? '').toLowerCase()
      conn = (h.connection ?? '').toLowerCase()
    } else {
      // Load test: only the framing headers and the few we report, found by search.
      const lower = head.toLowerCase()
      const get = (name: string): string | undefined => {
        const i = lower.indexOf(`\r\n${name}:`)
        if (i < 0) return undefined
        const start = i + name.length + 3
        const end = lower.indexOf('\r\n', start)
        return head.slice(start, end < 0 ? head.length : end).trim()
      }
      const clv = get('content-length')
      if (clv !== undefined) cl = Number(clv)
      te = get('transfer-encoding')?.toLowerCase() ?? ''
      conn = get('connection')?.toLowerCase() ?? ''
      if (status >= 300 && status < 400) {
        const loc = get('location')
        if (loc !== undefined) h.location = loc
      }
    }
    if (!(cl >= -1)) throw new Error('the server sent an invalid Content-Length')
    p.status = status
    p.headers = h
    p.keepAlive = http10 ? conn.includes('keep-alive') : !conn.includes('close')
    if (p.opts.head || status === 204 || status === 304) {
      this.finish()
    } else if (te.includes('chunked')) {
      this.state = S.ChunkSize
      this.lineBuf = ''
    } else if (cl >= 0) {
      if (cl === 0) this.finish()
      else {
        this.remaining = cl
        this.state = S.Len
      }
    } else {
      this.state = S.Close
      p.keepAlive = false
    }
    return true
  }

  private finish(): void {
    const p = this.cur
    if (!p) return
    this.cur = null
    this.state = S.Head
    const end = performance.now()
    if (!p.keepAlive) this.close()
    const res: WireResponse = {
      status: p.status,
      headers: p.headers,
      waitMs: (p.firstByte < 0 ? end : p.firstByte) - p.t0,
      totalMs: end - p.t0,
      wireBytes: p.wireBytes,
      truncated: p.truncated,
    }
    if (p.opts.keepBody) res.body = Buffer.concat(p.kept)
    p.resolve(res)
  }
}
