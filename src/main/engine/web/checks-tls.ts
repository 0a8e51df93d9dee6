/** The tls.* checks, per host that exists, from one shared TLS probe per host and the surface walk (HSTS). */
import type { Severity } from '../../../shared/catalog'
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { SuiteContext } from '../types'
import { parseHsts } from './headers'
import { chainCompleteFix, hostnameFix, hstsFix, protocolFix, renewFix, trustFix } from './fixes-tls'
import { header } from './http-client'
import { walkOf, type HostProbe, type Surface } from './surface'
import { probeTls, type TlsProbe } from './tls-probe'
import { mapLimit, shared } from './util'

export const TLS_KEY = 'web.tls'
export const HSTS_MIN_SECONDS = 180 * 86_400

/** The run's TLS probe of one host (shared: the CAA check reads the live issuer from it too). */
export function tlsProbeOf(ctx: SuiteContext, host: string, timeoutMs: number, sequential = false): Promise<TlsProbe> {
  return shared(ctx, `tls:${host}`, () => probeTls(ctx, host, { timeoutMs, sequential }))
}

/** One probe per existing host, shared by the run (the DNS CAA check reads the issuer too). */
export function getTlsProbes(ctx: SuiteContext, known: HostProbe[], timeoutMs: number, concurrency = 8): Promise<Map<string, TlsProbe>> {
  return shared(ctx, TLS_KEY, async () => {
    const hosts = known.filter((h) => h.exists).map((h) => h.host)
    const probes = await mapLimit(hosts, Math.max(1, concurrency), (h) => tlsProbeOf(ctx, h, timeoutMs, concurrency <= 1))
    return new Map(probes.map((p) => [p.host, p]))
  })
}

const isTimeout = (p: TlsProbe) => !!p.error && /within|cancelled|look up/.test(p.error)
const certEvidence = (p: TlsProbe) =>
  p.leaf
    ? { host: p.host, subject: p.leaf.subject, issuer: p.leaf.issuer, names: p.leaf.names, validFrom: p.leaf.validFrom, validTo: p.leaf.validTo, daysLeft: p.leaf.daysLeft, keyType: p.leaf.keyType, keyBits: p.leaf.keyBits, protocol: p.protocol, chain: p.sentChain.map((c) => ({ subject: c.subject, issuer: c.issuer })) }
    : { host: p.host, ...(p.error ? { problem: p.error } : {}) }

const TRUST_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'it has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed (no certificate authority vouches for it)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a certificate authority browsers do not know',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server does not send the certificate that links it to a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an authority browsers do not know, or the server leaves out a link in the chain',
  CERT_NOT_YET_VALID: 'it is not valid yet (check the server clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for other names',
}

export function trustedFinding(ctx: SuiteContext, p: TlsProbe): Finding {
  const id = 'tls.trusted'
  const ms = p.durationMs
  if (!p.leaf && isTimeout(p)) return errorFinding(id, p.host, `We could not check the certificate of ${p.host}: ${p.error}.`, ms)
  if (!p.leaf)
    return makeFinding(id, p.host, 'fail', {
      title: `No secure connection to ${p.host}`,
      summary: `Browsers cannot open https://${p.host}: ${p.error ?? 'no certificate'}.`,
      impact: 'Visitors see a connection error instead of your site.',
      evidence: certEvidence(p),
      fix: trustFix(ctx.target, p.host, p.error ?? 'no secure connection'),
      durationMs: ms,
    })
  // A certificate for other names is tls.hostname's finding; trust is about the chain.
  const err = p.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : p.authorizationError
  if (!err) return makeFinding(id, p.host, 'pass', { title: `Browsers trust the certificate of ${p.host}`, summary: `The certificate of ${p.host} is issued by ${p.leaf.issuer.replace(/^.*?CN=([^,]+).*$/, '$1')} and verifies.`, evidence: certEvidence(p), durationMs: ms })
  const reason = TRUST_REASONS[err] ?? err
  return makeFinding(id, p.host, 'fail', {
    title: `Browsers reject the certificate of ${p.host}`,
    summary: `Visitors to https://${p.host} get a full-page security warning because ${reason}.`,
    impact: 'Almost everyone leaves at a certificate warning, and apps, payment webhooks and email links to this address fail outright.',
    evidence: { ...certEvidence(p), verifyError: err },
    fix: trustFix(ctx.target, p.host, reason),
    durationMs: ms,
  })
}

