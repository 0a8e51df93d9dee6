/**
 * The embedded offline demo: one call starts the loopback demo site inside
 * the app and returns a project pointed at it; a run audits it for real; in a
 * later session (new ports) the same project is brought up to date before its
 * run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services/handlers'
import type { Project } from '../../../src/shared/model'
import type { RunsLatest } from '../../../src/shared/contract/runs'
import { caller, testServices } from '../../fixtures/services'

let dataDir: string
let services: Services
const { call, value } = caller(() => services)

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-demo-'))
})
afterAll(async () => {
  await services?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function runToEnd(projectId: string): Promise<RunsLatest> {
  await value('runs.start', { projectId })
  await expect.poll(async () => (await value<RunsLatest>('runs.latest', { projectId })).latest?.state ?? 'not yet', { timeout: 60_000 }).toMatch(/^(completed|cancelled|deadline|failed)$/)
  return value<RunsLatest>('runs.latest', { projectId })
}

describe('the offline demo project', () => {
  it('starts the demo site in-process and audits it for real', async () => {
    services = await testServices({ dataDir })
    const p = await value<Project>('projects.createDemo')
    expect(p).toMatchObject({ name: 'Offline demo: Broken Launch', domain: 'broken.test', demo: true, canonicalHost: 'auto' })
    expect(p.dnsServer).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(p.portMap).toMatch(/^53:\d+,80:\d+,443:\d+$/)
    expect(existsSync(p.caFile!)).toBe(true)
    // The same project each time.
    expect((await value<Project>('projects.createDemo')).id).toBe(p.id)
    const latest = await runToEnd(p.id)
    expect(latest.latest?.state).toBe('completed')
    expect(latest.findings.find((f) => f.checkId === 'http.https-redirect' && f.target === 'http://broken.test/')?.status).toBe('fail')
    expect(latest.findings.find((f) => f.checkId === 'edge.admin-exposed')?.status).toBe('fail')
    // The project list shows the same verdict and the open blockers and highs.
    const row = (await value<{ id: string; verdict?: string; open?: { blocker: number; high: number } }[]>('projects.list')).find((x) => x.id === p.id)!
    expect(row.verdict).toBe('no-go')
    expect(row.open!.blocker).toBeGreaterThan(0)
  }, 90_000)

  it('in the next session (new ports) the project is pointed at the new site before its run', async () => {
    const before = (await value<Project[]>('projects.list')).length
    const old = (await call<Project>('projects.get', { id: (await value<{ id: string }[]>('projects.list'))[0]!.id })) as { ok: true; value: Project }
    await services.close()
    services = await testServices({ dataDir })
    const latest = await runToEnd(old.value.id)
    expect(latest.latest?.state).toBe('completed')
    const now = await value<Project>('projects.get', { id: old.value.id })
    expect(now.dnsServer).not.toBe(old.value.dnsServer)
    expect(latest.findings.filter((f) => f.status === 'error' && /could not reach|did not answer/.test(f.summary))).toEqual([])
    expect((await value<Project[]>('projects.list')).length).toBe(before)
  }, 90_000)
})
