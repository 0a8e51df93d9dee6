/**
 * The RFC 7208 suite driven through `launch-ready spf` (its command function,
 * with the argv a user would type and its stdout read back as --json): every
 * case's inputs reach check_host() as given — domain literals, empty or long
 * labels, a one-word HELO, a sender with a space — and hostile records (a line
 * break, a control character) give permerror, never a crash. One case also
 * runs as a real process to show no stack trace reaches the terminal.
 */
import { execFile } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { startDnsServer } from '../fixtures/dns/server'
import { acceptable, suiteZone, type SuiteTest } from './spf/suite-zone'
import { eachSuiteCase, SUITE_DOCS as docs } from './spf/suite'
import { runSpf } from '../../src/main/cli/commands/spf'

const BIN = fileURLToPath(new URL('../../bin/launch-ready.mjs', import.meta.url))

let passed = 0
afterAll(() => console.log(`RFC 7208 suite through the CLI: ${passed} / 203 cases passed`))

/** The argv for a case: the domain to lint is the sender's (or the HELO name when there is no sender). */
const argvOf = (t: SuiteTest, server: string) => {
  const domain = t.mailfrom.includes('@') ? t.mailfrom.split('@').pop()! : t.mailfrom || t.helo
  return [domain, '--ip', t.host, '--sender', t.mailfrom, '--helo', t.helo, '--dns-server', server, '--timeout', '0.5', '--json']
}

eachSuiteCase(async (id, t, s) => {
  const out = new PassThrough()
  const err = new PassThrough()
  let o = ''
  let e = ''
  out.on('data', (d: Buffer) => (o += d))
  err.on('data', (d: Buffer) => (e += d))
  const code = await runSpf(argvOf(t, s.server), out, err)
  expect(code, e).not.toBe(2)
  const result = (JSON.parse(o) as { evaluation: { result: string } }).evaluation.result
  expect(acceptable(t), `${id}: got ${result}`).toContain(result)
  expect(code).toBe(['permerror', 'temperror'].includes(result) ? 1 : code)
  passed++
})

describe('a record with a control character, as a real process', () => {
  it('prints permerror and exits 1, with no stack trace', async () => {
    const doc = docs.find((d) => Object.keys(d.tests).includes('control-char-policy'))!
    const s = await startDnsServer(suiteZone(doc))
    try {
      const t = doc.tests['control-char-policy']!
      const r = await new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
        execFile(process.execPath, [BIN, 'spf', ...argvOf(t, s.server).filter((a) => a !== '--json')], { timeout: 20_000 }, (e, out, err) => resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, out, err })),
      )
      expect(r.out.split('\n')[0]).toBe('permerror')
      expect(r.code).toBe(1)
      expect(r.err).not.toMatch(/at .*\.(js|ts):\d+/)
      expect(r.out).toMatch(/control character/)
    } finally {
      await s.close()
    }
  }, 30_000)
})
