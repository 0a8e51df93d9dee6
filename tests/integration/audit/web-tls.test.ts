/** tls.* against fixture hosts with scripted certificates: expired, near expiry, wrong name, missing intermediate, self-signed, TLS 1.0, garbage, a stalled handshake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byCheck, collectSink, startUniverse, type Universe } from '../../fixtures/audit/universe'
import { createTlsSuite } from '../../../src/main/engine/web/suite'
import { artifactSlot } from '../../../src/main/engine/run/artifacts'
import { CertificateInfo } from '../../../src/shared/audit-data'
import { Finding } from '../../../src/shared/model'
import type { SuiteContext } from '../../../src/main/engine/types'

let u: Universe
let fs: Finding[]
let ctx: SuiteContext
let ms: number
const HOSTS = ['good', 'expired', 'week', 'soon', 'month', 'wrongname', 'nointer', 'selfsigned', 'legacy', 'garbage', 'stall']

beforeAll(async () => {
  u = await startUniverse()
  ctx = u.context({ domain: 'tls.test', subdomains: HOSTS.map((label) => ({ label, role: 'x' })) }, { deadlineMs: 15_000 })
  const sink = collectSink()
  const t0 = performance.now()
  await createTlsSuite({ timeoutMs: 1500 }).run(ctx, sink)
  ms = performance.now() - t0
  fs = sink.findings
  for (const f of fs) Finding.parse(f)
}, 30_000)
afterAll(() => u?.close())

const one = (id: string, label: string) => {
  const r = byCheck(fs, id, `${label}.tls.test`)
  expect(r).toHaveLength(1)
  return r[0]!
}

describe('tls checks', () => {
  it('a good certificate passes trust, hostname, expiry, chain and protocol', () => {
    for (const id of ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.chain-complete', 'tls.protocol']) expect(one(id, 'good').status, id).toBe('pass')
    expect(one('tls.trusted', 'good').evidence).toMatchObject({ keyType: 'RSA', keyBits: 2048, names: ['good.tls.test'] })
  })

  it('an expired certificate fails trust and expiry (blocker)', () => {
    expect(one('tls.trusted', 'expired')).toMatchObject({ status: 'fail', evidence: expect.objectContaining({ verifyError: 'CERT_HAS_EXPIRED' }) })
    expect(one('tls.expiry', 'expired')).toMatchObject({ status: 'fail', severity: 'blocker' })
    expect(one('tls.expiry', 'expired').title).toContain('has expired')
  })

  it('expiry severity follows the days left: <7 blocker, <14 high, <30 medium', () => {
    expect(one('tls.expiry', 'week')).toMatchObject({ status: 'fail', severity: 'blocker' })
    expect(one('tls.expiry', 'soon')).toMatchObject({ status: 'fail', severity: 'high' })
    expect(one('tls.expiry', 'month')).toMatchObject({ status: 'fail', severity: 'medium' })
  })

  it('a certificate for another name fails tls.hostname but not tls.trusted', () => {
    expect(one('tls.hostname', 'wrongname')).toMatchObject({ status: 'fail', evidence: expect.objectContaining({ names: ['other.example'] }) })
    expect(one('tls.trusted', 'wrongname').status).toBe('pass')
    expect(one('tls.hostname', 'wrongname').fix.length).toBeGreaterThan(0)
  })

  it('a server that leaves out the intermediate fails tls.chain-complete', () => {
    const f = one('tls.chain-complete', 'nointer')
    expect(f.status).toBe('fail')
    expect(f.evidence.missingIssuer).toContain('Launch Ready Fixture Intermediate')
    expect(f.fix.some((s) => s.value?.includes('fullchain.pem'))).toBe(true)
    expect(one('tls.trusted', 'nointer').status).toBe('fail')
  })

  it('a self-signed certificate fails trust; its chain check is skipped', () => {
    expect(one('tls.trusted', 'selfsigned')).toMatchObject({ status: 'fail', evidence: expect.objectContaining({ verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }) })
    expect(one('tls.chain-complete', 'selfsigned').status).toBe('skipped')
  })

  it('accepting TLS 1.0/1.1 fails tls.protocol', () => {
    const f = one('tls.protocol', 'legacy')
    expect(f.status).toBe('fail')
    expect(f.evidence.accepts).toEqual({ 'TLS 1.0': true, 'TLS 1.1': true })
    expect(one('tls.protocol', 'good').evidence.accepts).toEqual({ 'TLS 1.0': false, 'TLS 1.1': false })
  })

  it('a garbage TLS answer fails trust with a plain reason and the rest are errors, never passes', () => {
    const f = one('tls.trusted', 'garbage')
    expect(f.status).toBe('fail')
    expect(f.summary).toMatch(/valid secure \(TLS\) handshake/)
    for (const id of ['tls.hostname', 'tls.expiry', 'tls.chain-complete', 'tls.protocol']) expect(one(id, 'garbage').status, id).toBe('error')
  })

  it('a stalled handshake ends as error with the timeout, within the deadline', () => {
    for (const id of ['tls.trusted', 'tls.hostname', 'tls.expiry', 'tls.chain-complete', 'tls.protocol']) expect(one(id, 'stall').status, id).toBe('error')
    expect(one('tls.trusted', 'stall').summary).toMatch(/not set up within 1\.5 s/)
    expect(ms).toBeLessThan(6000)
  })

  it('publishes a certificate row per host that answered', async () => {
    const rows = (await ctx.shared.get(artifactSlot('certificates'))) as CertificateInfo[]
    for (const r of rows) CertificateInfo.parse(r)
    expect(rows.find((r) => r.host === 'legacy.tls.test')?.protocols).toEqual(['TLSv1.3', 'TLSv1', 'TLSv1.1'])
    expect(rows.find((r) => r.host === 'nointer.tls.test')).toMatchObject({ trusted: false, chainComplete: false })
    expect(rows.find((r) => r.host === 'expired.tls.test')?.daysLeft).toBeLessThan(0)
    expect(rows.some((r) => r.host === 'stall.tls.test')).toBe(false)
  })
})
