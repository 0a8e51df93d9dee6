/**
 * One pass over a domain's email authentication: SPF (lint, tree, the record
 * to publish), DKIM, DMARC, MX, MTA-STS and TLS-RPT, giving the email.*
 * findings and the EmailAuthState stored in the run (`meta.email`). Used by
 * the audit suite and by the email service for on-demand checks.
 */
import type { EmailAuthState } from '../../../shared/audit-data'
import type { Finding } from '../../../shared/model'
import type { HttpClient, Resolver } from '../types'
import { findDkimKeys, selectorsToTry, type DkimKey } from './dkim'
import { readDmarc, type DmarcState } from './dmarc'
import { lookup, txtJoined } from './dns'
import { dkimFinding, dmarcFindings } from './findings-auth'
import { mtaStsFinding, mxFinding, tlsRptFinding } from './findings-mx'
import { spfFindings } from './findings-spf'
import { readMtaSts, readMx, readTlsRpt, type MtaStsState, type MxState, type TlsRptState } from './mx'
import { detectProviders, providerById, type Detection, type EmailProvider } from './providers'
import { proposeSpf, type SpfProposal } from './spf-build'
import { spfRecordsOf } from './spf-record'
import { lintSpf, type SpfLint } from './spf-tree'

export interface EmailTarget {
  domain: string
  emailProviders: string[]
  dkimSelectors: string[]
  dnsProvider: string
}

export interface EmailAuditOptions {
  timeoutMs?: number
  signal?: AbortSignal
  /** Only these parts (by check-id prefix); default all. */
  only?: ReadonlySet<string>
}

export interface EmailAudit {
  state: EmailAuthState
  findings: Finding[]
  lint: SpfLint
  proposal: SpfProposal
  dkim: DkimKey[]
  dmarc: DmarcState
  mx: MxState
  mtaSts: MtaStsState
  tlsRpt: TlsRptState
  configured: EmailProvider[]
  unknownProviders: string[]
  detected: Detection[]
}

export function resolveProviders(names: string[]): { configured: EmailProvider[]; unknown: string[] } {
  const configured: EmailProvider[] = []
  const unknown: string[] = []
  for (const n of names) {
    const p = providerById(n)
    if (p && !configured.includes(p)) configured.push(p)
    else if (!p && n.trim()) unknown.push(n.trim())
  }
  return { configured, unknown }
}

/** DNS lookups an include really costs (1 + what it nests), when we can read it. */
async function includeCosts(resolver: Resolver, includes: string[], opts: EmailAuditOptions): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  await Promise.all(
    includes.map(async (inc) => {
      const l = await lintSpf(resolver, inc, { ...opts, maxQueries: 40 })
      if (l.records.length === 1) out[inc] = 1 + l.totalLookups
    }),
  )
  return out
}

