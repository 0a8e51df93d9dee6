/**
 * TLS inspection through node:tls: one handshake that does not reject (so a
 * bad certificate can still be described), the chain as sent (guarded against
 * self-issued loops), trust against the system store plus the extra CAs,
 * hostname coverage, key, expiry, and separate TLS 1.0 / 1.1 probes.
 */
import net from 'node:net'
import tls from 'node:tls'
import { setMaxListeners } from 'node:events'
import { X509Certificate } from 'node:crypto'
import type { CertificateInfo } from '../../../shared/audit-data'
import type { SuiteContext } from '../types'
import { resolverLookup } from './lookup'
import { addressesOf, lookup } from '../dnscheck/query'
import { trustAnchors } from '../perf/origin'
import { describeSocketError, fmtS, TimeoutError } from '../perf/socket-util'
import { errMsg, opTimeout } from './util'

export interface CertFields {
  subject: string
  issuer: string
  names: string[]
  validFrom: string
  validTo: string
  fingerprint256: string
  selfIssued: boolean
  /** Authority Information Access "CA Issuers" URL, when present. */
  caIssuersUrl?: string
}

export interface TlsProbe {
  host: string
  port: number
  address?: string
  /** Plain-language reason when no handshake could complete. */
  error?: string
  protocol?: string
  authorized: boolean
  authorizationError?: string
  coversHost: boolean
  hostError?: string
  leaf?: CertFields & { keyType?: string; keyBits?: number; daysLeft: number }
  /** Leaf first, as the server sent it (store certificates excluded). */
  sentChain: CertFields[]
  chainComplete: boolean | null
  /** Whether TLS 1.0 / 1.1 handshakes are accepted (null when the probe itself failed). */
  legacy: Record<'TLSv1' | 'TLSv1.1', boolean | null>
  durationMs: number
}

type PeerCert = tls.DetailedPeerCertificate

let anchorCache: { key: string; certs: X509Certificate[]; fps: Set<string> } | undefined
function anchors(extraCa: string[] | undefined): { certs: X509Certificate[]; fps: Set<string> } {
  const key = (extraCa ?? []).join('\n')
  if (anchorCache?.key === key) return anchorCache
  const certs: X509Certificate[] = []
  for (const pem of [...tls.rootCertificates, ...(extraCa ?? []).flatMap(splitPem)]) {
    try {
      certs.push(new X509Certificate(pem))
    } catch {
      /* an unreadable anchor is skipped */
    }
  }
  anchorCache = { key, certs, fps: new Set(certs.map((c) => c.fingerprint256)) }
  return anchorCache
}

let contextCache: { key: string; ctx: tls.SecureContext } | undefined
/**
 * The system roots plus the extra CAs as one secure context, built once per set of extra CAs
 * (a `ca` option would re-parse every root certificate on each handshake). Undefined: Node's defaults.
 */
export function trustContext(extraCa: string[] | undefined): tls.SecureContext | undefined {
  const ca = trustAnchors(extraCa)
  if (!ca) return undefined
  const key = (extraCa ?? []).join('\n')
  if (contextCache?.key !== key) contextCache = { key, ctx: tls.createSecureContext({ ca }) }
  return contextCache.ctx
}

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
}

const dn = (o: Record<string, string | string[]> | undefined): string =>
  o
    ? Object.entries(o)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
        .join(', ')
    : ''

