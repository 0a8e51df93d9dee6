/** Every email check against fixture zones served over real DNS: one zone that passes everything, and a failing zone per check. */
import { describe, expect, it } from 'vitest'
import { useDns } from './helpers'
import { D, fakeHttp, goodZone, policyUrl, txtRecord, withRecords } from '../../fixtures/email/zones'
import { EmailAuthState } from '../../../src/shared/audit-data'
import { EMAIL_CHECK_IDS } from '../../../src/main/engine/email/suite'

const dns = useDns()

describe('a domain that gets everything right', () => {
  it('passes every email check and fills EmailAuthState', async () => {
    const a = await dns.audit(goodZone())
    expect(a.findings.map((f) => f.checkId).sort()).toEqual([...EMAIL_CHECK_IDS].sort())
    for (const f of a.findings) expect(`${f.checkId}: ${f.status} ${f.summary}`).toMatch(new RegExp(`^${f.checkId.replace(/\./g, '\\.')}: pass`))
    expect(EmailAuthState.safeParse(a.state).success).toBe(true)
    expect(a.state.spf).toEqual(['v=spf1 include:_spf.google.com ~all'])
    expect(a.state.spfTree?.totalLookups).toBe(1)
    expect(a.state.dkim[0]).toMatchObject({ selector: 'google', keyBits: 2048, status: 'ok' })
    expect(a.state.dmarcAt).toBe(D)
    expect(a.state.mtaSts?.mode).toBe('enforce')
    expect(a.state.providers).toContain('Google Workspace')
    expect(a.detected.map((x) => x.provider.id)).toEqual(['google-workspace'])
  })
})

describe('a domain with nothing set up', () => {
  it('fails each check with a plain reason and an exact record to add', async () => {
    const zone = withRecords(goodZone(), { [D]: [txtRecord('hello')], [`google._domainkey.${D}`]: null, [`_dmarc.${D}`]: null, [`_smtp._tls.${D}`]: null })
    const a = await dns.audit(zone)
    expect(a.by('email.spf.present')).toMatchObject({ status: 'fail', title: `Anyone can send email pretending to be ${D}` })
    expect(a.by('email.spf.present').fix.find((s) => s.value)?.value).toBe('v=spf1 include:_spf.google.com ~all')
    expect(a.by('email.spf.present').fix.filter((s) => s.provider).map((s) => s.provider)).toEqual(['cloudflare', 'cloudflare', 'cloudflare'])
    for (const id of ['email.spf.syntax', 'email.spf.lookups', 'email.spf.all']) expect(a.by(id).status).toBe('skipped')
    expect(a.by('email.spf.authorizes').status).toBe('fail')
    expect(a.by('email.dkim')).toMatchObject({ status: 'fail' })
    expect(a.by('email.dkim').summary).toContain('google')
    expect(a.by('email.dkim').evidence.selectorsTried).toContain('selector1')
    expect(a.by('email.dmarc.present')).toMatchObject({ status: 'fail', title: `Password-reset emails from ${D} are likely to land in spam` })
    expect(a.by('email.dmarc.present').fix.find((s) => s.value)?.value).toBe(`v=DMARC1; p=none; rua=mailto:dmarc-reports@${D}; adkim=r; aspf=r`)
    expect(a.by('email.dmarc.policy').status).toBe('skipped')
    expect(a.by('email.mx').status).toBe('fail')
    expect(a.by('email.tls-rpt')).toMatchObject({ status: 'fail', severity: 'info' })
    expect(a.by('email.tls-rpt').fix.find((s) => s.value)?.value).toBe(`v=TLSRPTv1; rua=mailto:tls-reports@${D}`)
  })
})

describe('email.mx', () => {
  it('accepts a null MX when nobody receives mail', async () => {
    const zone = withRecords(goodZone(), { [D]: [{ type: 'MX', data: { preference: 0, exchange: '.' } }, txtRecord('v=spf1 -all')] })
    const a = await dns.audit(zone, { emailProviders: [] })
    expect(a.by('email.mx')).toMatchObject({ status: 'pass' })
    expect(a.state.nullMx).toBe(true)
  })
  it('fails a null MX when the project has mailboxes at Google', async () => {
    const zone = withRecords(goodZone(), { [D]: [{ type: 'MX', data: { preference: 0, exchange: '.' } }, txtRecord('v=spf1 include:_spf.google.com -all')] })
    expect((await dns.audit(zone)).by('email.mx').status).toBe('fail')
  })
  it('fails an MX host that does not exist', async () => {
    const a = await dns.audit(withRecords(goodZone(), { 'alt1.aspmx.l.google.com': null }))
    expect(a.by('email.mx').status).toBe('fail')
    expect(a.by('email.mx').summary).toContain('alt1.aspmx.l.google.com')
  })
})

