import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Services, ServicesOptions } from '../../../src/main/services/handlers'
import { caller, testServices } from '../../fixtures/services'
import type { Vault } from '../../../src/main/services/context'
import type { Project } from '../../../src/shared/model'
import type { ReportExportResult, ReportPreview } from '../../../src/shared/contract/report'
import { ReportModel } from '../../../src/shared/report-model'
import { sampleProject, sampleRuns, CANARIES } from '../../fixtures/report/sample'
import { solidPng } from '../../fixtures/report/png'
import { pdfInfo, pdfText } from '../../fixtures/report/poppler'

let dataDir: string
let outDir: string
let services: Services
let nextSave: string | null = null
const events: { event: string; payload: { phase: string; fraction: number; message: string; format: string } }[] = []
const logged: string[] = []
const log = { warn: (m: string, d?: unknown) => void logged.push(`${m} ${JSON.stringify(d)}`), error: (m: string, d?: unknown) => void logged.push(`${m} ${JSON.stringify(d)}`) }

/** A fake keychain holding a canary credential. */
const vault: Vault = {
  status: async () => ({ available: true, backend: 'fake' }) as never,
  list: async () => [{ name: 'acme-test-login', kind: 'password' }] as never,
  set: async () => {
    throw new Error('read-only fake')
  },
  reveal: async () => CANARIES.vault,
  remove: async () => {},
  get: async (name) => (name === 'acme-test-login' ? CANARIES.vault : undefined),
}

const { call, value } = caller(() => services, log)

/** The services as this file needs them: the canary keychain, save dialogs answering nextSave, events recorded. */
const start = (extra: Partial<ServicesOptions> = {}) =>
  testServices({
    dataDir,
    version: '0.1.0-test',
    dialogs: { chooseSavePath: async () => nextSave, chooseOpenPath: async () => null, chooseFolder: async () => null },
    emit: (event, payload) => void events.push({ event, payload: payload as never }),
    log,
    vault,
    ...extra,
  })

async function seed(): Promise<Project> {
  const s = sampleProject()
  const p = await value<Project>('projects.create', { name: s.name, vertical: s.vertical, domain: s.domain, canonicalHost: s.canonicalHost, criticalFlows: s.criticalFlows, hostingProvider: s.hostingProvider, dnsProvider: s.dnsProvider, cdnProvider: s.cdnProvider, emailProviders: s.emailProviders, contacts: s.contacts })
  const img = await value<{ id: string }>('projects.addEvidenceImage', { id: p.id, name: 'rollback.png', mime: 'image/png', dataBase64: solidPng(200, 100, [200, 80, 40]).toString('base64') })
  // The founder pasted the credential into a note and the deploy steps by mistake.
  const handover = { ...s.handover, deploySteps: `${s.handover.deploySteps}\nLogin for the smoke test: ${CANARIES.vault}` }
  const checklist = { ...s.checklist, 's7.deploy-rollback': { done: true, note: `rehearsed with ${CANARIES.vault}`, evidence: [{ kind: 'image', id: img.id, name: 'rollback.png', mime: 'image/png' }] } }
  await value('projects.update', { id: p.id, patch: { handover, checklist, acceptedRisks: s.acceptedRisks } })
  for (const r of sampleRuns(30)) services.service.runs.save({ ...r, projectId: p.id })
  return p
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lr-report-svc-'))
  outDir = mkdtempSync(join(tmpdir(), 'lr-report-out-'))
  events.length = 0
  logged.length = 0
  services = await start()
})
afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
})

