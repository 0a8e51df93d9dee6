/** `launch-ready spf`: the tree and result as spfquery prints them, JSON, exit codes, bad usage. */
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDnsServer, type DnsServer } from '../../fixtures/dns/server'
import { D, goodZone, txtRecord, withApexTxt, withRecords } from '../../fixtures/email/zones'
import { runSpf } from '../../../src/main/cli/commands/spf'

let server: DnsServer
beforeAll(async () => {
  server = await startDnsServer(goodZone())
})
afterAll(async () => {
  await server.close()
})

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough()
  const err = new PassThrough()
  const chunks: string[] = []
  const errs: string[] = []
  out.on('data', (c) => chunks.push(String(c)))
  err.on('data', (c) => errs.push(String(c)))
  const code = await runSpf(args, out, err)
  return { code, out: chunks.join(''), err: errs.join('') }
}

describe('launch-ready spf', () => {
  it('prints the result like spfquery, then the tree, and exits 0 for a sound record', async () => {
    server.setZone(goodZone())
    const r = await cli([D, '--ip', '74.125.1.2', '--sender', `bob@${D}`, '--helo', 'mail.example.net', '--dns-server', server.server])
    expect(r.code).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toBe('pass')
    expect(r.out).toMatch(/^Received-SPF: pass .*client-ip=74\.125\.1\.2;/m)
    expect(r.out).toContain(`SPF lookup tree for ${D}:`)
    expect(r.out).toContain(`${D}: 1 lookup here, 1 with everything below`)
    expect(r.out).toContain('include _spf.google.com: 0 lookups here')
  })
  it('gives softfail for an address the record does not list', async () => {
    server.setZone(goodZone())
    const r = await cli([D, '--ip', '192.0.2.99', '--dns-server', server.server])
    expect(r.out.split('\n')[0]).toBe('softfail')
    expect(r.code).toBe(0)
  })
  it('exits 1 and shows where the tree goes past 10 for a broken record, with --json', async () => {
    const incs = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`i${i}.test`, [txtRecord('v=spf1 ip4:198.51.100.1 ~all')]]))
    server.setZone(withRecords(withApexTxt(goodZone(), `v=spf1 ${Object.keys(incs).map((n) => `include:${n}`).join(' ')} -all`), incs))
    const r = await cli([D, '--ip', '192.0.2.200', '--json', '--dns-server', server.server])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.out)
    expect(j.evaluation.result).toBe('permerror')
    expect(j.lint.totalLookups).toBe(11)
    expect(j.lint.overLimitAt).toBe('i10.test')
    expect(j.tree.children).toHaveLength(11)
    expect(j.findings.find((f: { checkId: string }) => f.checkId === 'email.spf.lookups').status).toBe('fail')
    const human = await cli([D, '--dns-server', server.server])
    expect(human.out).toContain('include i10.test: 0 lookups here, 0 with everything below  <-- goes past 10 lookups here')
  })
  it('exits 1 when the domain has no SPF record and says so', async () => {
    server.setZone(withApexTxt(goodZone()))
    const r = await cli([D, '--dns-server', server.server])
    expect(r.code).toBe(1)
    expect(r.out).toContain(`FAIL  Anyone can send email pretending to be ${D}`)
  })
  it('exits 1 with temperror when DNS does not answer', async () => {
    server.setZone({ ...goodZone(), faults: { [D]: 'TIMEOUT' } })
    const r = await cli([D, '--ip', '192.0.2.1', '--dns-server', server.server, '--timeout', '0.2'])
    expect(r.code).toBe(1)
    expect(r.out.split('\n')[0]).toBe('temperror')
    expect(r.out).toMatch(/ERROR .*could not check/)
  })
  for (const [args, msg] of [
    [[], /give the domain/],
    [[D, 'other.test'], /exactly one domain/],
    [[D, '--ip', '300.1.1.1'], /not an IPv4 or IPv6/],
    [[D, '--sender', 'a@b.test'], /need --ip/],
    [[D, '--dns-server', 'not a server'], /--dns-server/],
    [[D, '--bogus'], /Unknown option/],
    [['has space.com'], /spaces/],
  ] as const) {
    it(`exits 2 on bad usage: ${args.join(' ') || '(nothing)'}`, async () => {
      const r = await cli([...args])
      expect(r.code).toBe(2)
      expect(r.err).toMatch(msg)
    })
  }
})
