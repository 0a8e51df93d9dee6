/**
 * `launch-ready audit`, spawned from the built CLI (bin/launch-ready.mjs)
 * against the loopback fixture universe: exit codes 0/1/2, --json against the
 * Finding schema, the grouped plain-text report without colour off a TTY,
 * --config validation, --pdf.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Finding } from '../../../src/shared/model'
import { startSite, type Site } from '../../fixtures/runs/site'

const root = join(__dirname, '../../..')
let site: Site

/** Spawned asynchronously: the fixture servers live in this process and must keep answering. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('node', [join(root, 'bin/launch-ready.mjs'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 20 * 1024 * 1024 }, (e, out, err) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 99) : 0, out, err }),
    )
  })
}
const net = () => ['--dns-server', site.dns.server, '--ca-file', site.caFile, '--port-map', site.portMapSpec]

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => execFile('node', [join(root, 'scripts/build-cli.mjs')], { cwd: root }, (e) => (e ? reject(e) : resolve())))
  site = await startSite()
}, 120_000)
afterAll(async () => {
  await site?.close()
})

const Output = z.object({
  findings: z.array(Finding),
  verdict: z.object({ kind: z.enum(['go', 'no-go', 'incomplete']), headline: z.string(), reasons: z.array(z.string()) }),
  mustFix: z.array(z.string()),
  artifacts: z.record(z.string(), z.unknown()),
  meta: z.object({ command: z.literal('audit'), version: z.string(), node: z.string(), domain: z.string(), state: z.string(), durationMs: z.number(), timings: z.object({ totalMs: z.number() }).passthrough(), suites: z.array(z.string()) }).passthrough(),
})

describe('launch-ready audit', () => {
  it('exit 1 on the broken site; --json validates against the Finding schema with meta and artifacts', async () => {
    const r = await cli(['audit', 'broken.test', ...net(), '--json'])
    expect(r.code).toBe(1)
    const j = Output.parse(JSON.parse(r.out))
    expect(j.meta).toMatchObject({ domain: 'broken.test', state: 'completed', dnsServer: site.dns.server, caFile: 'ca.pem' })
    expect(j.verdict.kind).toBe('no-go')
    const redirect = j.findings.find((f) => f.checkId === 'http.https-redirect' && f.target === 'http://broken.test/')
    expect(redirect).toMatchObject({ status: 'fail', severity: 'blocker', stage: 2 })
    expect(j.mustFix).toContain('http.https-redirect@http://broken.test/')
    expect(Array.isArray(j.artifacts.surface)).toBe(true)
    // Nothing but JSON on stdout, nothing drawn on stderr when it is not a terminal.
    expect(r.err).toBe('')
  }, 60_000)

  it('exit 0 on the healthy site once its one loopback-only risk is accepted in the config', async () => {
    const cfg = join(site.dir, 'good.json')
    writeFileSync(cfg, JSON.stringify({ acceptedRisks: { 'dns.private-address@good.test': 'The offline fixture lives on 127.0.0.1.' } }))
    const r = await cli(['audit', 'https://www.good.test/', ...net(), '--json', '--config', cfg])
    const j = Output.parse(JSON.parse(r.out))
    const bad = j.findings.filter((f) => (f.status === 'fail' || f.status === 'error') && (f.severity === 'blocker' || f.severity === 'high'))
    expect(bad.map((f) => `${f.checkId}@${f.target}`)).toEqual(['dns.private-address@good.test'])
    expect(j.verdict.kind).toBe('go')
    expect(r.code).toBe(0)
    // www.good.test means the site good.test.
    expect(j.meta.domain).toBe('good.test')
    // Without the acceptance the same audit exits 1.
    expect((await cli(['audit', 'good.test', ...net(), '--json'])).code).toBe(1)
  }, 60_000)

  it('prints a readable report grouped by stage, without colour or spinner off a terminal', async () => {
    const r = await cli(['audit', 'broken.test', ...net()])
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/^Launch Ready audit of broken\.test \(\d+ results in [\d.]+ s\)/)
    expect(r.out).toMatch(/NO-GO: Not ready: fix \d+ problems? before launch/)
    expect(r.out).toMatch(/\nStage 2 · Domain, DNS and email\n/)
    expect(r.out).toMatch(/\nStage 3 · Edge and protection\n/)
    expect(r.out).toMatch(/FAIL {8}http:\/\/broken\.test does not switch to https:\/\/ \[blocker, fix before launch\]/)
    expect(r.out).toMatch(/\d+ passed, \d+ warnings, \d+ failed, \d+ could not be checked, \d+ skipped\./)
    // eslint-disable-next-line no-control-regex
    expect(r.out + r.err).not.toMatch(/\u001b\[|[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|✓|✗/)
  }, 60_000)

  it('reads a YAML config: subdomains and the vertical shape the audit', async () => {
    const cfg = join(site.dir, 'acme.yaml')
    writeFileSync(cfg, 'vertical: ecommerce\nsubdomains:\n  - app\ndiscoverCommonSubdomains: false\n')
    const r = await cli(['audit', 'broken.test', ...net(), '--json', '--config', cfg])
    const j = Output.parse(JSON.parse(r.out))
    expect(j.meta).toMatchObject({ vertical: 'ecommerce', config: 'acme.yaml' })
    expect(j.findings.find((f) => f.checkId === 'http.subdomain' && f.target.includes('app.broken.test'))?.status).toBe('fail')
  }, 60_000)

  it('exit 2 with exactly what is wrong: bad domain, bad config, unreadable CA, bad DNS server, unknown flag', async () => {
    const bad = join(site.dir, 'bad.yaml')
    writeFileSync(bad, 'vertical: bakery\nsubdomains:\n  - "app!"\ncriticalUrl: []\n')
    const cases: [string[], RegExp][] = [
      [['audit'], /give the domain to audit/],
      [['audit', 'acme'], /“acme” is a single word/],
      [['audit', 'broken.test', '--config', bad], /bad\.yaml is not a valid project file:\n/],
      [['audit', 'broken.test', '--config', join(site.dir, 'nope.json')], /cannot read the config file/],
      [['audit', 'broken.test', '--ca-file', join(site.dir, 'missing.pem')], /cannot read the CA file|could not read the CA file/],
      [['audit', 'broken.test', '--dns-server', 'dns.example'], /--dns-server: "dns\.example" is not a DNS server address/],
      [['audit', 'broken.test', '--port-map', '443'], /--port-map: “443” is not a port mapping/],
      [['audit', 'broken.test', '--frobnicate'], /Unknown option '--frobnicate'/],
    ]
    for (const [args, msg] of cases) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toMatch(msg)
      expect(r.out).toBe('')
    }
    const r = await cli(['audit', 'broken.test', '--config', bad])
    expect(r.err).toContain('  vertical: must be one of community, coach, membership, ecommerce, b2b\n')
    expect(r.err).toContain('  subdomains.0: a subdomain label has letters, digits and hyphens only, like app or api\n')
    expect(r.err).toContain('  (top level): unknown field “criticalUrl”\n')
  }, 60_000)

  it('a config that does not parse is named with the line and column, never quoted (it may be a secret given by mistake)', async () => {
    const passwd = join(site.dir, 'passwd')
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n')
    const env = join(site.dir, 'prod.env.json')
    writeFileSync(env, '{\n  "DATABASE_URL": "postgres://app:s3cr3t-pw@db.internal/app",\n  STRIPE_SECRET_KEY=sk_live_canary\n}\n')
    const yml = join(site.dir, 'keys.yaml')
    writeFileSync(yml, 'token: "ghp_canarycanary\n  other: [unclosed\n')
    const cases: [string, RegExp][] = [
      [passwd, /passwd is not valid JSON: an unexpected character at line 1, column 1/],
      [env, /prod\.env\.json is not valid JSON: an unexpected character at line 3, column 3/],
      [yml, /keys\.yaml is not valid YAML: .* at line \d+, column \d+/],
    ]
    for (const [file, msg] of cases) {
      const r = await cli(['audit', 'broken.test', '--config', file])
      expect(r.code).toBe(2)
      expect(r.err).toMatch(msg)
      expect(r.err).not.toMatch(/root:x|s3cr3t|sk_live|ghp_canary|unclosed/)
    }
  }, 60_000)

  it('Ctrl+C stops the audit promptly and prints what finished, never a go', async () => {
    site.dns.setDelay(30_000)
    site.dns.clearLog()
    try {
      const child = spawn('node', [join(root, 'bin/launch-ready.mjs'), 'audit', 'broken.test', ...net(), '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (c: Buffer) => (out += c.toString()))
      // The audit is under way once the fixture has seen its first DNS question.
      await expect.poll(() => site.dns.log.length, { timeout: 20_000 }).toBeGreaterThan(0)
      const t0 = Date.now()
      child.kill('SIGINT')
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
      expect(Date.now() - t0).toBeLessThan(5000)
      const j = Output.parse(JSON.parse(out))
      expect(j.meta.state).toBe('cancelled')
      expect(j.verdict.kind).not.toBe('go')
      expect(j.verdict.reasons.join(' ')).toMatch(/stopped before it finished|No checks have run/)
      expect(code === 0 || code === 1).toBe(true)
    } finally {
      site.dns.setDelay(0)
      site.dns.clearLog()
    }
  }, 60_000)

  it('--pdf writes the handover pack', async () => {
    const pdf = join(site.dir, 'pack.pdf')
    const r = await cli(['audit', 'broken.test', ...net(), '--json', '--pdf', pdf])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/Handover PDF written to/)
    expect(existsSync(pdf)).toBe(true)
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
  }, 120_000)
})
