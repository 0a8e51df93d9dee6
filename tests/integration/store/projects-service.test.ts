import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services/handlers'
import { caller, testServices } from '../../fixtures/services'
import type { Project, ProjectSummary } from '../../../src/shared/model'

let dataDir: string
let services: Services
let nextOpen: string | null = null
let nextSave: string | null = null

async function start() {
  services = await testServices({ dataDir, dialogs: { chooseSavePath: async () => nextSave, chooseOpenPath: async () => nextOpen, chooseFolder: async () => null } })
}
const { call, value } = caller(() => services)

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-svc-'))
  await start()
})
afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const draft = { name: 'Acme', vertical: 'coach', domain: 'acme.com', subdomains: [{ label: 'app', role: 'app' }] }

describe('projects service', () => {
  it('normalises the domain in main too, and refuses a bad one with a specific message', async () => {
    const p = await value<Project>('projects.create', { ...draft, domain: 'ACME.com.' })
    expect(p.domain).toBe('acme.com')
    const bad = await call('projects.create', { ...draft, domain: '192.168.1.1' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-domain', message: expect.stringMatching(/IP address/) } })
  })

  it('a patch changes only the fields it names', async () => {
    const p = await value<Project>('projects.create', draft)
    await value('projects.update', { id: p.id, patch: { checklist: { 'audit.flows': { done: true } } } })
    const after = await value<Project>('projects.update', { id: p.id, patch: { name: 'Acme Booking' } })
    expect(after.name).toBe('Acme Booking')
    expect(after.subdomains).toEqual([{ label: 'app', role: 'app' }])
    expect(after.checklist['audit.flows']?.done).toBe(true)
  })

  it('deletes with undo, duplicates and renames; all of it survives a restart', async () => {
    const p = await value<Project>('projects.create', draft)
    const copy = await value<Project>('projects.duplicate', { id: p.id })
    expect(copy.name).toBe('Acme (copy)')
    expect(copy.id).not.toBe(p.id)
    await value('projects.rename', { id: copy.id, name: 'Second' })
    const { undoToken } = await value<{ undoToken: string }>('projects.delete', { id: p.id })
    expect((await value<ProjectSummary[]>('projects.list')).map((x) => x.name)).toEqual(['Second'])
    await value('projects.restore', { undoToken })
    expect((await call('projects.restore', { undoToken })).ok).toBe(false)
    await services.close()
    await start()
    expect((await value<ProjectSummary[]>('projects.list')).map((x) => x.name).sort()).toEqual(['Acme', 'Second'])
  })

  it('exports and imports a .launchready.json; an id clash imports a copy', async () => {
    const p = await value<Project>('projects.create', draft)
    nextSave = join(dataDir, 'acme.launchready.json')
    expect(await value('projects.export', { id: p.id })).toEqual({ path: nextSave })
    nextOpen = nextSave
    const out = await value<{ project: Project; renamedFrom?: string }>('projects.import')
    expect(out.renamedFrom).toBe(p.id)
    expect(out.project.id).not.toBe(p.id)
    expect((await value<ProjectSummary[]>('projects.list')).length).toBe(2)
  })

  const badFiles: [string, string, RegExp][] = [
    ['not JSON', '{"format": "launch-ready/proj', /not valid JSON/],
    ['another app’s JSON', '{"name":"x"}', /not a Launch Ready project export/],
    ['a bad project', JSON.stringify({ format: 'launch-ready/project', version: 1, exportedAt: 'x', project: { id: 'x', name: 'B', vertical: 'casino' } }), /parts of it are not valid/],
    ['a bad domain', JSON.stringify({ format: 'launch-ready/project', version: 1, exportedAt: 'x', project: { id: 'x', name: 'B', vertical: 'coach', domain: 'localhost', createdAt: 'x', updatedAt: 'x' } }), /domain is not valid/],
  ]
  for (const [label, content, message] of badFiles) {
    it(`a bad file (${label}) is refused with what is wrong, and changes nothing`, async () => {
      await value('projects.create', draft)
      await services.flush()
      const before = readFileSync(join(dataDir, 'projects.json'), 'utf8')
      nextOpen = join(dataDir, 'bad.launchready.json')
      writeFileSync(nextOpen, content)
      const r = await call('projects.import')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(message)
      await services.flush()
      expect(readFileSync(join(dataDir, 'projects.json'), 'utf8')).toBe(before)
    })
  }

  it('lists every problem of an invalid export, by path', async () => {
    nextOpen = join(dataDir, 'bad.launchready.json')
    writeFileSync(nextOpen, JSON.stringify({ format: 'launch-ready/project', version: 1, exportedAt: 'x', project: { id: 'x', name: '', vertical: 'casino' } }))
    const r = await call('projects.import')
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = (r.error.issues ?? []).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['project.vertical', 'project.domain', 'project.name']))
  })

  it('stores evidence images only when they really are images', async () => {
    const p = await value<Project>('projects.create', draft)
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64')
    const img = await value<{ id: string }>('projects.addEvidenceImage', { id: p.id, name: 'dns.png', mime: 'image/png', dataBase64: png })
    const back = await value<{ dataUrl: string }>('projects.readEvidenceImage', { id: p.id, imageId: img.id })
    expect(back.dataUrl).toBe(`data:image/png;base64,${png}`)
    const fake = await call('projects.addEvidenceImage', { id: p.id, name: 'x.png', mime: 'image/png', dataBase64: Buffer.from('hello').toString('base64') })
    expect(fake).toMatchObject({ ok: false, error: { code: 'invalid-image' } })
  })

  it('refuses unknown channels and bad input without throwing', async () => {
    expect(await call('projects.nope')).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect(await call('projects.get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('projects.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
