/** SPF lint against fixture zones: each failure kind, malformed records of every kind, and the record we propose. */
import { describe, expect, it } from 'vitest'
import { useDns } from './helpers'
import { D, goodZone, txtRecord, withApexTxt, withRecords } from '../../fixtures/email/zones'
import type { Zone } from '../../fixtures/dns/server'

const dns = useDns()

/** n provider-like includes, each costing `each` lookups in all. */
function includes(n: number, each = 1): Zone['records'] {
  const out: Zone['records'] = {}
  for (let i = 0; i < n; i++) {
    const nested = each > 1 ? Array.from({ length: each - 1 }, (_, j) => `include:n${j}.inc${i}.test`).join(' ') : ''
    out[`inc${i}.test`] = [txtRecord(`v=spf1 ip4:198.51.100.${i} ${nested} ~all`.replace(/\s+/g, ' '))]
    for (let j = 0; j < each - 1; j++) out[`n${j}.inc${i}.test`] = [txtRecord(`v=spf1 ip4:203.0.113.${j} ~all`)]
  }
  return out
}

describe('email.spf.present', () => {
  it('fails two SPF records and proposes one merged record', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com ~all', 'v=spf1 ip4:192.0.2.1 -all'))
    expect(a.by('email.spf.present').status).toBe('fail')
    expect(a.by('email.spf.present').summary).toMatch(/more than one SPF record/)
    expect(a.proposal.record).toBe('v=spf1 include:_spf.google.com ip4:192.0.2.1 ~all')
    expect(a.by('email.spf.authorizes').status).toBe('fail')
  })
  it('ignores TXT records that only look like SPF (v=spf10, spf2.0)', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf10 -all', 'spf2.0/pra include:_spf.google.com ~all'))
    expect(a.by('email.spf.present').status).toBe('fail')
    expect(a.lint.records).toEqual([])
  })
})

describe('email.spf.syntax: malformed records', () => {
  it('pins a syntax error to the term', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com ip4:192.0.2.300 ~all'))
    const f = a.by('email.spf.syntax')
    expect(f.status).toBe('fail')
    expect(f.summary).toContain('ip4:192.0.2.300')
    expect(a.lint.syntaxErrors).toEqual([expect.objectContaining({ domain: D, term: 'ip4:192.0.2.300' })])
    expect(a.state.spfTree?.terms?.find((t) => t.text === 'ip4:192.0.2.300')?.problem).toBeTruthy()
    expect(a.proposal.record).toBe('v=spf1 include:_spf.google.com ~all')
  })
  it('fails garbage after v=spf1', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com %%%garbage$$$ ~all'))
    expect(a.by('email.spf.syntax').status).toBe('fail')
    expect(a.lint.syntaxErrors[0]?.term).toBe('%%%garbage$$$')
  })
  it('fails non-ASCII (a curly quote pasted from a document)', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com ~all”'))
    const f = a.by('email.spf.syntax')
    expect(f.status).toBe('fail')
    expect(f.summary).toMatch(/not plain ASCII/)
  })
  it('fails two redirect= modifiers', async () => {
    const zone = withRecords(withApexTxt(goodZone(), 'v=spf1 redirect=_spf.google.com redirect=_spf.google.com'), {})
    const a = await dns.audit(zone)
    expect(a.by('email.spf.syntax').status).toBe('fail')
    expect(a.by('email.spf.syntax').summary).toMatch(/redirect/)
  })
  it('warns about ptr', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com ptr ~all'))
    expect(a.by('email.spf.syntax').status).toBe('warn')
    expect(a.by('email.spf.syntax').summary).toMatch(/ptr/)
    expect(a.lint.ptrAt).toEqual([D])
  })
  it('survives a 10 KB TXT record: split into 255-byte strings, flags the answer over 512 bytes', async () => {
    const long = `v=spf1 ${Array.from({ length: 800 }, (_, i) => `ip4:10.${Math.floor(i / 250)}.${i % 250}.1`).join(' ')} ~all`
    expect(long.length).toBeGreaterThan(10_000)
    const a = await dns.audit(withApexTxt(goodZone(), long))
    expect(a.lint.records[0]).toBe(long)
    expect(a.lint.bigAnswers[0]?.bytes).toBeGreaterThan(10_000)
    expect(a.by('email.spf.syntax').status).toBe('warn')
    expect(a.by('email.spf.syntax').summary).toMatch(/over 512/)
  })
  it('flags an error in an included record', async () => {
    const a = await dns.audit(withRecords(goodZone(), { '_spf.google.com': [txtRecord('v=spf1 ip4:74.125.0.0/99 ~all')] }))
    expect(a.by('email.spf.syntax').status).toBe('fail')
    expect(a.by('email.spf.syntax').summary).toContain('_spf.google.com')
  })
})

