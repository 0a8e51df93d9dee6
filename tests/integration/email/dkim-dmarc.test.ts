/** DKIM keys and DMARC records against fixture zones: a pass and a fail for each, and the kinds of broken records founders publish. */
import { describe, expect, it } from 'vitest'
import { useDns } from './helpers'
import { D, ed25519Key, goodZone, rsaKey, txtRecord, withRecords } from '../../fixtures/email/zones'

const dns = useDns()
const key = (rec: string) => withRecords(goodZone(), { [`google._domainkey.${D}`]: [txtRecord(rec)] })

describe('email.dkim', () => {
  it('fails a revoked key (empty p=)', async () => {
    const a = await dns.audit(key('v=DKIM1; k=rsa; p='))
    expect(a.by('email.dkim')).toMatchObject({ status: 'fail' })
    expect(a.by('email.dkim').summary).toMatch(/revoked/)
    expect(a.state.dkim[0]?.status).toBe('revoked')
  })
  it('fails an RSA key under 1024 bits, measured from the key itself', async () => {
    const a = await dns.audit(key(`v=DKIM1; k=rsa; p=${rsaKey(768)}`))
    expect(a.by('email.dkim').status).toBe('fail')
    expect(a.state.dkim[0]).toMatchObject({ keyBits: 768, status: 'weak' })
  })
  it('warns on a 1024-bit key and on testing mode', async () => {
    const a = await dns.audit(key(`v=DKIM1; k=rsa; p=${rsaKey(1024)}`))
    expect(a.by('email.dkim').status).toBe('warn')
    expect(a.state.dkim[0]?.keyBits).toBe(1024)
    const b = await dns.audit(key(`v=DKIM1; t=y; k=rsa; p=${rsaKey(2048)}`))
    expect(b.by('email.dkim').status).toBe('warn')
    expect(b.by('email.dkim').summary).toMatch(/testing mode/)
  })
  it('passes an ed25519 key', async () => {
    const a = await dns.audit(key(`v=DKIM1; k=ed25519; p=${ed25519Key()}`))
    expect(a.by('email.dkim').status).toBe('pass')
    expect(a.state.dkim[0]).toMatchObject({ keyType: 'ed25519', keyBits: 256 })
  })
  it('fails a key cut short when pasted, a bad version and a SHA-1-only key', async () => {
    for (const rec of [`v=DKIM1; k=rsa; p=${rsaKey(2048).slice(0, 120)}`, `v=DKIM2; p=${rsaKey(2048)}`, `v=DKIM1; h=sha1; p=${rsaKey(2048)}`, 'v=DKIM1; k=rsa; p=@@not base64@@']) {
      const a = await dns.audit(key(rec))
      expect(a.by('email.dkim').status, rec.slice(0, 30)).toBe('fail')
    }
  })
  it('finds a key under a CNAME (Microsoft 365 style) and under a selector the project adds', async () => {
    const k = goodZone().records[`google._domainkey.${D}`]!
    const zone = withRecords(goodZone(), { [`google._domainkey.${D}`]: null, [`selector1._domainkey.${D}`]: [{ type: 'CNAME', data: `selector1-acme._domainkey.tenant.${D}` }], [`selector1-acme._domainkey.tenant.${D}`]: k, [`custom2026._domainkey.${D}`]: k })
    const a = await dns.audit(zone, { emailProviders: ['microsoft-365'], dkimSelectors: ['custom2026'] })
    expect(a.by('email.dkim').status).toBe('pass')
    expect(a.state.dkimSelectorsTried.slice(0, 3)).toEqual(['custom2026', 'selector1', 'selector2'])
    expect(a.state.dkim.map((x) => x.selector).sort()).toEqual(['custom2026', 'selector1'])
  })
  it('never concludes "no DKIM" from the _domainkey node alone', async () => {
    const zone = withRecords(goodZone(), { [`google._domainkey.${D}`]: null, [`_domainkey.${D}`]: [txtRecord('o=~')] })
    const a = await dns.audit(zone, { dkimSelectors: ['mine'] })
    const f = a.by('email.dkim')
    expect(f.status).toBe('fail')
    expect(f.summary).toMatch(/We tried \d+ selectors \(mine, google/)
    expect(f.fix.some((s) => /DKIM selectors/.test(s.text))).toBe(true)
  })
})

describe('email.dmarc', () => {
  const dmarc = (rec: string | null, extra = {}) => withRecords(goodZone(), { [`_dmarc.${D}`]: rec === null ? null : [txtRecord(rec)], ...extra })
  it('fails p=none without reports, with the exact launch record', async () => {
    const a = await dns.audit(dmarc('v=DMARC1; p=none'))
    expect(a.by('email.dmarc.present').status).toBe('pass')
    expect(a.by('email.dmarc.policy')).toMatchObject({ status: 'fail', severity: 'medium' })
    expect(a.by('email.dmarc.policy').fix.find((s) => s.value)?.value).toBe(`v=DMARC1; p=none; rua=mailto:dmarc-reports@${D}; adkim=r; aspf=r`)
  })
  it('warns at p=none with reports (the right launch setting) and lays out the next steps', async () => {
    const a = await dns.audit(dmarc(`v=DMARC1; p=none; rua=mailto:d@${D}`))
    expect(a.by('email.dmarc.policy').status).toBe('warn')
    expect(a.by('email.dmarc.policy').fix.map((s) => s.text).join(' ')).toMatch(/quarantine.*reject/)
  })
  it('warns when an outside report address has not agreed to receive reports, passes when it has', async () => {
    const a = await dns.audit(dmarc('v=DMARC1; p=quarantine; rua=mailto:x@reports.example'))
    expect(a.by('email.dmarc.policy').status).toBe('warn')
    expect(a.by('email.dmarc.policy').summary).toContain(`${D}._report._dmarc.reports.example`)
    const b = await dns.audit(dmarc('v=DMARC1; p=quarantine; rua=mailto:x@reports.example', { [`${D}._report._dmarc.reports.example`]: [txtRecord('v=DMARC1')] }))
    expect(b.by('email.dmarc.policy').status).toBe('pass')
  })
  it('tells the user about tags RFC 9989 removed', async () => {
    const a = await dns.audit(dmarc(`v=DMARC1; p=reject; pct=50; ri=3600; rua=mailto:d@${D}`))
    expect(a.by('email.dmarc.policy').status).toBe('warn')
    expect(a.by('email.dmarc.policy').summary).toMatch(/RFC 9989/)
    expect(a.by('email.dmarc.policy').fix.map((s) => s.text).join(' ')).toMatch(/ri \(the report interval\)/)
  })
  it('fails invalid records: no p, wrong order, bad rua, two records', async () => {
    expect((await dns.audit(dmarc(`v=DMARC1; rua=mailto:d@${D}`))).by('email.dmarc.present').status).toBe('fail')
    expect((await dns.audit(dmarc('p=reject; v=DMARC1'))).by('email.dmarc.present').status).toBe('fail')
    expect((await dns.audit(dmarc('v=DMARC1; p=block'))).by('email.dmarc.present').status).toBe('fail')
    const bad = await dns.audit(dmarc('v=DMARC1; p=reject; rua=https://reports.example/in'))
    expect(bad.by('email.dmarc.policy').status).toBe('warn')
    expect(bad.by('email.dmarc.policy').summary).toMatch(/mailto/)
    const two = await dns.audit(withRecords(goodZone(), { [`_dmarc.${D}`]: [txtRecord('v=DMARC1; p=none'), txtRecord('v=DMARC1; p=reject')] }))
    expect(two.by('email.dmarc.present').status).toBe('fail')
  })
  it('finds the policy above the domain by the RFC 9989 tree walk', async () => {
    const zone = { records: { ...goodZone().records, 'mail.acme.co.uk': goodZone().records[D]!, '_dmarc.acme.co.uk': [txtRecord('v=DMARC1; p=reject; rua=mailto:d@acme.co.uk')] } }
    const a = await dns.audit(zone, { domain: 'mail.acme.co.uk' })
    expect(a.by('email.dmarc.present').status).toBe('pass')
    expect(a.state.dmarcAt).toBe('acme.co.uk')
    expect(a.by('email.dmarc.present').summary).toContain('the nearest one above it, at _dmarc.acme.co.uk (the RFC 9989 tree walk)')
    expect(a.by('email.dmarc.present').evidence.walked).toEqual(['mail.acme.co.uk', 'acme.co.uk'])
  })

  it('a public-suffix operator’s record (psd=y) is found when no closer one exists, where RFC 7489’s list lookup never looked', async () => {
    const zone = { records: { ...goodZone().records, 'shop.acme.test': goodZone().records[D]!, '_dmarc.test': [txtRecord('v=DMARC1; p=reject; psd=y')] } }
    delete (zone.records as Record<string, unknown>)[`_dmarc.${D}`]
    const a = await dns.audit(zone, { domain: 'shop.acme.test' })
    expect(a.state.dmarcAt).toBe('test')
    expect(a.by('email.dmarc.present').evidence.walked).toEqual(['shop.acme.test', 'acme.test', 'test'])
  })

  it('several records above the domain are discarded and the walk goes on (RFC 9989 §4.10 step 7)', async () => {
    const zone = { records: { ...goodZone().records, 'a.b.acme.test': goodZone().records[D]!, '_dmarc.b.acme.test': [txtRecord('v=DMARC1; p=none'), txtRecord('v=DMARC1; p=reject')] } }
    const a = await dns.audit(zone, { domain: 'a.b.acme.test' })
    expect(a.state.dmarcAt).toBe(D)
  })
})
