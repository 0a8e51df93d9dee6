/** The watch on real loopback servers: N failures to down, recovery, gaps on a clock jump, certificate thresholds once, alerts delivered to a real webhook receiver and SMTP server, and launch-ready watch --once. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import { startUniverse, type Universe } from '../../fixtures/audit/universe'
import { startDnsServer, type DnsServer } from '../../../src/main/demo/dns-server'
import { webZone } from '../../../src/main/demo/site'
import { createResolver } from '../../../src/main/engine/dns/client'
import { createHttpClient, type AuditHttpClient } from '../../../src/main/engine/web/http-client'
import { Watch, type Timers, type WatchEvent, type WatchTarget } from '../../../src/main/engine/monitor/watch'
import { alertFor, deliver } from '../../../src/main/engine/monitor/alerts'
import { runWatch } from '../../../src/main/cli/commands/watch'

let uni: Universe
let flaky: http.Server
let flakyUp = true
let flakyDelayMs = 0
let flakyPort = 0
let dns: DnsServer
let plain: AuditHttpClient
const received: { path: string; body: string }[] = []
let receiver: http.Server
let receiverPort = 0
const mails: string[] = []
let smtp: SMTPServer
let smtpPort = 0

beforeAll(async () => {
  uni = await startUniverse()
  flaky = http.createServer((req, res) => {
    setTimeout(() => {
      res.writeHead(flakyUp ? 200 : 503, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: flakyUp ? 'ok' : 'down', queue: 3 }))
    }, flakyDelayMs)
  })
  await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r))
  flakyPort = (flaky.address() as AddressInfo).port
  dns = await startDnsServer(webZone(['flaky.test', 'hooks.test']))
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ path: req.url ?? '', body })
      res.writeHead(req.url === '/broken' ? 500 : 200)
      res.end('ok')
    })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  receiverPort = (receiver.address() as AddressInfo).port
  const resolver = createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 })
  plain = createHttpClient({ resolver, portMap: { 80: flakyPort }, timeoutMs: 2000 })
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, cb) {
      let m = ''
      stream.on('data', (c: Buffer) => (m += c.toString()))
      stream.on('end', () => {
        mails.push(m)
        cb()
      })
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()))
  smtpPort = (smtp.server.address() as AddressInfo).port
}, 60_000)

afterAll(async () => {
  plain?.close()
  await Promise.all([uni?.close(), dns?.close(), new Promise((r) => flaky?.close(r)), new Promise((r) => receiver?.close(r)), new Promise((r) => smtp?.close(() => r(undefined)))])
})

const target = (over: Partial<WatchTarget> = {}): WatchTarget => ({ url: 'http://flaky.test/health', label: 'health', intervalMs: 60_000, timeoutMs: 2000, ...over })

describe('the watch', () => {
  it('counts a URL down only after two failures in a row, and says when it recovers', async () => {
    const events: WatchEvent[] = []
    let now = Date.parse('2026-12-01T10:00:00Z')
    const w = new Watch([target({ jsonField: 'queue' })], { http: plain, resolver: uni.resolver, clock: { now: () => now, monotonic: () => now }, onEvent: (e) => events.push(e) })
    flakyUp = true
    expect((await w.check(target({ jsonField: 'queue' }))).field).toBe('queue is 3')
    flakyUp = false
    now += 60_000
    expect((await w.check(target())).watchState).toBe('up') // one blip is not an outage
    now += 60_000
    expect((await w.check(target())).watchState).toBe('down')
    flakyUp = true
    now += 60_000
    await w.check(target())
    const kinds = events.filter((e) => e.type !== 'check').map((e) => e.type)
    expect(kinds).toEqual(['down', 'recovered'])
    expect(events.find((e) => e.type === 'recovered')).toMatchObject({ downForMs: 60_000 })
  })

  it('alerts once when the p95 stays over the target for 5 minutes', async () => {
    const events: WatchEvent[] = []
    let now = Date.parse('2026-12-01T10:00:00Z')
    const w = new Watch([target()], { http: plain, resolver: uni.resolver, clock: { now: () => now, monotonic: () => now }, p95TargetMs: 5, onEvent: (e) => events.push(e) })
    flakyUp = true
    flakyDelayMs = 30
    try {
      for (let i = 0; i < 8; i++) {
        await w.check(target())
        now += 60_000
      }
    } finally {
      flakyDelayMs = 0
    }
    const slow = events.filter((e) => e.type === 'slow')
    expect(slow).toHaveLength(1)
    expect(slow[0]).toMatchObject({ targetMs: 5 })
  })

  it('a clock jump between ticks is an unknown gap, never downtime, and it checks again at once', async () => {
    let wall = Date.parse('2026-12-01T10:00:00Z')
    let mono = 0
    const queue: { fn: () => void; due: number }[] = []
    const timers: Timers = { setTimeout: (fn, ms) => queue.push({ fn, due: mono + ms }), clearTimeout: () => undefined }
    const events: WatchEvent[] = []
    let checks = 0
    let onCheck: (() => void) | undefined
    const w = new Watch([target()], {
      http: plain,
      resolver: uni.resolver,
      clock: { now: () => wall, monotonic: () => mono },
      timers,
      onEvent: (e) => {
        events.push(e)
        if (e.type === 'check') {
          checks++
          onCheck?.()
        }
      },
    })
    const nextCheck = () => new Promise<void>((r) => (onCheck = r))
    let waiting = nextCheck()
    w.start()
    await waiting
    // The next tick is scheduled once the check ends: wait for it, then jump the wall clock 30 minutes (monotonic 1 minute).
    await new Promise<void>((r) => setImmediate(r))
    wall += 30 * 60_000
    mono += 60_000
    waiting = nextCheck()
    queue.shift()!.fn()
    await waiting
    w.stop()
    expect(checks).toBe(2)
    expect(events.find((e) => e.type === 'gap')).toMatchObject({ reason: 'the clock jumped' })
  })

  it('reads certificate days on every https check and alerts at 21, 14 and 7 days once per certificate', async () => {
    const events: WatchEvent[] = []
    const t = (host: string) => ({ url: `https://${host}/`, label: host, intervalMs: 60_000, timeoutMs: 3000 })
    const wk = new Watch([t('week.tls.test'), t('month.tls.test'), t('good.tls.test')], { http: uni.http, resolver: uni.resolver, clock: { now: () => Date.now(), monotonic: () => performance.now() }, portMap: uni.portMap, extraCa: [uni.web.caPem], onEvent: (e) => events.push(e) })
    const first = await wk.checkAll()
    await wk.checkAll()
    expect(first.map((r) => r.certDaysLeft)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)])
    expect(first[0]!.certDaysLeft).toBeLessThanOrEqual(7)
    const certs = events.filter((e) => e.type === 'cert')
    expect(certs.map((e) => (e as { host: string; threshold: number }).host + ':' + (e as { threshold: number }).threshold).sort()).toEqual(['month.tls.test:21', 'week.tls.test:7'])
  })
})

describe('alerts', () => {
  it('delivers to a webhook and to Slack (what arrived is checked), and records the exact error when one refuses', async () => {
    const at = Date.parse('2026-12-01T10:00:00Z')
    const alert = alertFor({ type: 'down', url: 'https://acme.test/login', at, cause: 'answered 503' })
    const base = `http://hooks.test`
    const client = createHttpClient({ resolver: createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 }), portMap: { 80: receiverPort }, timeoutMs: 2000 })
    try {
      expect(await deliver({ type: 'webhook', name: 'ops hook', url: `${base}/hook` }, alert, { http: client })).toMatchObject({ ok: true, channel: 'ops hook' })
      expect(await deliver({ type: 'slack', name: 'slack', url: `${base}/slack` }, alert, { http: client })).toMatchObject({ ok: true })
      expect(await deliver({ type: 'webhook', name: 'bad', url: `${base}/broken` }, alert, { http: client })).toMatchObject({ ok: false, error: 'the webhook answered 500: ok' })
    } finally {
      client.close()
    }
    const hook = JSON.parse(received.find((r) => r.path === '/hook')!.body)
    expect(hook).toMatchObject({ source: 'launch-ready', kind: 'down', title: 'acme.test/login is down', url: 'https://acme.test/login', at: '2026-12-01T10:00:00.000Z' })
    expect(JSON.parse(received.find((r) => r.path === '/slack')!.body).text).toContain('*acme.test/login is down*')
  })

  it('sends email through a real SMTP server', async () => {
    const alert = alertFor({ type: 'recovered', url: 'https://acme.test/', at: Date.now(), downForMs: 180_000 })
    const d = await deliver({ type: 'email', name: 'founder mail', host: '127.0.0.1', port: smtpPort, secure: false, from: 'watch@acme.test', to: 'dana@acme.test' }, alert, { http: plain })
    expect(d).toMatchObject({ ok: true })
    // The subject carries an emoji, so it is MIME-encoded: decode it to read it.
    const subject = /^Subject: (.*)$/m.exec(mails.join('\n'))![1]!.replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_, b: string) => Buffer.from(b, 'base64').toString('utf8')).replace(/=\?UTF-8\?Q\?([^?]+)\?=/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'))
    expect(subject.replace(/\s+/g, ' ')).toContain('acme.test/ is back up')
    expect(mails.join('\n')).toContain('It was down for 3 min.')
    const refused = await deliver({ type: 'email', name: 'nowhere', host: '127.0.0.1', port: 1, secure: false, from: 'a@b', to: 'c@d' }, alert, { http: plain, timeoutMs: 2000 })
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED|connect/) })
  })
})

describe('launch-ready watch --once', () => {
  it('prints one JSON object per URL with the time split and certificate days, exit 0 when all are up', async () => {
    const out = new PassThrough()
    const err = new PassThrough()
    const o: string[] = []
    out.on('data', (c) => o.push(String(c)))
    const code = await runWatch(['good.test', '--once', '--json', '--dns-server', uni.dns.server, '--ca-file', await caFile(), '--port-map', `80:${uni.portMap[80]},443:${uni.portMap[443]}`], out, err)
    const lines = o.join('').trim().split('\n').map((l) => JSON.parse(l) as { url: string; state: string; httpStatus: number; ms: number; certDaysLeft: number; ttfbMs: number })
    expect(lines.map((l) => l.url)).toEqual(['https://www.good.test/', 'https://www.good.test/health'])
    for (const l of lines) expect(l).toMatchObject({ state: 'up', httpStatus: 200, certDaysLeft: expect.any(Number), ms: expect.any(Number), ttfbMs: expect.any(Number) })
    expect(code).toBe(0)
  })
})

async function caFile(): Promise<string> {
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const f = join(mkdtempSync(join(tmpdir(), 'lr-ca-')), 'ca.pem')
  writeFileSync(f, uni.web.caPem)
  return f
}

describe('launch-ready watch, long-running', () => {
  it('takes intervals and alert channels from the config, alerts on down, and stops cleanly on SIGTERM', async () => {
    const { spawn, execFile } = await import('node:child_process')
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const root = join(__dirname, '../../..')
    await new Promise<void>((resolve, reject) => execFile('node', [join(root, 'scripts/build-cli.mjs')], { cwd: root }, (e) => (e ? reject(e) : resolve())))
    const dir = mkdtempSync(join(tmpdir(), 'lr-watch-cli-'))
    const cfg = join(dir, 'watch.yml')
    writeFileSync(cfg, `domain: broken.test\ncanonicalHost: www\nwatch:\n  interval: 10\n  failures: 1\n  alerts:\n    - type: webhook\n      name: ops\n      env: LR_TEST_HOOK\n`)
    const before = received.length
    const child = spawn(process.execPath, [join(root, 'bin/launch-ready.mjs'), 'watch', '--config', cfg, '--history', join(dir, 'h.db'), '--dns-server', uni.dns.server, '--ca-file', await caFile(), '--port-map', `80:${uni.portMap[80]},443:${uni.portMap[443]}`], { env: { ...process.env, LR_TEST_HOOK: `http://127.0.0.1:${receiverPort}/cli-hook` }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let errText = ''
    child.stdout.on('data', (b: Buffer) => (out += b.toString()))
    child.stderr.on('data', (b: Buffer) => (errText += b.toString()))
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (/alert via ops: delivered/.test(out)) {
          clearInterval(t)
          resolve()
        }
      }, 50)
    })
    child.kill('SIGTERM')
    const code = await new Promise<number | null>((r) => child.once('exit', (c, sig) => r(c ?? (sig ? -1 : null))))
    expect(out, errText).toMatch(/Watching \d+ URLs every 10 s, alerts to ops/)
    expect(out).toMatch(/DOWN .*broken\.test\/health is down/)
    expect(out).toMatch(/Stopped\./)
    expect(code, errText).toBe(0)
    const hook = received.slice(before).find((r) => r.path === '/cli-hook')!
    expect(JSON.parse(hook.body)).toMatchObject({ kind: 'down', url: 'https://www.broken.test/health' })
  }, 60_000)
})
