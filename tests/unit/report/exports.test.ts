import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sampleProject, sampleRuns, CANARIES } from '../../fixtures/report/sample'
import { buildReport } from '../../../src/main/report/build'
import { toMarkdown } from '../../../src/main/report/markdown'
import { parseReportJson, toJson } from '../../../src/main/report/json'
import { ReportModel, REPORT_SCHEMA, REPORT_VERSION } from '../../../src/shared/report-model'
import { Finding, Project } from '../../../src/shared/model'

const NOW = new Date('2026-11-24T10:00:00Z')
const golden = (name: string) => fileURLToPath(new URL(`../../fixtures/report/${name}`, import.meta.url))

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function expectGolden(name: string, text: string) {
  const file = golden(name)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text)
  expect(text).toBe(readFileSync(file, 'utf8'))
}

const bare = () => Project.parse({ id: 'bare', name: 'Bare Start', vertical: 'b2b', domain: 'bare.test', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })

describe('Markdown export', () => {
  it('matches the golden file for a full project with three audits', () => {
    expectGolden('acme-handover.md', toMarkdown(buildReport(sampleProject(), sampleRuns(), { now: NOW, appVersion: '0.1.0' })))
  })

  it('matches the golden file for a project with no audits and no handover', () => {
    expectGolden('bare-handover.md', toMarkdown(buildReport(bare(), [], { now: NOW, appVersion: '0.1.0' })))
  })

  it('is deterministic and carries the key values', () => {
    const m = buildReport(sampleProject(), sampleRuns(), { now: NOW, appVersion: '0.1.0' })
    const md = toMarkdown(m)
    expect(toMarkdown(m)).toBe(md)
    for (const s of ['## Executive summary', '### Must fix today', '## DNS map', '## Redirect map', '## Email authentication', '### SPF lookup tree', '### DMARC policy path', '## Certificates', '## Performance', '## Operations', '### Owner map', '## Known risks', '## Operating guide', '## Screenshots', '## Still to write down'])
      expect(md).toContain(s)
    expect(md).toContain('| production | STRIPE_SECRET_KEY | Payments | Dana Founder | Vercel env (Production) |')
    expect(md).toContain('v=DMARC1; p=none; rua=mailto:dmarc@acme-booking.test')
    expect(md).toContain('Vercel, open the project’s Deployments tab')
    for (const c of Object.values(CANARIES)) expect(md).not.toContain(c)
  })

  it('escapes table cells so user text cannot break a table', () => {
    const p = sampleProject()
    p.handover.knownRisks = [{ symptom: 'Pipes | in\ntext', firstAction: 'Call | someone' }]
    const md = toMarkdown(buildReport(p, [], { now: NOW }))
    expect(md).toContain('| Pipes \\| in text | Call \\| someone |')
  })
})

describe('JSON export', () => {
  it('is schema-versioned, validates against its schema and round-trips', () => {
    const m = buildReport(sampleProject(), sampleRuns(), { now: NOW, appVersion: '0.1.0' })
    const text = toJson(m)
    const parsed = JSON.parse(text)
    expect(parsed.schema).toBe(REPORT_SCHEMA)
    expect(parsed.version).toBe(REPORT_VERSION)
    expect(ReportModel.safeParse(parsed).success).toBe(true)
    expect(parseReportJson(text)).toEqual(m)
    for (const c of Object.values(CANARIES)) expect(text).not.toContain(c)
  })

  it('carries findings in SPEC.md’s shape', () => {
    const parsed = JSON.parse(toJson(buildReport(sampleProject(), sampleRuns(), { now: NOW })))
    const findings = parsed.stages.flatMap((s: { findings: unknown[] }) => s.findings)
    expect(findings.length).toBeGreaterThan(20)
    for (const f of findings) {
      expect(Finding.safeParse(f).success).toBe(true)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['checkId', 'stage', 'target', 'status', 'severity', 'title', 'summary', 'evidence', 'fix', 'durationMs']))
    }
  })

  it('refuses a model that does not match the schema', () => {
    const m = buildReport(bare(), [], { now: NOW })
    expect(() => toJson({ ...m, version: 2 } as unknown as ReportModel)).toThrow()
    expect(() => parseReportJson('{"schema":"launch-ready/handover","version":1}')).toThrow()
  })
})
