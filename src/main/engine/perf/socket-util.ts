/** Timeouts and plain-language socket errors for the measuring client. */
import type net from 'node:net'

export class TimeoutError extends Error {
  readonly code = 'timeout'
}

export function withTimeout<T>(p: Promise<T>, ms: number, signal: AbortSignal | undefined, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'))
    const t = setTimeout(() => reject(new TimeoutError(`timed out after ${fmtS(ms)} ${what}`)), ms)
    const onAbort = () => reject(new Error('cancelled'))
    signal?.addEventListener('abort', onAbort, { once: true })
    p.then(resolve, reject).finally(() => {
      clearTimeout(t)
      signal?.removeEventListener('abort', onAbort)
    })
  })
}

export function waitFor(em: net.Socket, evt: 'connect' | 'secureConnect', ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (e?: Error) => {
      clearTimeout(t)
      em.off(evt, onOk)
      em.off('error', onErr)
      signal?.removeEventListener('abort', onAbort)
      if (e) reject(e)
      else resolve()
    }
    const onOk = () => done()
    const onErr = (e: Error & { code?: string }) => done(new Error(`${describeSocketError(e)} while ${what}`))
    const onAbort = () => done(new Error('cancelled'))
    const t = setTimeout(() => done(new TimeoutError(`timed out after ${fmtS(ms)} ${what}`)), ms)
    em.once(evt, onOk)
    em.once('error', onErr)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function describeSocketError(e: Error & { code?: string }): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused'
    case 'ECONNRESET':
      return 'the connection was reset'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host is unreachable'
    case 'CERT_HAS_EXPIRED':
      return 'the certificate has expired'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'the certificate does not cover this name'
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'the certificate is not trusted'
    default:
      return e.message
  }
}

export function fmtS(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`
}
