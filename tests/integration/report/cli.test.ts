import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { EXPORT_FORMAT } from '../../../src/shared/model'
import { ReportModel } from '../../../src/shared/report-model'
import { sampleMeta, sampleProject, sampleRuns, CANARIES } from '../../fixtures/report/sample'
import { pdfInfo, pdfText } from '../../fixtures/report/poppler'

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const pexec = promisify(execFile)
let dir: string

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await pexec(process.execPath, [join(root, 'bin/launch-ready.mjs'), ...args], { cwd: dir, timeout: 60_000 })
    return { code: 0, out: r.stdout, err: r.stderr }
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string }
    return { code: x.code, out: x.stdout, err: x.stderr }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lr-report-cli-'))
  await pexec(process.execPath, [join(root, 'scripts/build-cli.mjs')], { cwd: root, timeout: 120_000 })
  writeFileSync(join(dir, 'acme.launchready.json'), JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: '2026-11-24T10:00:00.000Z', project: sampleProject(), runs: sampleRuns(30) }))
  const last = sampleRuns(30)[2]!
  writeFileSync(join(dir, 'audit.json'), JSON.stringify({ findings: last.findings, artifacts: sampleMeta(), meta: { command: 'audit', domain: 'acme-booking.test', vertical: 'ecommerce', state: 'completed', startedAt: last.startedAt, finishedAt: last.finishedAt } }))
}, 150_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('launch-ready report', () => {
  it('writes the PDF, Markdown and JSON from a project export', async () => {
    const r = await cli(['report', 'acme.launchready.json', '--pdf', 'pack.pdf', '--md', 'pack.md', '--json', 'pack.json'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^PDF written to pack\.pdf \(\d+ KB, \d+ pages, \d+ ms\)$/m)
    expect(r.out).toMatch(/^MD written to pack\.md/m)
    expect(Number(pdfInfo(join(dir, 'pack.pdf'))['Pages'])).toBeGreaterThan(8)
    expect(pdfText(join(dir, 'pack.pdf'))).toContain('Acme Booking')
    expect(readFileSync(join(dir, 'pack.md'), 'utf8')).toMatch(/^# Handover pack: Acme Booking$/m)
    const json = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'))
    expect(ReportModel.safeParse(json).success).toBe(true)
    for (const f of ['pack.pdf', 'pack.md', 'pack.json']) for (const c of Object.values(CANARIES)) expect(readFileSync(join(dir, f), 'latin1')).not.toContain(c)
  })

  it('accepts the output of launch-ready audit --json', async () => {
    const r = await cli(['report', 'audit.json', '--md', 'audit.md'])
    expect(r.code).toBe(0)
    const md = readFileSync(join(dir, 'audit.md'), 'utf8')
    expect(md).toContain('# Handover pack: acme-booking.test')
    expect(md).toContain('| Business | Founder-led ecommerce |')
    expect(md).toContain('## DNS map')
    expect(md).toContain('Owner map: no owner yet for Domain registrar, DNS, CDN / edge, Hosting, Email provider, Monitoring, Payments.')
  })

  it('exits 2 with a plain message on bad usage or a bad input', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ not json')
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }))
    writeFileSync(join(dir, 'badexport.json'), JSON.stringify({ format: EXPORT_FORMAT, version: 1, exportedAt: 'x', project: { name: 'x' } }))
    const cases: [string[], RegExp][] = [
      [['report'], /give the project export or audit\.json/],
      [['report', 'acme.launchready.json'], /say what to write: --pdf FILE, --md FILE and\/or --json FILE/],
      [['report', 'missing.json', '--md', 'x.md'], /cannot read missing\.json \(ENOENT\)/],
      [['report', 'broken.json', '--md', 'x.md'], /broken\.json is not valid JSON/],
      [['report', 'other.json', '--md', 'x.md'], /neither a project export \(\.launchready\.json\) nor the output of `launch-ready audit --json`/],
      [['report', 'badexport.json', '--md', 'x.md'], /looks like a project export but does not match its format:\n\s+- project\.\w+/],
      [['report', 'audit.json', '--md', 'x.md', '--vertical', 'bakery'], /--vertical must be one of/],
      [['report', 'audit.json', '--bogus'], /Unknown option '--bogus'/],
    ]
    for (const [args, msg] of cases) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toMatch(msg)
    }
    expect(existsSync(join(dir, 'x.md'))).toBe(false)
  })

  it('exits 1 when the output cannot be written', async () => {
    const r = await cli(['report', 'audit.json', '--md', join(dir, 'nope', 'x.md')])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/cannot write .*x\.md \(ENOENT\)/)
  })
})
