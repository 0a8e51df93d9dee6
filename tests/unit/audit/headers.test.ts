/**
 * The header-parsing layer against the standards' own examples: RFC 6797 §6.2
 * (HSTS), RFC 7034 §2.1 and the HTML standard's X-Frame-Options processing,
 * CSP Level 3 §2.2 and its examples, Fetch's nosniff and Referrer Policy §8.1.
 */
import { describe, expect, it } from 'vitest'
import { isNosniff, parseCsp, parseFrameOptions, parseHsts, referrerPolicyOf, splitHeaderValues } from '../../../src/main/engine/web/headers'

describe('Strict-Transport-Security (RFC 6797)', () => {
  it('accepts the §6.2 examples', () => {
    expect(parseHsts('max-age=31536000')).toEqual({ valid: true, maxAge: 31536000, includeSubDomains: false, preload: false })
    expect(parseHsts('max-age=15768000 ; includeSubDomains')).toEqual({ valid: true, maxAge: 15768000, includeSubDomains: true, preload: false })
    expect(parseHsts('max-age="31536000"')).toMatchObject({ valid: true, maxAge: 31536000 })
    expect(parseHsts('max-age=0')).toMatchObject({ valid: true, maxAge: 0 })
    expect(parseHsts('max-age=0; includeSubDomains')).toMatchObject({ valid: true, maxAge: 0, includeSubDomains: true })
  })

  it('directive names are case-insensitive, unknown directives are ignored, empty ones are allowed', () => {
    expect(parseHsts('MAX-AGE=300; INCLUDESUBDOMAINS; Preload; ;')).toEqual({ valid: true, maxAge: 300, includeSubDomains: true, preload: true })
    expect(parseHsts('max-age=300; report-uri="https://x.example/"')).toMatchObject({ valid: true, maxAge: 300 })
  })

  it('a repeated directive, a missing or non-numeric max-age, or a broken quote makes browsers ignore the header', () => {
    expect(parseHsts('max-age=31536000; max-age=31536000')).toMatchObject({ valid: false, reason: expect.stringContaining('appears twice') })
    expect(parseHsts('max-age=1; includeSubDomains; includeSubDomains')).toMatchObject({ valid: false })
    expect(parseHsts('includeSubDomains')).toMatchObject({ valid: false, reason: expect.stringContaining('no max-age') })
    expect(parseHsts('max-age=1y')).toMatchObject({ valid: false })
    expect(parseHsts('max-age=-5')).toMatchObject({ valid: false })
    expect(parseHsts('max-age="300')).toMatchObject({ valid: false, reason: expect.stringContaining('quote') })
  })

  it('only the first of several headers counts (§8.1)', () => {
    expect(parseHsts('max-age=300, max-age=31536000')).toMatchObject({ valid: true, maxAge: 300 })
    expect(parseHsts(undefined)).toBeUndefined()
  })
})

describe('X-Frame-Options (RFC 7034, as the HTML standard applies it)', () => {
  it('DENY and SAMEORIGIN protect, in any case', () => {
    expect(parseFrameOptions('DENY')).toEqual({ protects: true, mode: 'deny' })
    expect(parseFrameOptions('sameorigin')).toEqual({ protects: true, mode: 'sameorigin' })
    expect(parseFrameOptions('DENY, deny')).toEqual({ protects: true, mode: 'deny' })
  })

  it('ALLOW-FROM and unknown values are ignored; conflicting values block every frame', () => {
    expect(parseFrameOptions('ALLOW-FROM https://example.com/')).toMatchObject({ protects: false, reason: expect.stringContaining('ALLOW-FROM') })
    expect(parseFrameOptions('whimsy')).toMatchObject({ protects: false, reason: expect.stringContaining('not DENY or SAMEORIGIN') })
    expect(parseFrameOptions('DENY, SAMEORIGIN')).toMatchObject({ protects: true, mode: 'deny' })
    expect(parseFrameOptions('whimsy, nope')).toMatchObject({ protects: false })
  })
})

describe('Content-Security-Policy (CSP Level 3 §2.2)', () => {
  it('parses the specification’s examples', () => {
    const p = parseCsp("script-src 'self'; object-src 'none'")!
    expect(p.effective).toBe(true)
    expect([...p.policies[0]!.directives.keys()]).toEqual(['script-src', 'object-src'])
    expect(parseCsp("default-src https:; script-src https: 'unsafe-inline'; style-src https: 'unsafe-inline'")!.effective).toBe(true)
    // Two policies delivered in one header, separated by a comma: both are enforced.
    expect(parseCsp("default-src 'self', frame-ancestors 'none'")).toMatchObject({ effective: true, frameAncestors: ["'none'"] })
  })

  it('names are case-insensitive; a repeated directive keeps its first value', () => {
    const p = parseCsp("Frame-Ancestors 'self'; frame-ancestors *")!
    expect(p.frameAncestors).toEqual(["'self'"])
    expect(p.policies[0]!.ignored).toEqual(['frame-ancestors appears twice; browsers use the first'])
  })

  it('a policy with no directive browsers know does nothing, with the reason', () => {
    expect(parseCsp("default-src: 'self'; script-src: 'self'")).toMatchObject({ effective: false, reason: expect.stringContaining('not a valid directive name') })
    expect(parseCsp('  ;  ')).toMatchObject({ effective: false, reason: 'the policy is empty' })
    expect(parseCsp("defualt-src 'self'")).toMatchObject({ effective: false, reason: expect.stringContaining('not a directive browsers know') })
    expect(parseCsp("default-src 'self' ✓")!.effective).toBe(false)
  })
})

describe('X-Content-Type-Options and Referrer-Policy', () => {
  it('nosniff must be the first value', () => {
    expect(isNosniff('nosniff')).toBe(true)
    expect(isNosniff('NoSniff, whatever')).toBe(true)
    expect(isNosniff('no-sniff')).toBe(false)
    expect(isNosniff('whatever, nosniff')).toBe(false)
  })

  it('the last policy browsers know wins', () => {
    expect(referrerPolicyOf('no-referrer, strict-origin-when-cross-origin')).toBe('strict-origin-when-cross-origin')
    expect(referrerPolicyOf('strict-origin, made-up')).toBe('strict-origin')
    expect(referrerPolicyOf('nope')).toBeUndefined()
  })

  it('splits joined values on commas outside quotes', () => {
    expect(splitHeaderValues('a, "b, c", d')).toEqual(['a', '"b, c"', 'd'])
  })
})
