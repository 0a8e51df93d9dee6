/**
 * One DNS message exchange over UDP or TCP (RFC 1035 4.2, RFC 7766 framing),
 * with a timeout and an AbortSignal. Packets that do not pass `accept` (wrong
 * ID, wrong question, undecodable) are ignored and the wait goes on.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import type { ServerAddress } from './records'

/** One attempt ran out of time (the client decides whether to retry). */
export class AttemptTimeout extends Error {
  constructor(readonly server: string, readonly transport: 'udp' | 'tcp') {
    super(`no answer from ${server} over ${transport}`)
  }
}

/** The server could not be reached (refused, unreachable) or broke the exchange. */
export class TransportError extends Error {
  constructor(readonly server: string, readonly transport: 'udp' | 'tcp', override readonly cause: unknown) {
    super(`${transport} exchange with ${server} failed: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
}

export interface Exchange<T> {
  server: ServerAddress
  message: Buffer
  /** Returns the decoded response when the packet answers our question, null to ignore it. */
  accept(packet: Buffer): T | null
  timeoutMs: number
  signal?: AbortSignal
}

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('The DNS query was cancelled.', 'AbortError')

/** Shared plumbing: settle once, clear the timer, drop the abort listener, run `cleanup`. */
function settleOnce<T>(ex: Exchange<unknown>, transport: 'udp' | 'tcp', cleanup: () => void) {
  let done = false
  let resolveFn: (v: T) => void = () => undefined
  let rejectFn: (e: unknown) => void = () => undefined
  const promise = new Promise<T>((res, rej) => {
    resolveFn = res
    rejectFn = rej
  })
  const onAbort = () => finish(() => rejectFn(abortReason(ex.signal as AbortSignal)))
  const timer = setTimeout(() => finish(() => rejectFn(new AttemptTimeout(ex.server.label, transport))), ex.timeoutMs)
  function finish(fn: () => void) {
    if (done) return
    done = true
    clearTimeout(timer)
    ex.signal?.removeEventListener('abort', onAbort)
    try {
      cleanup()
    } catch {
      /* already closed */
    }
    fn()
  }
  ex.signal?.addEventListener('abort', onAbort, { once: true })
  return {
    promise,
    resolve: (v: T) => finish(() => resolveFn(v)),
    reject: (e: unknown) => finish(() => rejectFn(e)),
    get done() {
      return done
    },
  }
}

export function udpExchange<T>(ex: Exchange<T>): Promise<{ result: T; size: number }> {
  if (ex.signal?.aborted) return Promise.reject(abortReason(ex.signal))
  const sock = dgram.createSocket(ex.server.family === 6 ? 'udp6' : 'udp4')
  const s = settleOnce<{ result: T; size: number }>(ex, 'udp', () => sock.close())
  sock.on('message', (msg) => {
    const result = ex.accept(msg)
    if (result !== null) s.resolve({ result, size: msg.length })
  })
  sock.on('error', (e) => s.reject(new TransportError(ex.server.label, 'udp', e)))
  // A connected socket only delivers datagrams from the server's address and port.
  sock.connect(ex.server.port, ex.server.host, () => {
    if (s.done) return
    sock.send(ex.message, (e) => {
      if (e) s.reject(new TransportError(ex.server.label, 'udp', e))
    })
  })
  return s.promise
}

export function tcpExchange<T>(ex: Exchange<T>): Promise<{ result: T; size: number }> {
  if (ex.signal?.aborted) return Promise.reject(abortReason(ex.signal))
  const sock = net.connect({ host: ex.server.host, port: ex.server.port })
  const s = settleOnce<{ result: T; size: number }>(ex, 'tcp', () => sock.destroy())
  let buf: Buffer = Buffer.alloc(0)
  sock.setNoDelay(true)
  sock.on('connect', () => {
    const frame = Buffer.alloc(2 + ex.message.length)
    frame.writeUInt16BE(ex.message.length, 0)
    ex.message.copy(frame, 2)
    sock.write(frame)
  })
  sock.on('data', (chunk: Buffer) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk])
    while (buf.length >= 2) {
      const len = buf.readUInt16BE(0)
      if (buf.length < 2 + len) break
      const msg = buf.subarray(2, 2 + len)
      buf = buf.subarray(2 + len)
      const result = ex.accept(msg)
      if (result !== null) {
        s.resolve({ result, size: msg.length })
        return
      }
    }
  })
  sock.on('error', (e) => s.reject(new TransportError(ex.server.label, 'tcp', e)))
  sock.on('close', () => s.reject(new TransportError(ex.server.label, 'tcp', new Error('the server closed the connection without an answer'))))
  return s.promise
}