const noCert = (id: string, p: TlsProbe) => errorFinding(id, p.host, `We could not read a certificate from ${p.host}: ${p.error ?? 'no secure connection'}.`, p.durationMs)

export function hostnameFinding(ctx: SuiteContext, p: TlsProbe): Finding {
  const id = 'tls.hostname'
  if (!p.leaf) return noCert(id, p)
  if (p.coversHost) return makeFinding(id, p.host, 'pass', { title: `The certificate covers ${p.host}`, summary: `The certificate lists ${p.host} (names: ${p.leaf.names.join(', ')}).`, evidence: certEvidence(p), durationMs: p.durationMs })
  return makeFinding(id, p.host, 'fail', {
    title: `The certificate does not cover ${p.host}`,
    summary: `https://${p.host} shows a certificate for ${p.leaf.names.join(', ') || 'other names'}, so browsers warn that the site may be an impostor.`,
    impact: 'Visitors see a security warning and most leave; logins and payments on this address fail.',
    evidence: { ...certEvidence(p), ...(p.hostError ? { problem: p.hostError } : {}) },
    fix: hostnameFix(ctx.target, p.host, p.leaf.names),
    durationMs: p.durationMs,
  })
}

export function expirySeverity(daysLeft: number): Severity | null {
  if (daysLeft < 7) return 'blocker'
  if (daysLeft < 14) return 'high'
  if (daysLeft < 30) return 'medium'
  return null
}

export function expiryFinding(ctx: SuiteContext, p: TlsProbe): Finding {
  const id = 'tls.expiry'
  if (!p.leaf) return noCert(id, p)
  const d = p.leaf.daysLeft
  const sev = expirySeverity(d)
  if (!sev) return makeFinding(id, p.host, 'pass', { title: `Certificate valid for ${d} more days`, summary: `The certificate of ${p.host} is valid until ${p.leaf.validTo.slice(0, 10)} (${d} days).`, evidence: certEvidence(p), durationMs: p.durationMs })
  const expired = Date.parse(p.leaf.validTo) <= ctx.clock.now()
  return makeFinding(id, p.host, 'fail', {
    title: expired ? `The certificate of ${p.host} has expired` : `The certificate of ${p.host} expires in ${d} day${d === 1 ? '' : 's'}`,
    summary: expired
      ? `The certificate of ${p.host} expired on ${p.leaf.validTo.slice(0, 10)}, so every visitor gets a security warning.`
      : `On ${p.leaf.validTo.slice(0, 10)} every visitor to ${p.host} will get a security warning unless the certificate is renewed.`,
    impact: 'An expired certificate takes the whole site down for customers: browsers block it and apps refuse to connect.',
    evidence: certEvidence(p),
    fix: renewFix(ctx.target, p.host, p.leaf.validTo),
    severity: sev,
    durationMs: p.durationMs,
  })
}

export function chainFinding(ctx: SuiteContext, p: TlsProbe): Finding {
  const id = 'tls.chain-complete'
  if (!p.leaf) return noCert(id, p)
  if (p.chainComplete === null)
    return makeFinding(id, p.host, 'skipped', { title: 'No chain to check', summary: `The certificate of ${p.host} is self-signed, so there is no chain; see the trust finding.`, evidence: certEvidence(p), durationMs: p.durationMs })
  if (p.chainComplete) return makeFinding(id, p.host, 'pass', { title: 'The full certificate chain is sent', summary: `${p.host} sends ${p.sentChain.length} certificate${p.sentChain.length === 1 ? '' : 's'}, enough to link to a trusted authority.`, evidence: certEvidence(p), durationMs: p.durationMs })
  const top = p.sentChain[p.sentChain.length - 1]
  return makeFinding(id, p.host, 'fail', {
    title: `${p.host} leaves out an intermediate certificate`,
    summary: `${p.host} sends only ${p.sentChain.length} certificate${p.sentChain.length === 1 ? '' : 's'}; the one issued by “${top?.issuer ?? 'unknown'}” is missing, so some browsers, phones and servers cannot verify it.`,
    impact: 'Desktop Chrome may work while Android, Firefox, API clients and payment webhooks fail with certificate errors.',
    evidence: { ...certEvidence(p), missingIssuer: top?.issuer ?? null, ...(top?.caIssuersUrl ? { downloadIntermediateFrom: top.caIssuersUrl } : {}) },
    fix: chainCompleteFix(ctx.target, p.host),
    durationMs: p.durationMs,
  })
}