describe('email.spf.lookups', () => {
  it('counts each include with its own total and marks the one that goes past 10', async () => {
    const zone = withRecords(withApexTxt(goodZone(), `v=spf1 include:_spf.google.com ${Array.from({ length: 4 }, (_, i) => `include:inc${i}.test`).join(' ')} -all`), includes(4, 3))
    const a = await dns.audit(zone)
    expect(a.lint.totalLookups).toBe(13)
    const f = a.by('email.spf.lookups')
    expect(f.status).toBe('fail')
    expect(f.summary).toContain('13 DNS lookups')
    const tree = a.state.spfTree!
    expect(tree.lookups).toBe(5)
    expect(tree.totalLookups).toBe(13)
    expect(tree.children.map((c) => [c.domain, c.totalLookups])).toEqual([['_spf.google.com', 0], ['inc0.test', 2], ['inc1.test', 2], ['inc2.test', 2], ['inc3.test', 2]])
    // Worst-case evaluation order: 5 at the root, then 2+2+2 → 11 inside inc3.test.
    expect(a.lint.overLimitAt).toBe('inc3.test')
    expect(tree.children[4]?.pushesOverLimit).toBe(true)
    expect(a.proposal.withinLimit).toBe(false)
    expect(a.proposal.dropSuggestions[0]).toMatchObject({ saves: 3 })
  })
  it('does not count the address lookups behind mx and a towards the 10, but limits mx to 10 hosts', async () => {
    const mx = Array.from({ length: 11 }, (_, i) => ({ type: 'MX' as const, data: { preference: i, exchange: `mx${i}.${D}` } }))
    const zone = withRecords(goodZone(), { [D]: [...mx, txtRecord('v=spf1 mx a -all')], ...Object.fromEntries(mx.map((m) => [m.data.exchange, [{ type: 'A' as const, data: '192.0.2.1' }]])) })
    const a = await dns.audit(zone)
    expect(a.lint.totalLookups).toBe(2)
    expect(a.lint.mxOverLimit).toEqual([expect.objectContaining({ hosts: 11 })])
    expect(a.by('email.spf.lookups').status).toBe('fail')
    expect(a.state.spfTree?.terms?.find((t) => t.text === 'mx')?.addressLookups).toBe(11)
  })
  it('fails more than 2 void lookups', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 a:gone1.test a:gone2.test exists:gone3.test include:_spf.google.com -all'))
    expect(a.lint.totalVoid).toBe(3)
    expect(a.by('email.spf.lookups').status).toBe('fail')
    expect(a.by('email.spf.lookups').summary).toMatch(/find nothing/)
  })
  it('stops an include loop and a redirect loop', async () => {
    const inc = withRecords(withApexTxt(goodZone(), 'v=spf1 include:loop.test -all'), { 'loop.test': [txtRecord(`v=spf1 include:${D} -all`)] })
    const a = await dns.audit(inc)
    expect(a.lint.loops).toEqual([{ from: 'loop.test', to: D }])
    expect(a.by('email.spf.lookups').status).toBe('fail')
    const red = withRecords(withApexTxt(goodZone(), 'v=spf1 redirect=r1.test'), { 'r1.test': [txtRecord('v=spf1 redirect=r2.test')], 'r2.test': [txtRecord('v=spf1 redirect=r1.test')] })
    const b = await dns.audit(red)
    expect(b.lint.loops).toEqual([{ from: 'r2.test', to: 'r1.test' }])
    expect(b.by('email.spf.lookups').status).toBe('fail')
  })
  it('warns at 9 or 10 lookups', async () => {
    const zone = withRecords(withApexTxt(goodZone(), `v=spf1 include:_spf.google.com ${Array.from({ length: 8 }, (_, i) => `include:inc${i}.test`).join(' ')} -all`), includes(8))
    const a = await dns.audit(zone)
    expect(a.lint.totalLookups).toBe(9)
    expect(a.by('email.spf.lookups').status).toBe('warn')
  })
})

describe('email.spf.all', () => {
  for (const [record, status] of [
    ['v=spf1 include:_spf.google.com +all', 'fail'],
    ['v=spf1 include:_spf.google.com all', 'fail'],
    ['v=spf1 include:_spf.google.com ?all', 'fail'],
    ['v=spf1 include:_spf.google.com', 'fail'],
    ['v=spf1 include:_spf.google.com -all', 'pass'],
    ['v=spf1 redirect=_spf.google.com', 'pass'],
  ] as const) {
    it(`${record} → ${status}`, async () => {
      const a = await dns.audit(withApexTxt(goodZone(), record))
      expect(a.by('email.spf.all').status).toBe(status)
      if (status === 'fail') expect(a.by('email.spf.all').fix.find((s) => s.value)?.value).toMatch(/ [~-]all$/)
    })
  }
})

