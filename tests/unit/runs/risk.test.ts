import { describe, expect, it } from 'vitest'
import { makeFinding } from '../../../src/main/engine/finding'
import type { Status, Severity } from '../../../src/shared/catalog'
import { buildRiskReport, criticalAreasFor, currentView, diffFindings, diffLatest, rankFinding, viewCoverage, type RunLike } from '../../../src/shared/risk'

const f = (checkId: string, target: string, status: Status, severity?: Severity) =>
  makeFinding(checkId, target, status, { title: `${checkId} title`, summary: `${checkId} summary`, ...(severity ? { severity } : {}) })

describe('risk ranking', () => {
  it('knows the critical flows of each vertical (email always counts)', () => {
    expect(criticalAreasFor('coach')).toEqual(['signup', 'payment', 'email'])
    expect(criticalAreasFor('community')).toEqual(['signup', 'login', 'email'])
    expect(criticalAreasFor('ecommerce')).toEqual(['login', 'payment', 'email'])
  })

  it('ranks a high failure on a critical flow above one that touches none, and puts it in must-fix', () => {
    const critical = rankFinding(f('edge.cors', 'api.acme.test', 'fail'), 'community') // high, login
    const other = rankFinding(f('dns.dangling', 'old.acme.test', 'fail'), 'community') // high, no area
    expect(critical.criticalAreas).toEqual(['login'])
    expect(critical.score).toBeGreaterThan(other.score)
    expect(critical.bucket).toBe('must-fix')
    expect(other.bucket).toBe('defer')
  })

  it('the same check is critical or not depending on the vertical', () => {
    // tls.chain-complete touches payment: critical for ecommerce, not for community.
    expect(rankFinding(f('tls.chain-complete', 'acme.test', 'fail'), 'ecommerce').bucket).toBe('must-fix')
    expect(rankFinding(f('tls.chain-complete', 'acme.test', 'fail'), 'community').bucket).toBe('defer')
  })

  it('a blocker is always must-fix; a warning never is', () => {
    expect(rankFinding(f('dns.apex.resolves', 'acme.test', 'fail'), 'b2b').bucket).toBe('must-fix')
    expect(rankFinding(f('tls.expiry', 'acme.test', 'warn', 'blocker'), 'b2b').bucket).toBe('defer')
  })
})

