import { describe, expect, it } from 'vitest'
import { sampleProject, sampleRuns, CANARIES } from '../../fixtures/report/sample'
import { buildReport, dmarcPath } from '../../../src/main/report/build'
import { keyEvidence, redactModel, reportSections } from '../../../src/main/report/sections'
import { handoverCompleteness, ownerCoverage } from '../../../src/shared/handover'
import { Project } from '../../../src/shared/model'

const NOW = new Date('2026-11-24T10:00:00Z')
const build = (p = sampleProject(), runs = sampleRuns()) => buildReport(p, runs, { now: NOW, appVersion: '9.9.9' })

describe('report model', () => {
  it('fills the cover from the project and the shared risk verdict', () => {
    const m = build()
    expect(m.cover).toMatchObject({ product: 'Acme Booking', domain: 'acme-booking.test', vertical: 'Coach or consultant business', date: '2026-11-24', preparedBy: 'Sam Consultant, Launch Sprint Ltd' })
    expect(m.cover.verdict).toBe('no-go')
    expect(m.cover.reasons[0]).toMatch(/^Not ready: fix \d+ problems? before launch(; \d+ important checks? could not run)?$/)
    expect(m.runs).toMatchObject({ count: 3, first: { id: 'run-1' }, last: { id: 'run-3' } })
  })

  it('splits the risk list and lists what the sprint fixed (first run vs now)', () => {
    const m = build()
    expect(m.summary.mustFix.length).toBeGreaterThan(0)
    for (const r of m.summary.mustFix) expect(['blocker', 'high']).toContain(r.severity)
    expect(m.summary.defer.every((r) => r.status !== 'error')).toBe(true)
    expect(m.summary.accepted).toEqual([expect.objectContaining({ checkId: 'email.dmarc.policy', reason: expect.stringMatching(/shared inbox/) })])
    expect(m.summary.fixed.length).toBeGreaterThan(0)
    const last = new Map(sampleRuns()[2]!.findings.map((f) => [`${f.checkId}@${f.target}`, f.status]))
    for (const f of m.summary.fixed) {
      expect(['fail', 'warn']).toContain(f.before)
      expect(last.get(f.key)).toBe('pass')
    }
  })

  it('keeps every stage with the newest finding per check and target, and the checklist state', () => {
    const m = build()
    expect(m.stages.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const all = m.stages.flatMap((s) => s.findings)
    expect(new Set(all.map((f) => `${f.checkId}@${f.target}`)).size).toBe(all.length)
    expect(all.every((f) => f.ranAt?.startsWith('2026-11-20T21:01'))).toBe(true)
    const s7 = m.stages[6]!
    expect(s7.checklist.find((c) => c.id === 's7.deploy-rollback')).toMatchObject({ done: true, note: 'Rollback rehearsed on staging.' })
    expect(m.screenshots).toEqual([expect.objectContaining({ id: 'img-rollback', caption: expect.stringMatching(/^Stage 7:/) })])
  })

  it('takes the run artifacts and works out who renews each certificate and the DMARC path', () => {
    const m = build()
    expect(m.dnsMap?.map((e) => e.name)).toContain('www.acme-booking.test')
    expect(m.surface).toHaveLength(2)
    expect(m.certificates?.[0]?.renewedBy).toBe('Cloudflare renews it automatically')
    expect(m.email?.dmarcPath.map((d) => [d.policy, d.state])).toEqual([
      ['none', 'current'],
      ['quarantine', 'next'],
      ['reject', 'later'],
    ])
    expect(m.performance?.rows.length).toBeGreaterThan(0)
    expect(m.performance?.rows[0]).toMatchObject({ p95Ms: expect.any(Number), targetMs: 300, histogram: { bucketMs: 50 } })
  })

  it('lists the founder’s homework instead of inventing content', () => {
    const m = build()
    expect(m.notRecorded).toContain('Owner map: no owner yet for CDN / edge, Email provider, Monitoring, Payments.')
    expect(m.notRecorded).toContain('Backup access path not recorded for Hosting.')
    expect(m.notRecorded).toContain('Some environment variables have no purpose, owner or store.')
    expect(m.operations.owners.find((o) => o.dependency === 'cdn')).toMatchObject({ provider: 'Cloudflare', owner: '' })
    expect(m.operations.envVars.map((v) => `${v.environment}/${v.name}`)).toEqual(['production/DATABASE_URL', 'production/POSTMARK_TOKEN', 'production/STRIPE_SECRET_KEY', 'staging/DATABASE_URL'])
  })

  it('leaves out sections with no content and says why', () => {
    const p = Project.parse({ id: 'p', name: 'Bare', vertical: 'b2b', domain: 'bare.test', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })
    const m = buildReport(p, [], { now: NOW })
    expect(m.cover.verdict).toBe('not-checked')
    expect(m.dnsMap).toBeNull()
    expect(m.email).toBeNull()
    expect(m.performance).toBeNull()
    const s = reportSections(m)
    expect(s.find((x) => x.id === 'dns')).toMatchObject({ included: false, detail: expect.stringMatching(/^Left out/) })
    expect(s.find((x) => x.id === 'operations')?.included).toBe(true)
    expect(m.notRecorded).toContain('Deploy steps are not written down.')
    expect(m.notRecorded).toContain('Who prepared this pack is not recorded.')
  })

  it('ignores runs still in progress', () => {
    const runs = sampleRuns()
    runs.push({ ...runs[2]!, id: 'run-live', state: 'running', startedAt: '2026-11-23T00:00:00.000Z', findings: [] })
    expect(build(sampleProject(), runs).runs.last?.id).toBe('run-3')
  })
})

describe('DMARC path', () => {
  const now = new Date('2026-01-01T00:00:00Z')
  it('starts at none when there is no record', () => {
    expect(dmarcPath(null, now)).toEqual([
      expect.objectContaining({ policy: 'none', state: 'next', revisit: '2026-01-01' }),
      expect.objectContaining({ policy: 'quarantine', state: 'later' }),
      expect.objectContaining({ policy: 'reject', state: 'later' }),
    ])
  })
  it('marks earlier steps done and dates the next one', () => {
    expect(dmarcPath('v=DMARC1; p=quarantine; rua=mailto:d@x.test', now).map((d) => [d.state, d.revisit])).toEqual([
      ['done', undefined],
      ['current', undefined],
      ['next', '2026-01-29'],
    ])
    expect(dmarcPath('v=DMARC1;p=reject', now).map((d) => d.state)).toEqual(['done', 'done', 'current'])
  })
})

describe('secrets never reach the model', () => {
  it('hides credential-like evidence fields and skips bulky series', () => {
    const lines = keyEvidence({ authorization: 'Bearer abc', records: ['a', 'b'], samplesMs: [1, 2], cookie: 'sid=1', httpStatus: 200 })
    expect(lines).toEqual([
      ['authorization', '[hidden]'],
      ['records', 'a, b'],
      ['cookie', '[hidden]'],
      ['httpStatus', '200'],
    ])
  })
  it('scrubs every vault value wherever the user typed it', () => {
    const p = sampleProject()
    p.handover.deploySteps = `export TOKEN=${CANARIES.vault} && deploy`
    p.checklist['s4.env-doc'] = { done: true, note: `key is ${CANARIES.vault}`, evidence: [] }
    const m = redactModel(build(p), [CANARIES.vault, 'abc'])
    const text = JSON.stringify(m)
    expect(text).not.toContain(CANARIES.vault)
    expect(text).not.toContain(CANARIES.flowBody)
    expect(text).not.toContain(CANARIES.evidenceToken)
    expect(m.operations.deploySteps).toBe('export TOKEN=[hidden] && deploy')
  })
})

describe('handover completeness', () => {
  it('counts owners of the seven dependencies and each part of the handover', () => {
    const p = sampleProject()
    expect(ownerCoverage(p.handover).covered).toEqual(['registrar', 'dns', 'hosting'])
    const parts = handoverCompleteness(p)
    expect(parts.find((x) => x.id === 'owners')).toMatchObject({ done: 3, total: 7, text: '3 of 7 dependencies have an owner' })
    expect(parts.find((x) => x.id === 'envVars')).toMatchObject({ done: 3, total: 4 })
    expect(parts.find((x) => x.id === 'contacts')?.text).toBe('1 contact')
    const empty = handoverCompleteness(Project.parse({ id: 'p', name: 'B', vertical: 'b2b', domain: 'b.test', createdAt: 'x', updatedAt: 'x' }))
    expect(empty.every((x) => x.done === 0)).toBe(true)
    expect(empty.find((x) => x.id === 'deploy')?.text).toBe('Not written yet')
  })
})