describe('email.spf.authorizes', () => {
  it('fails a configured provider that is not in the record, and proposes the merged record', async () => {
    const zone = withRecords(goodZone(), { 'mailgun.org': [txtRecord('v=spf1 include:_spf.mailgun.org ~all')], '_spf.mailgun.org': [txtRecord('v=spf1 ip4:198.61.254.0/23 ~all')] })
    const a = await dns.audit(zone, { emailProviders: ['Google Workspace', 'Mailgun'] })
    const f = a.by('email.spf.authorizes')
    expect(f.status).toBe('fail')
    expect(f.title).toContain('Mailgun')
    expect(a.proposal.record).toBe('v=spf1 include:_spf.google.com include:mailgun.org ~all')
    expect(a.proposal.lookups).toBe(3)
    expect(f.fix.find((s) => s.value)?.value).toBe(a.proposal.record)
  })
  it('handles return-path providers: SendGrid passes, Postmark without its return-path warns, Resend without its subdomain fails', async () => {
    expect((await dns.audit(goodZone(), { emailProviders: ['google', 'sendgrid'] })).by('email.spf.authorizes').status).toBe('pass')
    expect((await dns.audit(goodZone(), { emailProviders: ['google', 'postmark'] })).by('email.spf.authorizes').status).toBe('warn')
    const pm = withRecords(goodZone(), { [`pm-bounces.${D}`]: [{ type: 'CNAME', data: 'pm.mtasv.net' }] })
    expect((await dns.audit(pm, { emailProviders: ['google', 'postmark'] })).by('email.spf.authorizes').status).toBe('pass')
    const b = await dns.audit(goodZone(), { emailProviders: ['google', 'resend'] })
    expect(b.by('email.spf.authorizes').status).toBe('fail')
    const c = await dns.audit(withRecords(goodZone(), { [`send.${D}`]: [txtRecord('v=spf1 include:amazonses.com ~all')] }), { emailProviders: ['google', 'resend'] })
    expect(c.by('email.spf.authorizes').status).toBe('pass')
  })
  it('warns about a provider it does not know and skips when none are listed', async () => {
    expect((await dns.audit(goodZone(), { emailProviders: ['google', 'Acme Mailer'] })).by('email.spf.authorizes').status).toBe('warn')
    expect((await dns.audit(goodZone(), { emailProviders: [] })).by('email.spf.authorizes').status).toBe('skipped')
  })
  it('recognises providers from includes, MX and DKIM selectors', async () => {
    const zone = withRecords(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com include:sendgrid.net include:spf.protection.outlook.com ~all'), { [`resend._domainkey.${D}`]: goodZone().records[`google._domainkey.${D}`]! })
    const a = await dns.audit(zone)
    expect(a.detected.map((x) => x.provider.id).sort()).toEqual(['google-workspace', 'microsoft-365', 'resend', 'sendgrid'])
  })
})

describe('an include that leads nowhere', () => {
  it('fails email.spf.syntax, breaks authorisation, and the proposal leaves it out', async () => {
    const a = await dns.audit(withApexTxt(goodZone(), 'v=spf1 include:_spf.google.com include:gone.test ~all'))
    expect(a.lint.missing).toEqual([{ from: D, to: 'gone.test', via: 'include' }])
    expect(a.by('email.spf.syntax')).toMatchObject({ status: 'fail', title: 'Your SPF record points at a record that does not exist' })
    expect(a.by('email.spf.authorizes').status).toBe('fail')
    expect(a.proposal.record).toBe('v=spf1 include:_spf.google.com ~all')
    expect(a.proposal.notes.join(' ')).toContain('include:gone.test')
  })
})

describe('fixes never hand over a record that breaks SPF', () => {
  it('offers no record to paste when the merged one would exceed 10 lookups', async () => {
    const incs = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`i${i}.test`, [txtRecord('v=spf1 ip4:198.51.100.1 ~all')]]))
    const a = await dns.audit(withRecords(withApexTxt(goodZone(), `v=spf1 ${Object.keys(incs).map((n) => `include:${n}`).join(' ')} -all`), incs), { emailProviders: ['google', 'mailgun'] })
    expect(a.proposal.withinLimit).toBe(false)
    for (const f of a.findings.filter((x) => x.checkId.startsWith('email.spf.'))) {
      expect(f.fix.some((s) => s.value?.startsWith('v=spf1')), f.checkId).toBe(false)
    }
    expect(a.by('email.spf.lookups').status).toBe('warn')
    expect(a.by('email.spf.authorizes').fix.map((s) => s.text).join(' ')).toContain('Drop “include:i0.test”')
  })
})
