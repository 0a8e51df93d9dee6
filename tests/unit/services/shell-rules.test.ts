import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../src/main/electron/trust'
import { CSP } from '../../../src/main/electron/csp'
import { safeExternalUrl } from '../../../src/main/services/app'

describe('which senders and navigations are the app', () => {
  const built = 'file:///opt/Launch%20Ready/resources/app/out/renderer/index.html'
  it('accepts the built renderer file and the dev server, nothing else', () => {
    expect(isAppUrl(built, built)).toBe(true)
    expect(isAppUrl(`${built}#/project/1`, built)).toBe(true)
    expect(isAppUrl('file:///tmp/evil.html', built)).toBe(false)
    expect(isAppUrl('https://evil.example/', built)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('not a url', built)).toBe(false)
  })
})

describe('external links', () => {
  it('opens only http(s) links, normalised', () => {
    expect(safeExternalUrl(' https://acme.com/status ')).toBe('https://acme.com/status')
    expect(safeExternalUrl('http://acme.com')).toBe('http://acme.com/')
  })
  for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'acme.com', 'https://user:pw@acme.com/']) {
    it(`refuses ${bad}`, () => {
      expect(() => safeExternalUrl(bad)).toThrow(/web|address|password/)
    })
  }
})

describe('the content security policy', () => {
  it('has no eval, no inline scripts and no remote sources', () => {
    expect(CSP).toContain("script-src 'self'")
    expect(CSP).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/)
    expect(CSP).toContain("object-src 'none'")
  })
})