describe('risk report and verdict', () => {
  it('no-go with reasons naming what fails and the flows it hurts', () => {
    const r = buildRiskReport([
      f('http.https-redirect', 'http://acme.test/', 'fail'),
      f('edge.security-headers', 'https://www.acme.test/', 'fail'),
      f('dns.apex.resolves', 'acme.test', 'pass'),
    ], 'membership')
    expect(r.verdict.kind).toBe('no-go')
    expect(r.verdict.headline).toMatch(/fix 1 problem before launch/)
    expect(r.verdict.reasons[0]).toMatch(/http\.https-redirect title \(http:\/\/acme\.test\/\)\. It affects log-in and payment\./)
    expect(r.verdict.reasons.join(' ')).toMatch(/1 smaller issue is safe to fix after launch/)
    expect(r.mustFix).toHaveLength(1)
    expect(r.defer).toHaveLength(1)
    expect(r.counts).toMatchObject({ pass: 1, fail: 2 })
  })

  it('accepted risks leave the verdict but stay listed', () => {
    const cors = f('edge.cors', 'api.acme.test', 'fail')
    const r = buildRiskReport([cors, f('dns.apex.resolves', 'acme.test', 'pass')], 'community', { 'edge.cors@api.acme.test': { reason: 'Internal API, no cookies', at: '2026-01-01T00:00:00Z' } })
    expect(r.verdict.kind).toBe('go')
    expect(r.accepted).toHaveLength(1)
    expect(r.accepted[0]?.accepted?.reason).toBe('Internal API, no cookies')
    expect(r.verdict.reasons.join(' ')).toMatch(/You accepted 1 risk/)
  })

  it('never a false "all good": an important check that could not run makes it incomplete', () => {
    const r = buildRiskReport([f('tls.trusted', 'www.acme.test', 'error'), f('dns.apex.resolves', 'acme.test', 'pass')], 'b2b')
    expect(r.verdict.kind).toBe('incomplete')
    expect(r.verdict.headline).toMatch(/1 important check could not run/)
    expect(buildRiskReport([], 'b2b').verdict.kind).toBe('incomplete')
  })

  it('go when only smaller issues remain', () => {
    const r = buildRiskReport([f('edge.compression', 'https://www.acme.test/', 'fail'), f('http.reachable', 'https://www.acme.test/', 'pass')], 'coach')
    expect(r.verdict.kind).toBe('go')
    expect(r.defer.map((x) => x.finding.checkId)).toEqual(['edge.compression'])
  })

  it('a GO with high-severity problems left says how many and that they are for this week, never "smaller issues"', () => {
    const r = buildRiskReport([f('dns.ns-consistency', 'acme.test', 'fail', 'high'), f('edge.compression', 'https://www.acme.test/', 'fail'), f('http.reachable', 'https://www.acme.test/', 'pass')], 'coach')
    expect(r.verdict.kind).toBe('go')
    expect(r.verdict.headline).toBe('Ready to launch; fix 1 high-severity problem this week')
    const said = r.verdict.reasons.join(' ')
    expect(said).toMatch(/1 high-severity problem does not block launch but should be fixed this week: dns\.ns-consistency title\./)
    expect(said).toMatch(/1 smaller issue is safe to fix after launch/)
    expect(said).not.toMatch(/2 smaller issues/)
  })

  it('an open admin dashboard, a claimable CNAME and a private canonical address are launch blockers', () => {
    expect(buildRiskReport([f('edge.admin-exposed', 'https://acme.test', 'fail', 'blocker')], 'coach').verdict.kind).toBe('no-go')
    expect(buildRiskReport([f('dns.dangling', 'acme.test', 'fail', 'blocker')], 'coach').verdict.kind).toBe('no-go')
    expect(buildRiskReport([f('dns.private-address', 'acme.test', 'fail', 'blocker')], 'coach').verdict.kind).toBe('no-go')
  })

  it('orders must-fix worst first and stably', () => {
    const r = buildRiskReport([
      f('tls.expiry', 'b.acme.test', 'fail', 'high'),
      f('dns.apex.resolves', 'acme.test', 'fail'),
      f('tls.expiry', 'a.acme.test', 'fail', 'high'),
    ], 'community')
    expect(r.mustFix.map((x) => `${x.finding.checkId}@${x.finding.target}`)).toEqual(['dns.apex.resolves@acme.test', 'tls.expiry@a.acme.test', 'tls.expiry@b.acme.test'])
  })
})

