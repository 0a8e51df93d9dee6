import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sampleProject, sampleRuns, CANARIES } from '../../fixtures/report/sample'
import { solidPng } from '../../fixtures/report/png'
import { inkPerPage, pdfFonts, pdfInfo, pdfText } from '../../fixtures/report/poppler'
import { buildReport, countPdfPages, loadImages, writeHandoverPdf } from '../../../src/main/report'
import { Project } from '../../../src/shared/model'

const NOW = new Date('2026-11-24T10:00:00Z')
let dir: string
let file: string
let pages: Record<string, number>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lr-report-pdf-'))
  file = join(dir, 'acme.pdf')
  const p = sampleProject()
  p.checklist['s3.cdn'] = { done: true, note: '', evidence: [{ kind: 'image', id: 'img-webp', name: 'cdn.webp', mime: 'image/webp' }] }
  const m = buildReport(p, sampleRuns(), { now: NOW, appVersion: '0.1.0' })
  const png = solidPng(320, 180, [40, 120, 200])
  const images = await loadImages(m, async (id) => (id === 'img-rollback' ? { data: png, mime: 'image/png' } : id === 'img-webp' ? { data: Buffer.from('RIFF0000WEBP'), mime: 'image/webp' } : null))
  pages = (await writeHandoverPdf(m, file, { images })).pages
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('handover PDF', () => {
  it('is a valid PDF of a readable length with its metadata', () => {
    const info = pdfInfo(file)
    expect(info['Title']).toBe('Handover pack: Acme Booking')
    expect(info['Page size']).toMatch(/595.* x 841.*A4/)
    const n = Number(info['Pages'])
    expect(n).toBeGreaterThanOrEqual(10)
    expect(n).toBeLessThanOrEqual(30)
  })

  it('embeds every font it uses', () => {
    const fonts = pdfFonts(file)
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['Inter-Regular', 'Inter-Bold', 'RobotoMono-Regular']))
    expect(fonts.filter((f) => !f.embedded)).toEqual([])
  })

  it('has every section heading and the key values', () => {
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    for (const h of ['HANDOVER PACK', 'Contents', 'Executive summary', 'Must fix today', 'Safe to defer', 'Accepted risks', 'Fixed during the sprint', 'Stage by stage', 'Stage 7: Production handover', 'Manual checklist', 'DNS map', 'Redirect map', 'Email authentication', 'SPF lookup tree', 'DMARC policy path', 'Certificates', 'Performance', 'p95 against target', 'Latency distribution', 'Operations', 'Owner map', 'Environment variables', 'Secrets locations', 'Deploy steps', 'Rollback steps', 'Monitoring links', 'Emergency contacts', 'Known risks', 'Operating guide', 'Screenshots', 'Still to write down'])
      expect(text, h).toContain(h)
    for (const v of ['acme-booking.test', 'Sam Consultant, Launch Sprint Ltd', 'NO-GO', 'STRIPE_SECRET_KEY', 'Vercel env (Production)', 'p=none', 'Dana Founder', '+44 20 7946 0000', "Let's Encrypt R11", 'Promote to Production', 'Booking emails arrive late', 'Environment: staging'])
      expect(text, v).toContain(v)
    expect(text).toContain('This image is a WEBP file')
  })

  it('numbers the pages and prints each section’s page in the contents', () => {
    const n = countPdfPages(readFileSync(file))
    expect(n).toBe(Number(pdfInfo(file)['Pages']))
    expect(pdfText(file, n)).toContain(`Page ${n} of ${n}`)
    const toc = pdfText(file, 2)
    expect(pages['summary']).toBe(3)
    for (const [id, title] of [['summary', 'Executive summary'], ['operations', 'Operations'], ['guide', 'Operating guide']] as const) {
      expect(toc).toMatch(new RegExp(`${title}[\\s\\S]*?\\s${pages[id]}\\s`))
      expect(pdfText(file, pages[id])).toContain(title)
    }
  })

  it('repeats a table’s header row on every page the table spans', async () => {
    const runs = sampleRuns(5)
    const meta = runs[2]!.meta as { dnsMap: { name: string; rcode: string; records: unknown[]; expected: unknown[] }[] }
    meta.dnsMap = Array.from({ length: 160 }, (_, i) => ({ name: `host${i}.acme-booking.test`, rcode: 'NOERROR', records: [{ name: `host${i}.acme-booking.test`, type: 'A', ttl: 300, value: `203.0.113.${i % 250}` }], expected: [] }))
    const f = join(dir, 'long-dns.pdf')
    const r = await writeHandoverPdf(buildReport(sampleProject(), runs, { now: NOW }), f)
    const first = r.pages['dns']!
    const after = r.pages['redirects']!
    expect(after - first).toBeGreaterThanOrEqual(3)
    const seen = new Set<number>()
    for (let p = first; p < after; p++) {
      const t = pdfText(f, p)
      expect(t, `page ${p}`).toMatch(/Name\s+Type\s+TTL \(s\)\s+Value/)
      for (const m of t.matchAll(/host(\d+)\.acme-booking\.test/g)) seen.add(Number(m[1]))
    }
    // Every row is printed once the table has split (no row lost at a page break).
    expect(seen.size).toBe(160)
  })

  it('has no blank page', () => {
    const ink = inkPerPage(file)
    expect(ink.length).toBe(Number(pdfInfo(file)['Pages']))
    ink.forEach((share, i) => expect(share, `page ${i + 1}`).toBeGreaterThan(0.004))
  })

  it('contains no secret', () => {
    const text = pdfText(file)
    const raw = readFileSync(file, 'latin1')
    for (const c of Object.values(CANARIES)) {
      expect(text).not.toContain(c)
      expect(raw).not.toContain(c)
    }
  })

  it('renders a project with nothing recorded yet, calling out the homework', async () => {
    const bare = Project.parse({ id: 'b', name: 'Bare Start', vertical: 'b2b', domain: 'bare.test', createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() })
    const f = join(dir, 'bare.pdf')
    await writeHandoverPdf(buildReport(bare, [], { now: NOW }), f)
    const text = pdfText(f)
    expect(text).toContain('NOT CHECKED')
    expect(text).toContain('Not recorded: the deploy steps are not written down.')
    expect(text).not.toContain('Every record the audit saw')
    expect(text).not.toContain('Redirect map')
    expect(inkPerPage(f).every((s) => s > 0.004)).toBe(true)
  })

  it('fails with the reason when the folder cannot be written, leaving nothing behind', async () => {
    const m = buildReport(sampleProject(), [], { now: NOW })
    await expect(writeHandoverPdf(m, join(dir, 'missing-folder', 'x.pdf'))).rejects.toThrow(/ENOENT/)
    writeFileSync(join(dir, 'keep.txt'), 'x')
  })
})

describe('text outside the embedded fonts', () => {
  it('shows □ instead of garbage, says so on the cover, and never falls back to an unembedded font', async () => {
    const d = mkdtempSync(join(tmpdir(), 'lr-report-intl-'))
    try {
      const p = sampleProject({ name: 'Café 東京 🚀' })
      p.handover.knownRisks = [{ symptom: 'Emoji 🔥 and עברית in a note', firstAction: 'Ask Dana' }]
      const f = join(d, 'intl.pdf')
      await writeHandoverPdf(buildReport(p, [], { now: NOW }), f)
      const text = pdfText(f)
      expect(text).toContain('Café □□ □')
      expect(text).toContain('Emoji □ and □□□□□ in a note')
      expect(text).toMatch(/outside this PDF’s fonts and shows as □/)
      expect(pdfFonts(f).filter((x) => !x.embedded)).toEqual([])
    } finally {
      rmSync(d, { recursive: true, force: true })
    }
  })
})