function fields(c: PeerCert): CertFields {
  const names = (c.subjectaltname ?? '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4))
  const aia = (c.infoAccess as Record<string, string[]> | undefined)?.['CA Issuers - URI']?.[0]
  return {
    subject: dn(c.subject as unknown as Record<string, string>),
    issuer: dn(c.issuer as unknown as Record<string, string>),
    names,
    validFrom: new Date(c.valid_from).toISOString(),
    validTo: new Date(c.valid_to).toISOString(),
    fingerprint256: c.fingerprint256,
    selfIssued: dn(c.subject as unknown as Record<string, string>) === dn(c.issuer as unknown as Record<string, string>),
    ...(aia ? { caIssuersUrl: aia } : {}),
  }
}

/** Walks issuerCertificate links, stopping at a self-issued cert or a repeat (loop guard). */
function chainOf(leaf: PeerCert): PeerCert[] {
  const out: PeerCert[] = []
  const seen = new Set<string>()
  let c: PeerCert | undefined = leaf
  while (c && c.raw && !seen.has(c.fingerprint256) && out.length < 12) {
    seen.add(c.fingerprint256)
    out.push(c)
    if (c.issuerCertificate === c) break
    c = c.issuerCertificate
  }
  return out
}

interface Handshake {
  socket: tls.TLSSocket
}

function handshake(address: string, port: number, host: string, timeoutMs: number, signal: AbortSignal, extra: tls.ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    setMaxListeners(1000, signal)
    const socket = tls.connect({ host: address, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...extra })
    const done = (e?: Error) => {
      clearTimeout(t)
      signal.removeEventListener('abort', onAbort)
      socket.off('secureConnect', onOk)
      socket.off('error', onErr)
      if (e) {
        socket.on('error', () => {})
        socket.destroy()
        reject(e)
      } else resolve({ socket })
    }
    const onOk = () => done()
    const onErr = (e: Error & { code?: string }) => done(new Error(describeTlsError(e)))
    const onAbort = () => done(new Error('cancelled'))
    const t = setTimeout(() => done(new TimeoutError(`the secure connection to ${host} was not set up within ${fmtS(timeoutMs)}`)), timeoutMs)
    socket.once('secureConnect', onOk)
    socket.once('error', onErr)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

const legacyContexts = new Map<string, tls.SecureContext>()
/** A context that offers only `version` (OpenSSL 3 needs security level 0 for TLS 1.0/1.1), built once. */
function legacyContext(version: 'TLSv1' | 'TLSv1.1'): tls.SecureContext {
  let c = legacyContexts.get(version)
  if (!c) {
    c = tls.createSecureContext({ minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' })
    legacyContexts.set(version, c)
  }
  return c
}

async function legacyProbe(address: string, port: number, host: string, version: 'TLSv1' | 'TLSv1.1', timeoutMs: number, signal: AbortSignal): Promise<boolean | null> {
  try {
    const { socket } = await handshake(address, port, host, timeoutMs, signal, { secureContext: legacyContext(version) })
    const accepted = socket.getProtocol() === version
    socket.destroy()
    return accepted
  } catch (e) {
    if (e instanceof TimeoutError || errMsg(e) === 'cancelled') return null
    return false
  }
}

function describeTlsError(e: Error & { code?: string }): string {
  if (e.code?.startsWith('ERR_SSL_') || /SSL routines|wrong version number|packet length too long/.test(e.message)) {
    if (/unsupported protocol|no protocols available|version too low|protocol version/i.test(e.message)) return 'the server and this app have no TLS version in common'
    if (/handshake failure|alert/i.test(e.message)) return 'the server refused the secure handshake'
    return 'the server did not answer with a valid secure (TLS) handshake'
  }
  if (e.code === 'ECONNRESET' || /socket disconnected/.test(e.message)) return 'the server closed the connection during the secure handshake'
  return describeSocketError(e)
}

export interface TlsProbeOptions {
  timeoutMs: number
  /** Run the TLS 1.0 / 1.1 probes after the main handshake instead of beside it. */
  sequential?: boolean
}

/** Probes `host` on port 443 (or the port map's). Never throws. */
export async function probeTls(ctx: SuiteContext, host: string, opts: TlsProbeOptions): Promise<TlsProbe> {
  const t0 = ctx.clock.monotonic()
  const port = ctx.portMap?.[443] ?? 443
  const base: TlsProbe = { host, port, authorized: false, coversHost: false, sentChain: [], chainComplete: null, legacy: { TLSv1: null, 'TLSv1.1': null }, durationMs: 0 }
  const end = (p: TlsProbe): TlsProbe => ({ ...p, durationMs: ctx.clock.monotonic() - t0 })
  let address: string
  try {
    // The run's memoised answer when there is one (the surface asked already), else a CNAME-chasing lookup.
    const memo = await lookup(ctx, host, 'A', opts.timeoutMs)
    address = (memo.ok ? addressesOf(memo.res)[0] : undefined) ?? (await resolverLookup(ctx.resolver, opTimeout(ctx, opts.timeoutMs))(host)).address
  } catch (e) {
    return end({ ...base, error: `could not look up ${host}: ${errMsg(e)}` })
  }
  const legacyAll = () =>
    Promise.all([legacyProbe(address, port, host, 'TLSv1', opTimeout(ctx, opts.timeoutMs), ctx.signal), legacyProbe(address, port, host, 'TLSv1.1', opTimeout(ctx, opts.timeoutMs), ctx.signal)])
  const legacySeq = async (): Promise<[boolean | null, boolean | null]> => [
    await legacyProbe(address, port, host, 'TLSv1', opTimeout(ctx, opts.timeoutMs), ctx.signal),
    await legacyProbe(address, port, host, 'TLSv1.1', opTimeout(ctx, opts.timeoutMs), ctx.signal),
  ]
  // Beside the main handshake, or (sequential) only once it is done.
  let legacyStarted: Promise<[boolean | null, boolean | null]> | undefined = opts.sequential ? undefined : legacyAll()
  const legacy = () => (legacyStarted ??= legacySeq())
  const secureContext = trustContext(ctx.extraCa)
  let hs: Handshake
  try {
    hs = await handshake(address, port, host, opTimeout(ctx, opts.timeoutMs), ctx.signal, secureContext ? { secureContext } : {})
  } catch (e) {
    const [v10, v11] = await legacy()
    return end({ ...base, address, legacy: { TLSv1: v10, 'TLSv1.1': v11 }, error: `could not set up a secure connection to ${host}: ${errMsg(e)}` })
  }
  const s = hs.socket
  try {
    const peer = s.getPeerCertificate(true)
    if (!peer || !peer.raw) throw new Error(`${host} did not present a certificate`)
    const chain = chainOf(peer)
    const a = anchors(ctx.extraCa)
    // Store certificates appended by Node after the sent ones are the anchors; cut there.
    const sent: PeerCert[] = []
    for (const c of chain) {
      sent.push(c)
      if (a.fps.has(c.fingerprint256)) break
    }
    const top = sent[sent.length - 1]!
    const topX = new X509Certificate(top.raw)
    const topIsAnchor = a.fps.has(top.fingerprint256)
    // Compare names too: checkIssued refuses an issuer whose key usage lacks certificate signing (a self-signed leaf).
    const topSelfIssued = fields(top).selfIssued || topX.checkIssued(topX)
    const issuedByAnchor = !topIsAnchor && !topSelfIssued && a.certs.some((r) => topX.checkIssued(r) && topX.verify(r.publicKey))
    // A lone self-signed certificate has no chain to complete: tls.trusted reports it.
    const chainComplete = sent.length === 1 && topSelfIssued && !topIsAnchor ? null : topIsAnchor || topSelfIssued || issuedByAnchor
    const leafX = new X509Certificate(peer.raw)
    const details = leafX.publicKey.asymmetricKeyDetails
    const keyType = leafX.publicKey.asymmetricKeyType
    const hostErr = tls.checkServerIdentity(host, peer)
    const [v10, v11] = await legacy()
    const f = fields(peer)
    return end({
      ...base,
      address,
      protocol: s.getProtocol() ?? undefined,
      authorized: s.authorized,
      ...(s.authorizationError ? { authorizationError: String(s.authorizationError) } : {}),
      coversHost: !hostErr,
      ...(hostErr ? { hostError: hostErr.message } : {}),
      leaf: {
        ...f,
        ...(keyType ? { keyType: keyType === 'ec' && details?.namedCurve ? `EC ${details.namedCurve}` : keyType.toUpperCase() } : {}),
        ...(details?.modulusLength ? { keyBits: details.modulusLength } : keyType === 'ec' ? { keyBits: peer.bits } : {}),
        daysLeft: Math.floor((Date.parse(f.validTo) - ctx.clock.now()) / 86_400_000),
      },
      sentChain: sent.filter((c) => !a.fps.has(c.fingerprint256) || c === peer).map(fields),
      chainComplete,
      legacy: { TLSv1: v10, 'TLSv1.1': v11 },
    })
  } catch (e) {
    const [v10, v11] = await legacy()
    return end({ ...base, address, legacy: { TLSv1: v10, 'TLSv1.1': v11 }, error: `could not read the certificate of ${host}: ${errMsg(e)}` })
  } finally {
    s.destroy()
  }
}

/** The CertificateInfo row stored in `Run.meta.certificates`. */
export function certificateInfo(p: TlsProbe): CertificateInfo | null {
  if (!p.leaf) return null
  const protocols = [p.protocol, ...(['TLSv1', 'TLSv1.1'] as const).filter((v) => p.legacy[v])].filter((x): x is string => !!x)
  return {
    host: p.host,
    subject: p.leaf.subject,
    issuer: p.leaf.issuer,
    names: p.leaf.names,
    validFrom: p.leaf.validFrom,
    validTo: p.leaf.validTo,
    daysLeft: p.leaf.daysLeft,
    ...(p.leaf.keyType ? { keyType: p.leaf.keyType } : {}),
    ...(p.leaf.keyBits ? { keyBits: p.leaf.keyBits } : {}),
    trusted: p.authorized,
    chainComplete: p.chainComplete,
    protocols,
  }
}
