/** Recall and precision on the planted corpus; triage, masking and the keyword prefilter. */
import { describe, expect, it } from 'vitest'
import { scanText } from '../../../src/main/engine/secrets/detect'
import { triage } from '../../../src/main/engine/secrets/providers'
import { fingerprintSecret, maskSecret } from '../../../src/main/engine/secrets/mask'
import { KeywordMatcher } from '../../../src/main/engine/secrets/keywords'
import { ruleSet } from '../../../src/main/engine/secrets/rules'
import { toOccurrence } from '../../../src/main/engine/secrets/occurrence'
import { occurrenceFinding } from '../../../src/main/engine/secrets/findings'
import { plantedCorpus, traps } from '../../fixtures/secrets/corpus'

describe('the planted corpus', () => {
  const corpus = plantedCorpus()

  it.each(corpus.map((c) => [c.name, c] as const))('finds %s with the right rule and kind', (_, c) => {
    const hits = scanText(c.line, 'src/config.ts')
    const hit = hits.find((h) => h.secret === c.value || c.value.includes(h.secret) || h.secret.includes(c.value))
    expect(hit, `${c.name} in ${c.line.slice(0, 80)} → ${JSON.stringify(hits.map((h) => h.ruleId))}`).toBeDefined()
    expect(hit!.ruleId).toBe(c.rule)
    expect(triage(hit!.ruleId, hit!.secret).kind).toBe(c.kind)
  })

  it('recall is 100% with everything in one file, and each value is found once', () => {
    const text = corpus.map((c) => c.line).join('\n')
    const hits = scanText(text, 'leaky.env')
    const missed = corpus.filter((c) => !hits.some((h) => h.secret === c.value || c.value.includes(h.secret)))
    expect(missed.map((c) => c.name)).toEqual([])
    // The generic rule does not double-report what a specific rule named.
    const values = hits.map((h) => h.secret)
    expect(values.length).toBe(new Set(values).size)
  })

  it.each(traps().map((t) => [t.why, t] as const))('does not flag %s', (_, t) => {
    expect(scanText(t.line, t.path ?? 'src/app.ts').map((h) => `${h.ruleId}: ${h.secret}`)).toEqual([])
  })

  it('reports the line and column of each value', () => {
    const c = corpus.find((x) => x.rule === 'github-pat')!
    const hits = scanText(`first line\n\n  ${c.line}\n`, 'a.txt')
    expect(hits[0]).toMatchObject({ line: 3 })
  })
})

describe('triage', () => {
  it('reads a Supabase JWT’s role claim and a Stripe key’s mode', () => {
    const corpus = plantedCorpus()
    const anon = corpus.find((c) => c.name === 'Supabase anon key')!
    const service = corpus.find((c) => c.name === 'Supabase service-role key')!
    expect(triage('jwt', anon.value)).toMatchObject({ kind: 'public', provider: 'Supabase' })
    expect(triage('jwt', service.value)).toMatchObject({ kind: 'secret', provider: 'Supabase' })
    expect(triage('stripe-access-token', 'sk_test_abc').kind).toBe('test')
    expect(triage('stripe-access-token', 'rk_live_abc').kind).toBe('secret')
  })

  it('gives public keys their restriction, secrets their rotation order, history the plain truth', () => {
    const corpus = plantedCorpus()
    const aiza = corpus.find((c) => c.rule === 'gcp-api-key')!
    const occ = toOccurrence('secrets.bundle', 'site', { ruleId: 'gcp-api-key', secret: aiza.value, line: 1, column: 1 }, { url: 'https://acme.test/app.js' })
    const f = occurrenceFinding(occ)
    expect(f).toMatchObject({ status: 'warn', severity: 'info' })
    expect(f.fix.map((s) => s.text).join(' ')).toMatch(/API restrictions/)
    const sk = corpus.find((c) => c.name === 'Stripe live secret key')!
    const h = occurrenceFinding(toOccurrence('secrets.history', 'history', { ruleId: 'stripe-access-token', secret: sk.value, line: 3, column: 1 }, { file: 'config.js', commit: 'a'.repeat(40), date: '2026-01-02T00:00:00.000Z', author: 'Dev' }))
    expect(h).toMatchObject({ status: 'fail', severity: 'blocker' })
    const steps = h.fix.map((s) => s.text)
    expect(steps[0]).toMatch(/Create a new Stripe secret key/)
    expect(steps.findIndex((s) => /redeploy/.test(s))).toBeLessThan(steps.findIndex((s) => /revoke/i.test(s)))
    expect(steps.join(' ')).toMatch(/does not help once the commit was pushed/)
    expect(JSON.stringify(h)).not.toContain(sk.value)
  })
})

describe('masking', () => {
  it('keeps the known prefix and at most four characters', () => {
    expect(maskSecret('sk_live_51HxQ2bJ8kLmN0pQrStUvWxYz4f2a')).toBe('sk_live_…4f2a')
    expect(maskSecret('abcdefghij')).toBe('…ij')
    expect(maskSecret('short')).toBe('…')
    expect(fingerprintSecret('x')).toMatch(/^[0-9a-f]{16}$/)
    expect(fingerprintSecret('x')).toBe(fingerprintSecret('x'))
    expect(fingerprintSecret('x')).not.toBe(fingerprintSecret('y'))
  })
})

describe('the keyword prefilter', () => {
  it('reports every keyword, overlapping ones included, ignoring case', () => {
    const m = new KeywordMatcher(['sk_live', 'live', 'key', 'apikey', 'api'])
    const found = [...m.find('const APIKEY = "SK_LIVE_x"')].map((i) => m.words[i]).sort()
    expect(found).toEqual(['api', 'apikey', 'key', 'live', 'sk_live'])
    expect(m.find('nothing here').size).toBe(0)
  })

  it('covers gitleaks’ whole rule set plus ours', () => {
    const set = ruleSet()
    expect(set.rules.length).toBeGreaterThan(220)
    expect(set.rules.some((r) => r.id === 'stripe-access-token' && r.source === 'gitleaks')).toBe(true)
    expect(set.rules.some((r) => r.id === 'stripe-publishable-key' && r.source === 'launch-ready')).toBe(true)
    expect(set.source).toMatch(/gitleaks/)
  })
})