export async function auditEmail(resolver: Resolver, http: HttpClient, t: EmailTarget, opts: EmailAuditOptions = {}): Promise<EmailAudit> {
  const d = t.domain.toLowerCase().replace(/\.$/, '')
  const lo = { ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.signal ? { signal: opts.signal } : {}) }
  const { configured, unknown } = resolveProviders(t.emailProviders)
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now()
    const v = await f()
    return [v, Math.round(performance.now() - t0)]
  }
  const selectors = selectorsToTry(t.dkimSelectors, configured)
  // Every record is read at once; MTA-STS only needs the MX hosts at its very end.
  const mxRead = timed(() => readMx(resolver, d, lo))
  const mxHostsOf = (mx: Awaited<ReturnType<typeof readMx>>) => (mx.nullMx ? [] : mx.mx.map((m) => m.exchange))
  const [[lint, spfMs], [mx, mxMs], [dmarc, dmarcMs], [dkim, dkimMs], [tlsRpt, rptMs], [mtaSts, stsMs]] = await Promise.all([
    timed(() => lintSpf(resolver, d, lo)),
    mxRead,
    timed(() => readDmarc(resolver, d, lo)),
    timed(() => findDkimKeys(resolver, d, selectors, lo)),
    timed(() => readTlsRpt(resolver, d, lo)),
    timed(() => readMtaSts(resolver, http, d, mxRead.then(([m]) => mxHostsOf(m)), lo)),
  ])
  const mxHosts = mxHostsOf(mx)
  const detected = detectProviders(lint.includes, mxHosts, dkim.filter((k) => k.record).map((k) => k.selector))
  const toAdd = configured.filter((p) => p.spfMode === 'root' && !lint.includes.some((i) => [...p.spfIncludes, ...(p.spfAlso ?? [])].includes(i))).map((p) => p.spfIncludes[0]!)
  const costs = await includeCosts(resolver, toAdd, lo)
  const proposal = proposeSpf(lint.records.length === 1 ? lint.records[0]! : lint.records.length > 1 ? mergeRecords(lint.records) : null, lint.tree, configured, d, costs)
  const bounce: Record<string, { name: string; ok: boolean | null; required: boolean }> = {}
  await Promise.all(
    configured
      .filter((p) => p.spfMode === 'bounce' && p.bounceName && !lint.includes.some((i) => p.spfIncludes.includes(i)))
      .map(async (p) => {
        const name = p.bounceName!.replace('{domain}', d)
        const l = await lookup(resolver, name, 'TXT', lo)
        let ok: boolean | null = l.status === 'error' ? null : spfRecordsOf(txtJoined(l)).length > 0
        // A return-path is often a CNAME to the provider (pm-bounces → pm.mtasv.net): that counts as set up.
        if (ok === false) ok = (await lookup(resolver, name, 'CNAME', lo)).status === 'ok'
        bounce[p.id] = { name, ok, required: !!p.bounceRequired }
      }),
  )
  const findings: Finding[] = [
    ...spfFindings({ lint, proposal, dnsProvider: t.dnsProvider, configured, unknown, bounce, durationMs: spfMs }),
    dkimFinding(d, dkim, configured, dkimMs),
    ...dmarcFindings(dmarc, t.dnsProvider, dmarcMs),
    mxFinding(d, mx, configured, t.dnsProvider, mxMs),
    mtaStsFinding(d, mtaSts, mxHosts, t.dnsProvider, stsMs),
    tlsRptFinding(d, tlsRpt, t.dnsProvider, rptMs),
  ].filter((f) => !opts.only || opts.only.has(f.checkId))
  const state: EmailAuthState = {
    domain: d,
    mx: mx.mx,
    nullMx: mx.nullMx,
    spf: lint.records,
    spfTree: lint.tree,
    dkim: dkim.filter((k) => k.record !== null || t.dkimSelectors.includes(k.selector)).map((k) => ({ selector: k.selector, record: k.record, ...(k.keyType ? { keyType: k.keyType } : {}), ...(k.keyBits ? { keyBits: k.keyBits } : {}), status: k.status })),
    dkimSelectorsTried: dkim.map((k) => k.selector),
    dmarc: dmarc.records.length === 1 ? dmarc.records[0]! : null,
    ...(dmarc.at ? { dmarcAt: dmarc.at } : {}),
    mtaSts: { record: mtaSts.record, policy: mtaSts.policyText, ...(mtaSts.policy?.mode ? { mode: mtaSts.policy.mode } : {}) },
    tlsRpt: tlsRpt.record,
    providers: [...new Set([...configured.map((p) => p.name), ...detected.map((x) => x.provider.name)])],
  }
  return { state, findings, lint, proposal, dkim, dmarc, mx, mtaSts, tlsRpt, configured, unknownProviders: unknown, detected }
}

/** Several SPF records merged into one (their terms, one `all`), as the starting point of the proposal. */
function mergeRecords(records: string[]): string {
  const terms: string[] = []
  for (const r of records) for (const t of r.replace(/^v=spf1/i, '').split(' ').filter(Boolean)) if (!/^[+\-~?]?all$/i.test(t) && !terms.includes(t)) terms.push(t)
  const all = records.map((r) => /([+\-~?]?all)\s*$/i.exec(r)?.[1]).find((a) => a === '-all' || a === '~all') ?? '~all'
  return `v=spf1 ${[...terms, all].join(' ')}`
}