describe('diff against the previous run', () => {
  it('sorts problems into fixed, new, unchanged and changed by finding key', () => {
    const before = [f('dns.ttl', 'acme.test', 'fail'), f('tls.hsts', 'www.acme.test', 'warn'), f('edge.cdn', 'acme.test', 'fail'), f('dns.caa', 'acme.test', 'pass'), f('dns.dangling', 'old.acme.test', 'fail')]
    const after = [f('dns.ttl', 'acme.test', 'pass'), f('tls.hsts', 'www.acme.test', 'fail'), f('edge.cdn', 'acme.test', 'fail'), f('dns.caa', 'acme.test', 'fail')]
    const d = diffFindings(before, after)
    expect(d.fixed.map((x) => x.checkId).sort()).toEqual(['dns.dangling', 'dns.ttl'])
    expect(d.new.map((x) => x.checkId)).toEqual(['dns.caa'])
    expect(d.unchanged.map((x) => x.checkId)).toEqual(['edge.cdn'])
    expect(d.changed.map((x) => [x.before.status, x.after.status])).toEqual([['warn', 'fail']])
  })

  it('a problem the newer run did not look at is not called fixed', () => {
    const d = diffFindings([f('dns.ttl', 'acme.test', 'fail')], [], () => false)
    expect(d.fixed).toEqual([])
  })

  const run = (id: string, startedAt: string, findings: ReturnType<typeof f>[], scope: RunLike['scope'] = {}): RunLike => ({ id, startedAt, state: 'completed', scope, findings })

  it('"Check again" lays one result over the last full audit; the diff shows just that fix', () => {
    const full = run('r1', '2026-01-01T10:00:00Z', [f('dns.ttl', 'acme.test', 'fail'), f('edge.cdn', 'acme.test', 'fail')])
    const again = run('r2', '2026-01-01T10:05:00Z', [f('dns.ttl', 'acme.test', 'pass')], { checkIds: ['dns.ttl'], targets: ['acme.test'] })
    const { findings, diff, previousRunId } = diffLatest([again, full])
    expect(findings.map((x) => `${x.checkId}:${x.status}`).sort()).toEqual(['dns.ttl:pass', 'edge.cdn:fail'])
    expect(diff?.fixed.map((x) => x.checkId)).toEqual(['dns.ttl'])
    expect(diff?.unchanged.map((x) => x.checkId)).toEqual(['edge.cdn'])
    expect(previousRunId).toBe('r1')
  })

  it('a new full audit replaces everything older', () => {
    const old = run('r1', '2026-01-01T10:00:00Z', [f('dns.ttl', 'acme.test', 'fail')])
    const fresh = run('r2', '2026-01-01T11:00:00Z', [f('edge.cdn', 'acme.test', 'fail')])
    expect(currentView([fresh, old]).findings.map((x) => x.checkId)).toEqual(['edge.cdn'])
    expect(diffLatest([fresh, old]).diff?.fixed.map((x) => x.checkId)).toEqual(['dns.ttl'])
    expect(diffLatest([fresh]).diff).toBeNull()
  })

  it('knows whether the view rests on a finished full run; never "go" when it does not', () => {
    const full = run('r1', '2026-01-01T10:00:00Z', [f('edge.compression', 'https://www.acme.test/', 'fail')])
    const partial = run('r0', '2026-01-01T09:00:00Z', [f('tls.hsts', 'acme.test', 'pass')], { stage: 3 })
    expect(viewCoverage([full])).toEqual({ complete: true })
    expect(viewCoverage([partial]).reason).toMatch(/run all checks once/)
    expect(viewCoverage([{ ...full, state: 'cancelled' }, partial]).reason).toMatch(/stopped before it finished/)
    const go = buildRiskReport(full.findings, 'coach')
    expect(go.verdict.kind).toBe('go')
    const notSure = buildRiskReport(full.findings, 'coach', {}, { incomplete: 'The last full run was stopped before it finished, so some checks have no result yet.' })
    expect(notSure.verdict).toMatchObject({ kind: 'incomplete', headline: 'Not sure yet: not every check has a result' })
    expect(notSure.verdict.reasons[0]).toMatch(/stopped before it finished/)
    const noGo = buildRiskReport([f('dns.apex.resolves', 'acme.test', 'fail')], 'coach', {}, { incomplete: 'Partial.' })
    expect(noGo.verdict.kind).toBe('no-go')
    expect(noGo.verdict.reasons.at(-1)).toBe('Partial.')
  })

  it('a finished stage re-run replaces what it covered; a stopped one or one aimed at an address only adds', () => {
    const full = run('r1', '2026-01-01T10:00:00Z', [f('tls.hsts', 'old.acme.test', 'fail'), f('dns.ttl', 'acme.test', 'fail')])
    const stage3 = run('r2', '2026-01-01T10:05:00Z', [f('tls.hsts', 'www.acme.test', 'pass')], { stage: 3 })
    expect(currentView([stage3, full]).findings.map((x) => `${x.checkId}@${x.target}`).sort()).toEqual(['dns.ttl@acme.test', 'tls.hsts@www.acme.test'])
    expect(diffLatest([stage3, full]).diff?.fixed.map((x) => x.target)).toEqual(['old.acme.test'])
    expect(currentView([{ ...stage3, state: 'cancelled' }, full]).findings).toHaveLength(3)
    const aimed = run('r3', '2026-01-01T10:06:00Z', [], { checkIds: ['tls.hsts'], targets: ['www.acme.test'] })
    expect(currentView([aimed, full]).findings).toHaveLength(2)
  })
})

describe('one root cause leads', () => {
  it('when the domain does not resolve, that is the first reason and the rest are said to follow from it', () => {
    const r = buildRiskReport([f('email.dkim', 'acme.test', 'fail'), f('email.dmarc.present', 'acme.test', 'fail'), f('dns.apex.resolves', 'acme.test', 'fail'), f('http.reachable', 'https://acme.test/', 'fail'), f('tls.trusted', 'acme.test', 'error')], 'coach')
    expect(r.verdict.kind).toBe('no-go')
    expect(r.verdict.reasons[0]).toMatch(/^dns\.apex\.resolves title \(acme\.test\)\..*Fix this first/)
    expect(r.verdict.reasons[1]).toBe('3 more problems follow from it or must also be fixed; run the checks again once it resolves.')
    expect(r.verdict.reasons.join(' ')).not.toMatch(/email\.dkim title/)
  })
})
