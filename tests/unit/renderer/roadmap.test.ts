import { describe, expect, it } from 'vitest'
import { CATALOG, catalogEntry } from '../../../src/shared/catalog'
import { ALL_ITEM_IDS, GLOSSARY, overallProgress, segmentText, STAGES, stageProgress } from '../../../src/shared/roadmap'
import { VERTICALS } from '../../../src/shared/verticals'
import { domainOf, toProjectDraft, validateStep } from '../../../src/renderer/src/screens/interview/validate'
import { emptyDraft } from '../../../src/renderer/src/store/draft'

describe('roadmap content', () => {
  it('has seven stages, each complete for every vertical, with stable unique item ids', () => {
    expect(STAGES.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (const s of STAGES) {
      for (const v of VERTICALS) expect(s.why[v].length).toBeGreaterThan(20)
      expect(s.items.length).toBeGreaterThanOrEqual(5)
      expect(s.failureSignals.length).toBeGreaterThanOrEqual(2)
      for (const i of s.items) expect(i.id).toMatch(new RegExp(`^s${s.number}\\.[a-z0-9-]+$`))
    }
    expect(new Set(ALL_ITEM_IDS).size).toBe(ALL_ITEM_IDS.length)
  })

  it('links only to catalog checks that exist, and covers every catalog check somewhere', () => {
    const linked = new Set(STAGES.flatMap((s) => s.items.flatMap((i) => i.checks ?? [])))
    for (const id of linked) expect(catalogEntry(id), id).toBeDefined()
    const unlinked = CATALOG.filter((c) => !linked.has(c.id)).map((c) => c.id)
    expect(unlinked).toEqual([])
  })

  it('counts progress per stage and overall', () => {
    const checklist = { 's1.domain-live': { done: true, note: '', evidence: [] }, 's2.spf': { done: true, note: '', evidence: [] }, 'other.x': { done: true, note: '', evidence: [] } }
    expect(stageProgress(checklist, 1)).toEqual({ done: 1, total: STAGES[0]!.items.length })
    expect(overallProgress(checklist)).toEqual({ done: 2, total: ALL_ITEM_IDS.length })
  })

  it('marks glossary terms once each, acronyms only in their own case', () => {
    const seg = segmentText('Check DNS, then dns.example.com, then DNS again and the TTL; rate limited login.')
    expect(seg.filter((s) => s.entry).map((s) => s.text)).toEqual(['DNS', 'TTL', 'rate limited'])
    expect(seg.map((s) => s.text).join('')).toBe('Check DNS, then dns.example.com, then DNS again and the TTL; rate limited login.')
    for (const t of ['DNS', 'TTL', 'SPF', 'DKIM', 'DMARC', 'HSTS', 'CDN', 'TLS', 'p95', 'TTFB', 'CNAME', 'MX', 'CORS', 'CAA', 'rate limit', 'source map'])
      expect(GLOSSARY.some((g) => g.term === t), t).toBe(true)
  })
})

describe('interview validation', () => {
  it('explains a bad domain and keeps using the apex of a pasted URL', () => {
    const d = { ...emptyDraft(), name: 'Acme', vertical: 'b2b' as const, domainInput: '10.0.0.1' }
    expect(validateStep(1, d)['iv-domain']).toMatch(/IP address/)
    const ok = { ...d, domainInput: 'https://App.Acme.COM./x?y=1', subdomains: [{ label: 'api', role: 'api' }, { label: 'api', role: '' }] }
    expect(domainOf(ok)).toMatchObject({ ok: true, apex: 'acme.com' })
    expect(validateStep(1, ok)).toEqual({ 'iv-sub-label-1': 'api is listed twice.' })
    const draft = toProjectDraft({ ...ok, subdomains: [{ label: 'api', role: '' }] })
    expect(draft).toMatchObject({ domain: 'acme.com', subdomains: [{ label: 'api', role: 'other' }] })
  })
})
