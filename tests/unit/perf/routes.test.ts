import { describe, expect, it } from 'vitest'
import { canonicalOrigin, criticalRoutes, isOwnHost, publicPages, skipReason } from '../../../src/main/engine/perf/routes'
import type { AuditTarget } from '../../../src/main/engine/types'
import { auditTarget } from '../../fixtures/target'

const target = (over: Partial<AuditTarget> = {}): AuditTarget => auditTarget(over)

describe('perf routes', () => {
  it('uses the vertical defaults when the project lists no flows', () => {
    const r = criticalRoutes(target())
    expect(r.map((x) => x.url)).toContain('https://www.acme.com/dashboard')
    expect(r.every((x) => x.fromVertical)).toBe(true)
    const booking = r.find((x) => x.key === 'booking')!
    expect(skipReason(booking)).toMatch(/changes data/)
  })

  it('uses the project’s flows, resolving paths against the canonical origin', () => {
    const r = criticalRoutes(
      target({
        canonicalHost: 'apex',
        criticalFlows: [
          { id: 'feed', label: 'Feed', url: '/api/feed', method: 'GET', area: 'core', credential: 'api', authKind: 'header', authHeader: 'X-Api-Key', safeToWrite: false },
          { id: 'signup', label: 'Sign up', url: 'https://app.acme.com/signup', method: 'POST', area: 'signup', safeToWrite: true, body: '{"email":"t@acme.com"}' },
          { id: 'book', label: 'Book', url: '/api/book', method: 'POST', area: 'core', safeToWrite: true },
        ],
      }),
    )
    expect(r[0]).toMatchObject({ url: 'https://acme.com/api/feed', credential: 'api', authKind: 'header', authHeader: 'X-Api-Key', fromVertical: false })
    expect(skipReason(r[0]!)).toBeUndefined()
    expect(skipReason(r[1]!)).toBeUndefined()
    expect(skipReason(r[2]!)).toMatch(/needs a request body/)
  })

  it('measures the canonical homepage and public subdomains', () => {
    expect(canonicalOrigin(target())).toBe('https://www.acme.com')
    expect(publicPages(target({ subdomains: [{ label: 'help', role: 'help centre' }, { label: 'api', role: 'api' }] }))).toEqual(['https://www.acme.com/', 'https://help.acme.com/'])
  })

  it('knows the project’s own hosts', () => {
    expect(isOwnHost('app.acme.com', 'acme.com')).toBe(true)
    expect(isOwnHost('ACME.com.', 'acme.com')).toBe(true)
    expect(isOwnHost('evilacme.com', 'acme.com')).toBe(false)
    expect(isOwnHost('acme.com.evil.net', 'acme.com')).toBe(false)
  })
})