describe('MTA-STS and TLS-RPT', () => {
  it('is skipped (optional) with no record, even when a policy file is served (the file is fetched alongside the lookup, and ignored)', async () => {
    const http = fakeHttp({ [policyUrl]: { body: 'version: STSv1\nmode: enforce\nmx: nothing.example\nmax_age: 604800\n' } })
    const a = await dns.audit(withRecords(goodZone(), { [`_mta-sts.${D}`]: null }), {}, http)
    expect(a.by('email.mta-sts').status).toBe('skipped')
    expect(a.state.mtaSts).toMatchObject({ record: null, policy: null })
  })
  it('fails when the record exists but the policy file is missing', async () => {
    const a = await dns.audit(goodZone(), {}, fakeHttp({}))
    expect(a.by('email.mta-sts')).toMatchObject({ status: 'fail', severity: 'low' })
    expect(a.by('email.mta-sts').summary).toContain('404')
  })
  it('fails when the policy does not cover an MX host', async () => {
    const a = await dns.audit(goodZone(), {}, fakeHttp({ [policyUrl]: { body: 'version: STSv1\nmode: enforce\nmx: aspmx.l.google.com\nmax_age: 604800\n' } }))
    expect(a.by('email.mta-sts').status).toBe('fail')
    expect(a.by('email.mta-sts').summary).toContain('alt1.aspmx.l.google.com')
  })
  it('fails a policy without version or with a bad max_age', async () => {
    const a = await dns.audit(goodZone(), {}, fakeHttp({ [policyUrl]: { body: 'mode: enforce\nmx: *.l.google.com\nmax_age: forever\n' } }))
    expect(a.by('email.mta-sts').status).toBe('fail')
  })
  it('warns in testing mode', async () => {
    const a = await dns.audit(goodZone(), {}, fakeHttp({ [policyUrl]: { body: 'version: STSv1\nmode: testing\nmx: *.aspmx.l.google.com\nmx: aspmx.l.google.com\nmax_age: 604800\n' } }))
    expect(a.by('email.mta-sts').status).toBe('warn')
  })
  it('mode none is how MTA-STS is retired (RFC 8461 §8.3): explained, at info severity, without pushing enforce', async () => {
    const a = await dns.audit(goodZone(), {}, fakeHttp({ [policyUrl]: { body: 'version: STSv1\nmode: none\nmax_age: 86400\n' } }))
    const f = a.by('email.mta-sts')
    expect(f).toMatchObject({ status: 'warn', severity: 'info' })
    expect(f.summary).toMatch(/retire/)
    expect(f.fix[0]!.text).toMatch(/keep this policy and its TXT record for at least the old max_age \(86400 seconds\)/)
    expect(f.fix.map((x) => x.text).join(' ')).toMatch(/to “mode: testing”/)
  })
  it('fails a TLS-RPT record without a valid rua', async () => {
    const a = await dns.audit(withRecords(goodZone(), { [`_smtp._tls.${D}`]: [txtRecord('v=TLSRPTv1; rua=tls@acme.test')] }))
    expect(a.by('email.tls-rpt').status).toBe('fail')
  })
})

describe('DNS that does not answer', () => {
  it('reports error, never pass, and says what timed out', async () => {
    const zone = { ...goodZone(), faults: { [D]: 'TIMEOUT' as const, [`_dmarc.${D}`]: 'TIMEOUT' as const } }
    const a = await dns.audit(zone)
    for (const id of ['email.spf.present', 'email.spf.lookups', 'email.spf.authorizes', 'email.mx', 'email.dmarc.present', 'email.dmarc.policy']) {
      expect(a.by(id).status, id).toBe('error')
    }
    expect(a.by('email.spf.present').summary).toMatch(/did not answer|in time/i)
  })
  it('reports DKIM as error when the selector lookups fail', async () => {
    const zone = { ...withRecords(goodZone(), { [`google._domainkey.${D}`]: null }), faults: Object.fromEntries(['google', 'default', 'selector1'].map((s) => [`${s}._domainkey.${D}`, 'SERVFAIL' as const])) }
    expect((await dns.audit(zone)).by('email.dkim').status).toBe('error')
  })
})