describe('report service', () => {
  it('previews the sections, the verdict and the gaps', async () => {
    const p = await seed()
    const prev = await value<ReportPreview>('report.preview', { projectId: p.id })
    expect(prev).toMatchObject({ product: 'Acme Booking', domain: 'acme-booking.test', runs: 3 })
    expect(prev.sections.find((s) => s.id === 'operations')?.included).toBe(true)
    expect(prev.sections.find((s) => s.id === 'screenshots')).toMatchObject({ included: true, detail: '1 image' })
    expect(prev.notRecorded.length).toBeGreaterThan(0)
    expect(JSON.stringify(prev)).not.toContain(CANARIES.vault)
  })

  it('exports PDF, Markdown and JSON to the chosen paths, with progress, and none holds a secret', async () => {
    const p = await seed()
    const out: Record<string, string> = {}
    for (const format of ['pdf', 'md', 'json'] as const) {
      nextSave = join(outDir, `pack.${format}`)
      const r = await value<ReportExportResult>('report.export', { projectId: p.id, format })
      expect(r).toMatchObject({ path: nextSave, format, bytes: statSync(nextSave).size })
      out[format] = format === 'pdf' ? pdfText(nextSave) : readFileSync(nextSave, 'utf8')
      if (format === 'pdf') expect(r.pages).toBe(Number(pdfInfo(nextSave)['Pages']))
      const mine = events.filter((e) => e.payload.format === format).map((e) => e.payload)
      expect(mine[0]?.phase).toBe('collecting')
      expect(mine.at(-1)).toMatchObject({ phase: 'done', fraction: 1 })
      const fractions = mine.map((e) => e.fraction)
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    }
    expect(out.pdf).toContain('Login for the smoke test: [hidden]')
    expect(out.md).toContain('rehearsed with [hidden]')
    expect(ReportModel.safeParse(JSON.parse(out.json!)).success).toBe(true)
    for (const text of Object.values(out)) for (const c of Object.values(CANARIES)) expect(text).not.toContain(c)
    // Nor in the log, nor in the raw PDF bytes.
    expect(readFileSync(join(outDir, 'pack.pdf'), 'latin1')).not.toContain(CANARIES.vault)
    expect(logged.join('\n')).not.toContain(CANARIES.vault)
    // The evidence image is embedded (the PDF carries an image XObject).
    expect(readFileSync(join(outDir, 'pack.pdf'), 'latin1')).toMatch(/\/Subtype\s*\/Image/)
  })

  it('returns null and writes nothing when the user cancels the save dialog', async () => {
    const p = await seed()
    nextSave = null
    expect(await value('report.export', { projectId: p.id, format: 'pdf' })).toBeNull()
    expect(readdirSync(outDir)).toEqual([])
    expect(events).toEqual([])
  })

  it('says plainly when the folder cannot be written, and reports the failure as progress', async () => {
    const p = await seed()
    nextSave = join(outDir, 'no-such-folder', 'pack.md')
    const r = await call('report.export', { projectId: p.id, format: 'md' })
    expect(r).toMatchObject({ ok: false, error: { code: 'write-failed', message: expect.stringMatching(/could not be saved there \(ENOENT\)/) } })
    expect(events.at(-1)?.payload).toMatchObject({ phase: 'failed', message: expect.stringMatching(/could not be saved/) })
  })

  it('refuses a second export of the same project while one runs', async () => {
    const p = await seed()
    nextSave = join(outDir, 'a.pdf')
    const first = call('report.export', { projectId: p.id, format: 'pdf' })
    const second = await call('report.export', { projectId: p.id, format: 'pdf' })
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } })
    expect((await first).ok).toBe(true)
  })

  it('rejects an unknown project and an unknown format', async () => {
    expect(await call('report.preview', { projectId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call('report.export', { projectId: 'x', format: 'docx' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})

describe('homepage capture (the Electron shell injects it)', () => {
  async function withCapture(capture: (url: string, signal: AbortSignal) => Promise<{ data: Buffer; mime: 'image/png' } | null>, timeoutMs?: number) {
    await services.close()
    services = await start({ report: { captureHomepage: capture, ...(timeoutMs ? { captureTimeoutMs: timeoutMs } : {}) } })
  }

  it('adds the live homepage to the Screenshots section of the PDF', async () => {
    const urls: string[] = []
    await withCapture(async (url) => {
      urls.push(url)
      return { data: solidPng(320, 200, [30, 30, 160]), mime: 'image/png' }
    })
    const p = await seed()
    nextSave = join(outDir, 'with-home.pdf')
    await value('report.export', { projectId: p.id, format: 'pdf' })
    expect(urls).toEqual(['https://www.acme-booking.test/'])
    expect(pdfText(nextSave)).toMatch(/The live homepage, https:\/\/www\.acme-booking\.test\/, when the pack was made/)
    // Markdown and JSON never trigger a capture.
    nextSave = join(outDir, 'x.md')
    await value('report.export', { projectId: p.id, format: 'md' })
    expect(urls).toHaveLength(1)
  })

  it('still exports when the capture fails or hangs, and says why in the log', async () => {
    await withCapture((_url, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('the homepage capture took too long')))), 50)
    const p = await seed()
    nextSave = join(outDir, 'no-home.pdf')
    const r = await value<ReportExportResult>('report.export', { projectId: p.id, format: 'pdf' })
    expect(r.pages).toBeGreaterThan(5)
    expect(pdfText(nextSave)).not.toContain('The live homepage')
    expect(logged.join('\n')).toMatch(/homepage capture failed "the homepage capture took too long"/)
  })
})
