import { describe, expect, it } from 'vitest'
import { makeFinding } from '../../../src/main/engine/finding'
import { evidenceRows, fixPlan, humanizeKey, preferredProvider, ranAgo } from '../../../src/renderer/src/components/findingModel'
import { DEFAULT_FILTER, certRows, dnsMapRows, diffText, filterFindings, progressText, runningText, stageCheckIds, stageFindings, surfaceCells } from '../../../src/renderer/src/features/audit/model'
import { progressLine, renderAuditReport } from '../../../src/main/cli/audit-report'
import { buildRiskReport } from '../../../src/shared/risk'

const f = (checkId: string, target: string, status: 'pass' | 'fail' | 'warn' | 'error' | 'skipped') => makeFinding(checkId, target, status, { title: `${checkId} title`, summary: 's', fix: [{ text: 'Do it', value: 'X: 1' }] })

describe('finding card model', () => {
  it('shows evidence as label/value rows, deeper values as indented text', () => {
    const rows = evidenceRows({ maxAgeDays: 10, hsts: null, ok: true, hosts: ['a', 'b'], headers: { 'x-a': '1' } })
    expect(rows).toEqual([
      { label: 'Max age days', value: '10', block: false },
      { label: 'Hsts', value: 'none', block: false },
      { label: 'Ok', value: 'yes', block: false },
      { label: 'Hosts', value: 'a\nb', block: true },
      { label: 'Headers', value: '{\n  "x-a": "1"\n}', block: true },
    ])
    expect(humanizeKey('p95Ms')).toBe('P95 ms')
    const [t] = evidenceRows({ responses: [{ url: 'https://a/', cookies: ['sid'], cachedHit: false }, { url: 'https://b/', maxAge: 600 }] })
    expect(t?.table).toEqual({ columns: ['Url', 'Cookies', 'Cached hit', 'Max age'], rows: [['https://a/', 'sid', 'no', ''], ['https://b/', '', '', '600']], more: 0 })
  })

  it('groups fix steps by provider and opens the project’s provider first', () => {
    const plan = fixPlan([{ text: 'a' }, { text: 'b', provider: 'cloudflare' }, { text: 'c', provider: 'nginx' }, { text: 'd', provider: 'cloudflare' }])
    expect(plan.common.map((s) => s.text)).toEqual(['a'])
    expect(plan.providers.map((p) => [p.name, p.steps.length])).toEqual([['Cloudflare', 2], ['nginx', 1]])
    expect(preferredProvider(plan, ['', 'NGINX'])).toBe('nginx')
    expect(preferredProvider(plan, ['Route 53'])).toBe('cloudflare')
    expect(ranAgo('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:10:00Z'))).toBe('10 min ago')
  })
})

describe('audit panel model', () => {
  const fs = [f('tls.hsts', 'a', 'pass'), f('tls.trusted', 'a', 'fail'), f('edge.cdn', 'a', 'error'), f('dns.ttl', 'a', 'warn'), f('perf.ttfb', 'a', 'fail')]
  it('lists a stage’s results problems first and leaves perf to its own panel', () => {
    expect(stageFindings(fs, 3).map((x) => x.checkId)).toEqual(['tls.trusted', 'edge.cdn', 'tls.hsts'])
    expect(stageCheckIds(5)).toEqual([])
    expect(stageCheckIds(6)).toContain('monitor.request-id')
  })
  it('filters the results table by status, severity, stage and text', () => {
    expect(filterFindings(fs, { ...DEFAULT_FILTER, status: 'problems' }).map((x) => x.checkId)).toEqual(['tls.trusted', 'perf.ttfb', 'edge.cdn', 'dns.ttl'])
    expect(filterFindings(fs, { ...DEFAULT_FILTER, severity: 'blocker' }).map((x) => x.checkId)).toEqual(['tls.trusted'])
    expect(filterFindings(fs, { ...DEFAULT_FILTER, stage: 2, text: 'TTL' }).map((x) => x.checkId)).toEqual(['dns.ttl'])
  })
  it('writes progress, what runs now and the diff in words', () => {
    expect(progressText(3, 10)).toBe('3 of about 10 checks done')
    expect(progressText(0, 0)).toBe('Preparing the checks…')
    expect(runningText([{ checkId: 'tls.trusted', target: 'www.acme.com' }, { checkId: 'dns.ttl', target: 'acme.com' }])).toBe('Browsers trust your certificate (www.acme.com) and 1 more')
    expect(diffText(null)).toMatch(/first run/)
    expect(diffText({ fixed: [fs[0]!], new: [], unchanged: [], changed: [] })).toBe('Since the previous run: 1 fixed, 0 new, 0 unchanged.')
  })
  it('surface cells use words and symbols, never colour alone', () => {
    const row = { entryUrl: 'http://acme.com/', host: 'acme.com', scheme: 'https' as const, exists: true, finalUrl: 'https://www.acme.com/', finalStatus: 200, hops: [{ url: 'x', status: 301, ms: 1 }], pathKept: false, certCovers: true, hsts: null }
    expect(surfaceCells(row)).toEqual({ final: 'https://www.acme.com/ (200)', hops: '1', path: '✗ dropped', cert: '✓ covers', hsts: '✗ none', problem: true })
    expect(surfaceCells({ ...row, exists: false }).final).toBe('Does not resolve')
    const plain = surfaceCells({ ...row, scheme: 'http', finalUrl: 'http://acme.com/', hops: [], pathKept: null, certCovers: null })
    expect(plain).toMatchObject({ final: '✗ http://acme.com/ (200), not encrypted', problem: true })
  })
})

