/** `launch-ready smoke` against the loopback fixture: pages, health, keyword and JSON checks, the live version, exit codes. */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSmoke } from '../../../src/main/cli/commands/smoke'
import { captureCli } from '../../fixtures/cli'
import { Finding } from '../../../src/shared/model'
import { startSite, type Site } from '../../fixtures/runs/site'

let site: Site
let dir: string
beforeAll(async () => {
  site = await startSite()
  dir = mkdtempSync(join(tmpdir(), 'lr-smoke-'))
}, 60_000)
afterAll(async () => {
  await site?.close()
  rmSync(dir, { recursive: true, force: true })
})

const net = () => ['--dns-server', site.dns.server, '--ca-file', site.caFile, '--port-map', site.portMapSpec]
const cli = (args: string[]) => captureCli(runSmoke, args)
const parse = (s: string) => (JSON.parse(s) as { findings: Finding[] }).findings

describe('launch-ready smoke', () => {
  it('passes a healthy site with the version just deployed, everything checked at once', async () => {
    const r = await cli(['good.test', '--expect-version', '1.4.2', '--json', ...net()])
    const fs = parse(r.out)
    for (const f of fs) Finding.parse(f)
    expect(fs.map((f) => f.status)).toEqual(fs.map(() => 'pass'))
    expect(fs.find((f) => f.target.endsWith('(live version)'))).toMatchObject({ title: '1.4.2 is live' })
    expect(fs.find((f) => f.target === 'https://www.good.test/health')?.evidence).toMatchObject({ status: 200 })
    expect(r.code).toBe(0)
  })

  it('fails when another version is live: the deploy did not go out', async () => {
    const r = await cli(['good.test', '--expect-version', '1.5.0', '--json', ...net()])
    expect(r.code).toBe(1)
    expect(parse(r.out).find((f) => f.target.endsWith('(live version)'))).toMatchObject({ status: 'fail', title: 'The live version is 1.4.2, not 1.5.0' })
  })

  it('checks a keyword and a JSON field from the config, and a missing health endpoint fails', async () => {
    const cfg = join(dir, 'smoke.json')
    writeFileSync(cfg, JSON.stringify({ domain: 'good.test', criticalUrls: [{ url: 'https://www.good.test/health', label: 'health status', expectJson: 'status=ok' }, { url: 'https://www.good.test/', label: 'home', expectKeyword: 'no such words here' }] }))
    const r = await cli(['--config', cfg, '--json', ...net()])
    const fs = parse(r.out)
    expect(r.code).toBe(1)
    expect(fs.find((f) => f.status === 'fail' && /does not contain “no such words here”/.test(f.summary))).toBeDefined()
    const broken = parse((await cli(['broken.test', '--json', ...net()])).out)
    expect(broken.find((f) => f.target.endsWith('/health'))?.status).toMatch(/fail|error/)
  })

  it('bad usage exits 2 with what is wrong', async () => {
    expect(await cli([])).toMatchObject({ code: 2, err: expect.stringMatching(/give the domain/) })
    expect(await cli(['good.test', '--url', 'not a url'])).toMatchObject({ code: 2, err: expect.stringMatching(/--url/) })
    expect(await cli(['good.test', '--health', 'health'])).toMatchObject({ code: 2, err: expect.stringMatching(/starting with \//) })
  })
})
