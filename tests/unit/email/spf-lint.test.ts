/** SPF record parsing and the tree walk over an in-memory resolver (cases the wire cannot carry, like a 300-character string). */
import { describe, expect, it } from 'vitest'
import { parseSpf, spfRecordsOf } from '../../../src/main/engine/email/spf-record'
import { lintSpf } from '../../../src/main/engine/email/spf-tree'
import { proposeSpf } from '../../../src/main/engine/email/spf-build'
import { parseDkimKey } from '../../../src/main/engine/email/dkim'
import { parseDmarc } from '../../../src/main/engine/email/dmarc'
import { mxMatches, parseStsPolicy } from '../../../src/main/engine/email/mx'
import { detectProviders, providerById } from '../../../src/main/engine/email/providers'
import type { DnsResponse, RecordType, Resolver } from '../../../src/main/engine/types'

function memResolver(txt: Record<string, string[][]>): Resolver {
  return {
    servers: () => ['memory'],
    async query(name: string, type: RecordType): Promise<DnsResponse> {
      const key = name.toLowerCase()
      const recs = type === 'TXT' ? txt[key] : undefined
      const base = { name, type, aa: true, authority: [], server: 'memory', tcp: false, durationMs: 0 }
      if (!(key in txt)) return { ...base, rcode: 'NXDOMAIN', answers: [], size: 40 }
      return { ...base, rcode: 'NOERROR', answers: (recs ?? []).map((strings) => ({ name, type: 'TXT', ttl: 60, data: strings.join(''), strings })), size: 40 + (recs ?? []).flat().join('').length }
    },
  }
}

describe('SPF records', () => {
  it('picks only v=spf1 records', () => {
    expect(spfRecordsOf(['v=spf1 -all', 'V=SPF1 ~all', 'v=spf1', 'v=spf10 -all', 'spf2.0/pra -all', 'v=spf1-all'])).toEqual(['v=spf1 -all', 'V=SPF1 ~all', 'v=spf1'])
  })
  it('classifies terms and what each costs', () => {
    const p = parseSpf('v=spf1 a mx/24 ip4:192.0.2.0/24 include:x.test exists:%{i}.x.test ptr -all exp=e.x.test')
    expect(p.terms.map((t) => [t.kind, t.dnsLookup])).toEqual([['a', true], ['mx', true], ['ip4', false], ['include', true], ['exists', true], ['ptr', true], ['all', false], ['exp', false]])
    expect(p.all?.qualifier).toBe('-')
    expect(p.errors).toEqual([])
  })
  it('flags tabs between terms', () => {
    expect(parseSpf('v=spf1\tip4:192.0.2.1 -all').errors[0]?.message).toMatch(/tabs/)
  })
  it('reports a character-string over 255 characters (some resolvers hand them over joined)', async () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(25)}-all`
    const l = await lintSpf(memResolver({ 'a.test': [[long]] }), 'a.test')
    expect(l.longStrings).toEqual([{ domain: 'a.test', length: long.length }])
  })
  it('does not follow includes that depend on the sender', async () => {
    const l = await lintSpf(memResolver({ 'a.test': [['v=spf1 include:%{d}.x.test -all']] }), 'a.test')
    expect(l.totalLookups).toBe(1)
    expect(l.tree.terms?.[0]?.problem).toMatch(/depends on the sender/)
  })
  it('proposes -all → keeps it, +all → ~all, and drops ptr', () => {
    expect(proposeSpf('v=spf1 ip4:192.0.2.1 -all', undefined, [], 'a.test').record).toBe('v=spf1 ip4:192.0.2.1 -all')
    expect(proposeSpf('v=spf1 ip4:192.0.2.1 ptr +all', undefined, [], 'a.test').record).toBe('v=spf1 ip4:192.0.2.1 ~all')
    expect(proposeSpf(null, undefined, [providerById('Microsoft 365')!, providerById('resend')!], 'a.test').record).toBe('v=spf1 include:spf.protection.outlook.com ~all')
  })
})

describe('DKIM, DMARC, MTA-STS and providers', () => {
  it('rejects a DKIM record with pasted non-ASCII, and a key not meant for email', () => {
    expect(parseDkimKey('v=DKIM1; k=rsa; p=MIIB…').status).toBe('invalid')
    const ed = 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='
    expect(parseDkimKey(ed).status).toBe('ok')
    expect(parseDkimKey(`${ed}; s=tlsrpt`).status).toBe('invalid')
    expect(parseDkimKey(`${ed}; s=email:tlsrpt`).status).toBe('ok')
  })
  it('reads DMARC tags and lists removed ones', () => {
    const d = parseDmarc('v=DMARC1; p=quarantine; sp=reject; pct=100; rf=afrf; rua=mailto:a@x.test!10m,mailto:b@a.test', 'a.test')
    expect(d).toMatchObject({ valid: true, policy: 'quarantine', subdomainPolicy: 'reject', removedTags: ['pct', 'rf'] })
    expect(d.rua.map((u) => [u.domain, u.external])).toEqual([['x.test', true], ['a.test', false]])
  })
  it('matches MTA-STS mx patterns one label deep', () => {
    expect(mxMatches('mx1.mail.test', '*.mail.test')).toBe(true)
    expect(mxMatches('a.mx1.mail.test', '*.mail.test')).toBe(false)
    expect(mxMatches('mail.test', '*.mail.test')).toBe(false)
    expect(parseStsPolicy('version: STSv1\r\nmode: enforce\r\nmx: *.mail.test\r\nmax_age: 86400\r\n').problems).toEqual([])
  })
  it('recognises every required provider by name and alias', () => {
    for (const n of ['Google Workspace', 'gsuite', 'Microsoft 365', 'office365', 'Zoho', 'Amazon SES', 'ses', 'SendGrid', 'Postmark', 'Mailgun', 'Resend', 'Brevo', 'sendinblue', 'Mailchimp', 'mandrill', 'HubSpot', 'Customer.io']) expect(providerById(n), n).toBeDefined()
    const d = detectProviders(['spf.brevo.com', 'servers.mcsv.net', '123.spf04.hubspotemail.net', 'customeriomail.com', 'zohomail.eu'], ['mx.zoho.eu'], ['hs1-123', 'cio98765'])
    expect(d.map((x) => x.provider.id).sort()).toEqual(['brevo', 'customer-io', 'hubspot', 'mailchimp', 'zoho'])
  })
})

describe('evaluateSpf', () => {
  it('turns an evaluator failure into temperror with the reason, never a pass', async () => {
    const { evaluateSpf } = await import('../../../src/main/engine/email/spf-eval')
    const broken: Resolver = { servers: () => [], query: () => Promise.reject(new TypeError('socket exploded')) }
    const r = await evaluateSpf(broken, { ip: '192.0.2.1', sender: 'a@b.test', helo: 'b.test' })
    expect(r.result).toBe('temperror')
  })
})