describe('DNS map rows', () => {
  it('one row per record with TTLs, names without records in words, expected records compared', () => {
    const rows = dnsMapRows([
      { name: 'acme.com', rcode: 'NOERROR', records: [{ name: 'acme.com', type: 'A', ttl: 300, value: '192.0.2.1' }], expected: [{ type: 'A', value: '192.0.2.9', matches: false }] },
      { name: 'old.acme.com', rcode: 'NXDOMAIN', records: [], expected: [] },
    ])
    expect(rows).toEqual([
      { name: 'acme.com', type: 'A', ttl: '300 s', value: '192.0.2.1', expected: '✗ not in your map', problem: true },
      { name: 'acme.com', type: 'A', ttl: '–', value: '192.0.2.9', expected: '✗ expected, not found', problem: true },
      { name: 'old.acme.com', type: '–', ttl: '–', value: 'does not exist', expected: '–', problem: false },
    ])
  })
})

describe('certificate rows', () => {
  it('soonest expiry first, urgency in words', () => {
    const c = (host: string, daysLeft: number) => ({ host, subject: `CN=${host}`, issuer: "CN=R11, O=Let's Encrypt", names: [host], validFrom: '2026-01-01T00:00:00Z', validTo: '2026-03-01T00:00:00Z', daysLeft, trusted: true, chainComplete: true, protocols: [] })
    const rows = certRows([c('a.test', 60), c('b.test', 5), c('c.test', -2), c('d.test', 20)])
    expect(rows.map((r) => [r.host, r.daysText, r.tone])).toEqual([
      ['c.test', '✗ expired 2 days ago', 'danger'],
      ['b.test', '✗ 5 days: renew now', 'danger'],
      ['d.test', '! 20 days', 'warn'],
      ['a.test', '✓ 60 days', 'ok'],
    ])
    expect(rows[3]).toMatchObject({ issuer: "Let's Encrypt (R11)", expires: '2026-03-01', barPct: 67, trusted: '✓ yes' })
  })
})

describe('CLI terminal report', () => {
  const fs = [f('http.https-redirect', 'http://acme.com/', 'fail'), f('tls.trusted', 'acme.com', 'pass')]
  const report = buildRiskReport(fs, 'b2b')
  it('colour and symbols only on a terminal', () => {
    const plain = renderAuditReport(fs, report, { domain: 'acme.com', durationMs: 1234, state: 'completed' }, { color: false, symbols: false })
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/\u001b\[|✓|✗/)
    expect(plain).toContain('NO-GO: Not ready: fix 1 problem before launch')
    expect(plain).toContain('  FAIL        http.https-redirect title [blocker, fix before launch]')
    expect(plain).toContain('      1. Do it\n           X: 1')
    const tty = renderAuditReport(fs, report, { domain: 'acme.com', durationMs: 1234, state: 'deadline' }, { color: true, symbols: true })
    expect(tty).toContain('\u001b[31m✗ FAIL')
    expect(tty).toContain('reached its time limit')
  })
  it('one progress line that fits the terminal', () => {
    expect(progressLine(0, 3, 10, [{ checkId: 'tls.trusted', target: 'acme.com' }])).toBe('⠋ 3 of 10 checks done · tls.trusted on acme.com')
    expect(progressLine(1, 3, 10, [{ checkId: 'tls.trusted', target: 'a'.repeat(200) }], 40)).toHaveLength(40)
  })
})
