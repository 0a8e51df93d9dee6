import { describe, expect, it } from 'vitest'
import { recordSteps, relativeName } from '../../../src/main/engine/email/fix-steps'

describe('DNS record steps', () => {
  it('names records relative to the domain', () => {
    expect(relativeName('acme.com', 'acme.com')).toBe('@')
    expect(relativeName('_dmarc.acme.com.', 'acme.com')).toBe('_dmarc')
  })
  it('writes one tab for a known DNS provider (Route 53 wants the full name)', () => {
    const steps = recordSteps('Route 53', 'acme.com', '_dmarc.acme.com', 'TXT', 'v=DMARC1; p=none')
    expect(steps[0]).toEqual({ text: 'Add a TXT record named _dmarc with this value:', value: 'v=DMARC1; p=none' })
    expect(new Set(steps.slice(1).map((s) => s.provider))).toEqual(new Set(['route53']))
    expect(steps.map((s) => s.text).join(' ')).toContain('type the full name _dmarc.acme.com')
  })
  it('offers the common providers and “anywhere else” when the DNS provider is unknown', () => {
    const steps = recordSteps('', 'acme.com', 'acme.com', 'TXT', 'v=spf1 -all', { replace: 'v=spf1 +all' })
    expect(steps[0]?.text).toMatch(/^Edit the existing TXT record at @ that starts with “v=spf1 \+all”/)
    expect([...new Set(steps.slice(1).map((s) => s.provider))]).toEqual(['cloudflare', 'namecheap', 'godaddy', 'route53', 'other'])
  })
})

/** Provider-tab steps that tell the user to add or create a record (a "do not add" warning is not one). */
const addsARecord = (steps: { text: string; provider?: string }[]) => steps.filter((s) => s.provider && /\b(add|create)\b/i.test(s.text.replace(/do not add( a (new|second) one)?/gi, '')))

describe('every provider tab does what its step says', () => {
  const providers = ['Cloudflare', 'Namecheap', 'GoDaddy', 'Route 53', 'Vercel', 'Netlify', 'Google Cloud DNS', 'Squarespace', 'Porkbun', 'DigitalOcean', '']
  it.each(providers)('editing a record never tells you to add one (%s)', (provider) => {
    const steps = recordSteps(provider, 'acme.com', 'acme.com', 'TXT', 'v=spf1 include:_spf.google.com -all', { replace: 'v=spf1 +all' })
    expect(steps[0]!.text).toMatch(/^Edit the existing TXT record/)
    expect(addsARecord(steps)).toEqual([])
    expect(steps.filter((s) => s.provider).some((s) => /find the existing TXT record named (@|acme\.com)/.test(s.text) || s.provider === 'other')).toBe(true)
  })
  it.each(providers)('adding a record tells you where the add button is (%s)', (provider) => {
    const steps = recordSteps(provider, 'acme.com', '_dmarc.acme.com', 'TXT', 'v=DMARC1; p=none')
    expect(steps[0]!.text).toMatch(/^Add a TXT record/)
    expect(new Set(addsARecord(steps).map((s) => s.provider))).toEqual(new Set(steps.filter((s) => s.provider).map((s) => s.provider)))
  })
})
