/** `launch-ready secrets`: JSON in SPEC.md's shape, SARIF 2.1.0, baselines, the ignore file, --url, exit codes, bad usage. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { runSecrets } from '../../../src/main/cli/commands/secrets'
import { captureCli } from '../../fixtures/cli'
import { Finding } from '../../../src/shared/model'
import { startDnsServer, type DnsServer } from '../../../src/main/demo/dns-server'
import { webZone } from '../../../src/main/demo/site'
import { commit, leakyRepo, newRepo, write, type LeakyRepo } from '../../fixtures/secrets/repo'
import { startLeakySite, type LeakySite } from '../../fixtures/secrets/site'

let repo: LeakyRepo
let tmp: string
let site: LeakySite
let dns: DnsServer

beforeAll(async () => {
  repo = leakyRepo()
  tmp = mkdtempSync(join(tmpdir(), 'lr-secrets-cli-'))
  site = await startLeakySite()
  dns = await startDnsServer(webZone(site.hosts))
}, 30_000)
afterAll(async () => {
  rmSync(repo.dir, { recursive: true, force: true })
  rmSync(tmp, { recursive: true, force: true })
  await Promise.all([site.close(), dns.close()])
})

const cli = (args: string[]) => captureCli(runSecrets, args)

describe('launch-ready secrets', () => {
  it('prints { meta, findings } with the evidence fields CI needs, and exits 1 on a live key', async () => {
    const r = await cli([repo.dir, '--json'])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.out) as { meta: Record<string, unknown>; findings: Finding[] }
    for (const f of j.findings) Finding.parse(f)
    expect(j.meta).toMatchObject({ command: 'secrets', path: repo.dir, rules: expect.stringMatching(/gitleaks/), summary: { repo: { git: true, commits: expect.any(Number) } } })
    const h = j.findings.find((f) => f.checkId === 'secrets.history' && f.status === 'fail')!
    expect(Object.keys(h.evidence)).toEqual(expect.arrayContaining(['location', 'file', 'line', 'commit', 'provider', 'kind', 'masked', 'fingerprint']))
    for (const v of Object.values(repo.values)) expect(r.out.includes(v.value), v.name).toBe(false)
  })

  it('writes SARIF that validates against the 2.1.0 schema, with the masked value only', async () => {
    const file = join(tmp, 'out.sarif')
    const r = await cli([repo.dir, '--sarif', file])
    expect(r.code).toBe(1)
    const sarif = JSON.parse(readFileSync(file, 'utf8')) as { runs: { results: { ruleId: string; locations?: unknown[]; partialFingerprints: Record<string, string> }[] }[] }
    const schema = JSON.parse(readFileSync(join(__dirname, '../../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'))
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv as unknown as Parameters<typeof addFormats>[0])
    const validate = ajv.compile(schema)
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(5)
    expect(sarif.runs[0]!.results.every((x) => x.partialFingerprints['launchReadySecret/v1'])).toBe(true)
    const text = readFileSync(file, 'utf8')
    for (const v of Object.values(repo.values)) expect(text.includes(v.value), v.name).toBe(false)
    // The human report went to stdout at the same time.
    expect(r.out).toMatch(/FAIL /)
  })

  it('--baseline reports only what is new; the ignore file silences a fingerprint', async () => {
    const first = await cli([repo.dir, '--json'])
    const base = join(tmp, 'baseline.json')
    writeFileSync(base, first.out)
    const again = await cli([repo.dir, '--json', '--baseline', base])
    const j = JSON.parse(again.out) as { meta: { baselineMatched: number }; findings: Finding[] }
    expect(j.findings.filter((f) => f.status === 'fail' && (f.evidence as { fingerprint?: string }).fingerprint)).toEqual([])
    expect(j.meta.baselineMatched).toBeGreaterThan(5)

    const dir = newRepo()
    const t = repo.values.untracked
    write(dir, 'app.js', `${t.line}\n`)
    commit(dir, 'one key')
    const one = JSON.parse((await cli([dir, '--json'])).out) as { findings: Finding[] }
    const fp = (one.findings.find((f) => f.checkId === 'secrets.repo' && f.status === 'fail')!.evidence as { fingerprint: string }).fingerprint
    write(dir, '.launchready-ignore', `# reviewed\n${fp}  # a sandbox token from the provider's docs\n`)
    const quiet = await cli([dir, '--json'])
    expect(quiet.code).toBe(0)
    expect((JSON.parse(quiet.out) as { findings: Finding[] }).findings.every((f) => f.status !== 'fail')).toBe(true)
    rmSync(dir, { recursive: true, force: true })
  })

  it('--no-history skips the history, says so, and finds the rest', async () => {
    const r = await cli([repo.dir, '--json', '--no-history'])
    const j = JSON.parse(r.out) as { findings: Finding[] }
    expect(j.findings.find((f) => f.checkId === 'secrets.history')).toMatchObject({ status: 'skipped' })
    expect(j.findings.some((f) => f.checkId === 'secrets.repo' && f.status === 'fail')).toBe(true)
  })

  it('--url reads the live site’s scripts and maps', async () => {
    const r = await cli(['--url', 'http://leaky.test/', '--json', '--dns-server', dns.server, '--port-map', `80:${site.port}`])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.out) as { findings: Finding[] }
    expect(j.findings.filter((f) => f.checkId === 'secrets.bundle' && f.status === 'fail').length).toBe(7)
    expect(j.findings.find((f) => f.checkId === 'secrets.sourcemaps')).toMatchObject({ status: 'fail' })
    expect(j.findings.some((f) => f.checkId === 'secrets.repo')).toBe(false)
    for (const v of Object.values(site.values)) expect(r.out.includes(v.value), v.name).toBe(false)
  })

  it('exit 2 with what is wrong: a missing folder, a bad URL, a baseline that is not one', async () => {
    expect(await cli(['/nonexistent/code'])).toMatchObject({ code: 2, err: expect.stringMatching(/does not exist/) })
    expect(await cli(['--url', 'http://exa mple'])).toMatchObject({ code: 2, err: expect.stringMatching(/--url/) })
    const bad = join(tmp, 'bad.json')
    writeFileSync(bad, '{"nope": 1}')
    expect(await cli([repo.dir, '--baseline', bad])).toMatchObject({ code: 2, err: expect.stringMatching(/no "findings" list/) })
    expect(await cli(['a', 'b'])).toMatchObject({ code: 2 })
  })

  it('exits 0 on a clean repository', async () => {
    const dir = newRepo()
    write(dir, 'index.js', 'console.log(process.env.API_KEY)\n')
    commit(dir, 'clean')
    const r = await cli([dir])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/PASS {2}No credentials in the code/)
    rmSync(dir, { recursive: true, force: true })
  })
})
