/** The handover pack lists where each exposed secret lives and who rotates it — masked, never the value (Markdown, JSON and PDF). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeHandoverPdf } from '../../../src/main/report'
import { pdfText } from '../../fixtures/report/poppler'
import { nodeGit } from '../../../src/main/engine/secrets/git'
import { scanRepo } from '../../../src/main/engine/secrets/repo'
import { repoFindings } from '../../../src/main/engine/secrets/findings'
import { buildReport } from '../../../src/main/report/build'
import { toMarkdown } from '../../../src/main/report/markdown'
import { toJson } from '../../../src/main/report/json'
import { Project, type Run } from '../../../src/shared/model'
import { leakyRepo, type LeakyRepo } from '../../fixtures/secrets/repo'

let repo: LeakyRepo
let project: Project
let runs: Run[]
const NOW = new Date('2026-12-01T10:00:00Z')

beforeAll(async () => {
  repo = leakyRepo()
  const r = await scanRepo({ git: nodeGit(), repo: repo.dir })
  const findings = repoFindings(r, { repoLabel: 'acme' })
  project = Project.parse({
    id: 'p1', name: 'Acme', vertical: 'b2b', domain: 'acme.test', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), repoPath: repo.dir,
    handover: { owners: [{ dependency: 'payments', provider: 'Stripe', owner: 'Dana Founder', backupAccess: 'Sam' }] },
  })
  runs = [{ id: 'r1', projectId: 'p1', startedAt: NOW.toISOString(), finishedAt: NOW.toISOString(), state: 'completed', scope: {}, findings, meta: { kind: 'audit' } }]
}, 60_000)
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }))

describe('the pack’s exposed secrets', () => {
  it('lists each one with where it lives, who rotates it and the first step', () => {
    const m = buildReport(project, runs, { now: NOW })
    const stripe = m.operations.exposed.find((x) => x.what === 'Stripe live secret' && x.where.startsWith('src/config.js:3'))
    expect(stripe).toMatchObject({ location: 'the code history', masked: expect.stringMatching(/^sk_live_…/), rotatedBy: 'Dana Founder', state: 'rotate now' })
    expect(stripe!.where).toContain(repo.commits.deleted.slice(0, 7))
    expect(m.notRecorded.join(' ')).toMatch(/Who rotates the exposed secrets: not recorded for \d+/)
  })

  it('never carries a value, in Markdown or JSON', () => {
    const m = buildReport(project, runs, { now: NOW })
    const md = toMarkdown(m)
    expect(md).toContain('### Exposed secrets the scan found')
    const json = toJson(m)
    for (const v of Object.values(repo.values)) {
      expect(md.includes(v.value), v.name).toBe(false)
      expect(json.includes(v.value), v.name).toBe(false)
    }
  })

  it('prints them in the PDF, masked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-pack-secrets-'))
    try {
      const f = join(dir, 'pack.pdf')
      await writeHandoverPdf(buildReport(project, runs, { now: NOW }), f)
      const text = pdfText(f)
      expect(text).toContain('Exposed secrets the scan found')
      expect(text).toContain('Dana Founder')
      for (const v of Object.values(repo.values)) expect(text.includes(v.value), v.name).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
