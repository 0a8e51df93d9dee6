/** The Go-to-JavaScript regex translation the vendored gitleaks rules went through. */
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs module of the refresh script, no types
import { goToJs } from '../../../scripts/lib/go-regex.mjs'

const re = (go: string) => new RegExp((goToJs as (s: string) => string)(go))

describe('goToJs', () => {
  it('scopes (?i) to the rest of its group and (?-i:) back to exact case', () => {
    expect(re('LTAI(?i)[a-z0-9]{4}').test('LTAIAb1Z')).toBe(true)
    expect(re('LTAI(?i)[a-z0-9]{4}').test('ltaiab1z')).toBe(false)
    expect(re('(?i)(?:(?-i:ETSY|[Ee]tsy))=x').test('etsy=X')).toBe(true)
    expect(re('(?i)(?:(?-i:ETSY|[Ee]tsy))=x').test('eTSY=x')).toBe(false)
    expect(re('(a(?i)b)c').test('aBc')).toBe(true)
    expect(re('(a(?i)b)c').test('aBC')).toBe(false)
  })

  it('spells out POSIX classes, dot-all groups, named groups and \\z', () => {
    expect(re('^pat[[:alnum:]]{3}$').test('patA1b')).toBe(true)
    expect(re('a(?s:.)b').test('a\nb')).toBe(true)
    expect(re('(?P<k>x)').exec('x')?.groups?.k).toBe('x')
    expect(re('end\\z').test('the end')).toBe(true)
  })

  it('keeps a literal dash a dash when case folding adds letters to a class', () => {
    expect(re('(?i)[a-z0-9_-]{3}').test('A-_')).toBe(true)
    expect(re('(?i)[a-z0-9_-]{3}').test('@@@')).toBe(false)
  })

  it('refuses what it does not know', () => {
    expect(() => goToJs('\\p{Greek}')).toThrow()
    expect(() => goToJs('(?U)a')).toThrow()
  })
})
