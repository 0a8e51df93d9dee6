/**
 * The generated CI workflow: valid against the published GitHub workflow
 * schema, pinned, no secret inlined, and every step's command run for real
 * here (against the loopback fixtures and a fixture repository) to prove the
 * commands and flags exist.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { generateWorkflow, AUTOMATIONS, PINNED, type Automation } from '../../../src/main/engine/deploy/workflow'
import { validateGithubWorkflow } from '../../../src/main/engine/deploy/validate'
import { runWorkflow } from '../../../src/main/cli/commands/workflow'
import { startSite, type Site } from '../../fixtures/runs/site'
import { leakyRepo, type LeakyRepo } from '../../fixtures/secrets/repo'

const root = join(__dirname, '../../..')
let site: Site
let repo: LeakyRepo
let work: string

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile('node', [join(root, 'scripts/build-cli.mjs')], { cwd: root }, (e) => (e ? reject(e) : resolve())))
  site = await startSite()
  repo = leakyRepo()
  work = mkdtempSync(join(tmpdir(), 'lr-workflow-'))
}, 120_000)
afterAll(async () => {
  await site?.close()
  rmSync(repo.dir, { recursive: true, force: true })
  rmSync(work, { recursive: true, force: true })
})

const input = (automations: readonly Automation[] = AUTOMATIONS) => ({ domain: 'good.test', version: '0.1.0', automations, routes: ['https://www.good.test/health'], vertical: 'b2b' })

function sh(cmd: string, cwd: string, env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => execFile('bash', ['-c', cmd], { cwd, env: { ...process.env, ...env }, maxBuffer: 20 * 1024 * 1024 }, (e, out, err) => resolve({ code: e ? Number((e as { code?: number }).code ?? 99) : 0, out, err })))
}

describe('the CI workflow', () => {
  it('validates against the published workflow schema, for every choice of automations', async () => {
    for (const only of [AUTOMATIONS, ['secrets'], ['smoke'], ['audit', 'email'], ['perf']] as Automation[][]) {
      const w = generateWorkflow(input(only))
      expect(await validateGithubWorkflow(w.github), only.join(',')).toEqual([])
      expect(() => parse(w.gitlab)).not.toThrow()
    }
    expect(await validateGithubWorkflow('on: push\njobs:\n  a:\n    runz-on: x\n')).not.toEqual([])
  })

  it('pins every action to a commit SHA and the CLI to this version; values reach scripts only through env', () => {
    const w = generateWorkflow(input())
    const doc = parse(w.github) as { jobs: Record<string, { steps: { uses?: string; run?: string }[] }>; env: Record<string, string>; on: Record<string, unknown> }
    const uses = Object.values(doc.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter(Boolean)) as string[]
    expect(uses.every((u) => /@[0-9a-f]{40}$/.test(u))).toBe(true)
    expect(uses).toContain(PINNED.uploadSarif.uses)
    expect(w.github).toContain(`${PINNED.checkout.uses} # ${PINNED.checkout.tag}`)
    expect(doc.env.LAUNCH_READY).toBe('launch-ready@0.1.0')
    const runs = Object.values(doc.jobs).flatMap((j) => j.steps.map((s) => s.run).filter(Boolean)) as string[]
    expect(runs.some((r) => r.includes('${{'))).toBe(false)
    expect(Object.keys(doc.on).sort()).toEqual(['deployment_status', 'pull_request', 'push', 'schedule', 'workflow_dispatch'])
    expect(w.secrets).toEqual([])
  })

  it('every generated command runs here with real flags (the fixture site and repository stand in for yours)', async () => {
    const w = generateWorkflow(input())
    const cli = `node ${join(root, 'bin/launch-ready.mjs')}`
    // The fixture site is on loopback ports with its own DNS and CA: the commands get those flags, nothing else changes.
    const net: Record<string, string> = {
      audit: `--dns-server ${site.dns.server} --ca-file ${site.caFile} --port-map ${site.portMapSpec}`,
      smoke: `--dns-server ${site.dns.server} --ca-file ${site.caFile} --port-map ${site.portMapSpec}`,
      spf: `--dns-server ${site.dns.server}`,
      perf: `--dns-server ${site.dns.server} --ca-file ${site.caFile}`,
      secrets: '',
    }
    const httpsPort = site.portMapSpec.match(/443[:=](\d+)/)![1]!
    const env = { LAUNCH_READY: 'unused', DOMAIN: 'good.test', VERTICAL: 'b2b', EXPECT_VERSION: '1.4.2' }
    for (const a of AUTOMATIONS) {
      for (const raw of w.commands[a]) {
        const cmd = raw
          .replace('npx --yes "$LAUNCH_READY"', cli)
          .replace(/(launch-ready\.mjs) (\w+)/, (_, b: string, sub: string) => `${b} ${sub} ${net[sub] ?? ''}`)
          .replace('https://www.good.test/health', `https://www.good.test:${httpsPort}/health`)
        const r = await sh(cmd, a === 'secrets' ? repo.dir : work, env)
        // 0 or 1 are verdicts; 2 would be a flag or a usage the CLI does not know.
        expect([0, 1], `${a}: ${cmd}\n${r.err.slice(0, 400)}`).toContain(r.code)
      }
    }
    expect(existsSync(join(repo.dir, 'launch-ready-secrets.sarif'))).toBe(true)
    expect(JSON.parse(readFileSync(join(work, 'launch-ready-audit.json'), 'utf8')).findings.length).toBeGreaterThan(10)
    expect(JSON.parse(readFileSync(join(work, 'launch-ready-perf.json'), 'utf8')).findings.length).toBeGreaterThan(0)
  }, 180_000)

  it('launch-ready workflow writes the file, refuses an unknown automation and a missing folder', async () => {
    const run = async (args: string[]) => {
      const out = new PassThrough()
      const err = new PassThrough()
      const o: string[] = []
      const e: string[] = []
      out.on('data', (c) => o.push(String(c)))
      err.on('data', (c) => e.push(String(c)))
      return { code: await runWorkflow(args, out, err), out: o.join(''), err: e.join('') }
    }
    const file = join(work, 'launch-ready.yml')
    expect((await run(['acme.com', '--out', file])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toContain('DOMAIN: acme.com')
    expect((await run(['acme.com', '--gitlab'])).out).toContain('GIT_DEPTH')
    expect(await run(['acme.com', '--with', 'secrets,deploy'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown deploy/) })
    expect(await run(['acme.com', '--out', join(work, 'no/such/dir/x.yml')])).toMatchObject({ code: 2, err: expect.stringMatching(/does not exist/) })
  })
})