export function protocolFinding(ctx: SuiteContext, p: TlsProbe): Finding {
  const id = 'tls.protocol'
  const legacy = (['TLSv1', 'TLSv1.1'] as const).filter((v) => p.legacy[v])
  const evidence = { host: p.host, negotiated: p.protocol ?? null, accepts: { 'TLS 1.0': p.legacy.TLSv1, 'TLS 1.1': p.legacy['TLSv1.1'] }, ...(p.error ? { problem: p.error } : {}) }
  if (!p.protocol && legacy.length === 0) return noCert(id, p)
  const modernOk = p.protocol === 'TLSv1.2' || p.protocol === 'TLSv1.3'
  if (!modernOk || legacy.length > 0) {
    const names = legacy.map((v) => (v === 'TLSv1' ? 'TLS 1.0' : 'TLS 1.1'))
    return makeFinding(id, p.host, 'fail', {
      title: modernOk ? `${p.host} still accepts ${names.join(' and ')}` : `${p.host} does not offer TLS 1.2 or newer`,
      summary: modernOk ? `${p.host} accepts ${names.join(' and ')}, old encryption that card-payment rules (PCI DSS) and modern browsers no longer allow.` : `${p.host} only speaks old TLS versions, which current browsers refuse.`,
      impact: modernOk ? 'Old protocol versions have known weaknesses and fail payment-compliance scans.' : 'Modern browsers cannot connect at all.',
      evidence,
      fix: protocolFix(ctx.target, p.host),
      durationMs: p.durationMs,
    })
  }
  if (p.legacy.TLSv1 === null || p.legacy['TLSv1.1'] === null) return errorFinding(id, p.host, `We could not finish testing whether ${p.host} still accepts TLS 1.0/1.1 (the test connection timed out).`, p.durationMs, evidence)
  return makeFinding(id, p.host, 'pass', { title: 'Only modern TLS', summary: `${p.host} uses ${p.protocol!.replace('TLSv', 'TLS ')} and refuses TLS 1.0 and 1.1.`, evidence, durationMs: p.durationMs })
}

export function hstsFindings(ctx: SuiteContext, s: Surface): Finding[] {
  const id = 'tls.hsts'
  return s.hosts
    .filter((h) => h.exists)
    .map((h) => {
      const w = walkOf(s, `https://${h.host}/`)
      const first = w?.hops[0]?.response
      if (!first) return errorFinding(id, h.host, `We could not load https://${h.host}/${w?.error ? `: ${w.error}` : ''}, so we could not read its HSTS header.`)
      const raw = header(first, 'strict-transport-security')
      // Read as a browser reads it (RFC 6797 §6.1): a header browsers ignore is no HSTS at all.
      const hsts = parseHsts(raw)
      const ok = hsts?.valid ? hsts : undefined
      const evidence = { url: first.url, status: first.status, header: raw ?? null, maxAgeDays: ok ? Math.floor(ok.maxAge / 86_400) : null, ...(hsts && !hsts.valid ? { ignoredBecause: hsts.reason } : {}) }
      if (ok && ok.maxAge >= HSTS_MIN_SECONDS)
        return makeFinding(id, h.host, 'pass', { title: 'Browsers are told to always use HTTPS', summary: `${h.host} sends HSTS for ${Math.floor(ok.maxAge / 86_400)} days${ok.includeSubDomains ? ', including subdomains' : ''}.`, evidence })
      return makeFinding(id, h.host, 'fail', {
        title: ok ? `HSTS on ${h.host} is too short` : hsts ? `Browsers ignore the HSTS header of ${h.host}` : `${h.host} does not send HSTS`,
        summary: ok
          ? `${h.host} asks browsers to remember HTTPS for only ${Math.floor(ok.maxAge / 86_400)} days; at least 180 days is needed to protect returning visitors.`
          : hsts && !hsts.valid
            ? `${h.host} sends Strict-Transport-Security, but ${hsts.reason}; visitors get no more protection than with no header.`
            : `${h.host} does not tell browsers to always use HTTPS, so a visitor on public Wi-Fi can be tricked onto an unencrypted copy of the site.`,
        impact: 'Without HSTS the first request of each visit can be intercepted and login cookies stolen.',
        evidence,
        fix: hstsFix(ctx.target, h.host),
      })
    })
}
