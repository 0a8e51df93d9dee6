/** RFC 9989 §4.10's DNS tree walk, against the RFC's own example. */
import { describe, expect, it } from 'vitest'
import { treeWalkNames } from '../../../src/main/engine/email/dmarc'

describe('the DMARC tree walk (RFC 9989 §4.10)', () => {
  it('the RFC’s example: a name of twelve labels takes eight questions, jumping to seven labels after the first', () => {
    expect(treeWalkNames('a.b.c.d.e.f.g.h.i.j.mail.example.com')).toEqual([
      'a.b.c.d.e.f.g.h.i.j.mail.example.com',
      'g.h.i.j.mail.example.com',
      'h.i.j.mail.example.com',
      'i.j.mail.example.com',
      'j.mail.example.com',
      'mail.example.com',
      'example.com',
      'com',
    ])
  })

  it('a short name walks one label at a time to the top-level domain', () => {
    expect(treeWalkNames('a.mail.example.com')).toEqual(['a.mail.example.com', 'mail.example.com', 'example.com', 'com'])
    expect(treeWalkNames('Example.COM.')).toEqual(['example.com', 'com'])
    expect(treeWalkNames('com')).toEqual(['com'])
  })

  it('exactly eight labels also jumps to seven; seven labels walks label by label', () => {
    expect(treeWalkNames('1.2.3.4.5.6.7.8')).toEqual(['1.2.3.4.5.6.7.8', '2.3.4.5.6.7.8', '3.4.5.6.7.8', '4.5.6.7.8', '5.6.7.8', '6.7.8', '7.8', '8'])
    expect(treeWalkNames('1.2.3.4.5.6.7')).toHaveLength(7)
    for (let n = 1; n <= 30; n++) expect(treeWalkNames(Array.from({ length: n }, (_, i) => `l${i}`).join('.')).length).toBeLessThanOrEqual(8)
  })
})
