import { describe, expect, it } from 'vitest'
import { normalizeDomain } from '../../../src/shared/domain'

describe('normalizeDomain and reserved test names', () => {
  it('accepts .test and .example names (staging, the offline demo) with their apex', () => {
    expect(normalizeDomain('https://www.Broken.test/login')).toEqual({ ok: true, ascii: 'www.broken.test', unicode: 'www.broken.test', apex: 'broken.test', subdomain: 'www' })
    expect(normalizeDomain('shop.example')).toMatchObject({ ok: true, apex: 'shop.example', subdomain: '' })
  })
  it('still refuses unknown endings and bare reserved words', () => {
    expect(normalizeDomain('acme.notarealtld')).toMatchObject({ ok: false })
    expect(normalizeDomain('test')).toMatchObject({ ok: false })
  })
})
