/**
 * The browser shell over real HTTP on loopback: the one-time token traded for
 * an HttpOnly SameSite=Strict cookie, every call refused without it, the Host
 * and Origin checks, the contract's typed errors, events over SSE, file
 * dialogs answered by the page and checked by main, and no listening socket
 * on any address but 127.0.0.1.
 */
import http from 'node:http'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserShell, type BrowserShell } from '../../../src/main/shell/server'
import { promptDialogs } from '../../../src/main/shell/dialogs'
import { testServices } from '../../fixtures/services'

let dir: string
let shell: BrowserShell
let cookie = ''

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function request(path: string, o: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: shell.port, path, method: o.method ?? 'GET', headers: { host: o.host ?? `127.0.0.1:${shell.port}`, ...o.headers } }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(o.body)
  })
}
const call = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${channel}`, { method: 'POST', body: input === undefined ? '' : JSON.stringify(input), headers: { 'content-type': 'application/json', origin: shell.origin, cookie, ...headers } })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lr-shell-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Launch Ready</title><script src="/app.js"></script>')
  writeFileSync(join(renderer, 'app.js'), 'void 0')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
  shell = await startBrowserShell({
    rendererDir: renderer,
    log: { warn() {}, error() {} },
    services: (emit) => testServices({ dataDir: join(dir, 'data'), host: 'browser', emit, dialogs: promptDialogs((req) => emit('app.dialog', req), { home: dir }) }),
  })
})
afterAll(async () => {
  await shell?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('signing in', () => {
  it('listens on 127.0.0.1 only, with a token of at least 128 bits', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const token = new URL(shell.launchUrl).searchParams.get('t')!
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
  })

  it('refuses everything before sign-in, and a wrong token', async () => {
    for (const path of ['/', '/app.js', '/api/events']) expect((await request(path)).status).toBe(403)
    expect((await call('app.info', undefined, { cookie: '' })).status).toBe(403)
    expect((await request('/?t=not-the-token')).status).toBe(403)
  })

  it('trades the token once for an HttpOnly, SameSite=Strict cookie', async () => {
    const r = await request(new URL(shell.launchUrl).pathname + new URL(shell.launchUrl).search)
    expect(r.status).toBe(303)
    const set = String(r.headers['set-cookie'])
    expect(set).toMatch(/^lr_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/)
    cookie = set.split(';')[0]!
    // The link works once: a copy in the shell history or a log lets nobody else in.
    expect((await request(new URL(shell.launchUrl).pathname + new URL(shell.launchUrl).search)).status).toBe(403)
    expect((await request('/?t=x', { headers: { cookie: 'lr_session=forged' } })).status).toBe(403)
  })

  it('serves the renderer with the desktop window’s CSP, and never a CORS header', async () => {
    const r = await request('/', { headers: { cookie } })
    expect(r.status).toBe(200)
    expect(r.body).toContain('<title>Launch Ready</title>')
    expect(r.headers['content-security-policy']).toContain("script-src 'self'")
    expect(r.headers['x-frame-options']).toBe('DENY')
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    expect((await request('/../secret.txt', { headers: { cookie } })).status).toBe(404)
    expect((await request('/%2e%2e/secret.txt', { headers: { cookie } })).body).not.toContain('outside the renderer')
  })
})

describe('calls', () => {
  it('answers with the contract’s Result', async () => {
    const r = await call('app.info', undefined)
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'browser' } })
  })

  it('a bad input gets the contract’s typed error', async () => {
    expect(JSON.parse((await call('projects.get', { nope: 1 })).body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(JSON.parse((await call('no.such', {})).body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    expect((await request('/api/app.info', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', origin: shell.origin, cookie } })).status).toBe(400)
  })

  it('a foreign Host (DNS rebinding) or a foreign or missing Origin is refused, even with the cookie', async () => {
    expect((await request('/', { headers: { cookie }, host: `evil.example:${shell.port}` })).status).toBe(421)
    expect((await request('/', { headers: { cookie }, host: `localhost:${shell.port}` })).status).toBe(421)
    expect((await call('app.info', undefined, { origin: 'https://evil.example' })).status).toBe(403)
    expect((await request('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json', cookie } })).status).toBe(403)
    expect((await request('/api/app.info', { method: 'GET', headers: { cookie } })).status).toBe(405)
  })

  it.skipIf(!Object.values(networkInterfaces()).flat().some((i) => i && !i.internal && i.family === 'IPv4'))('is not reachable on the machine’s other addresses', async () => {
    const other = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')!.address
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: other, port: shell.port })
      s.once('connect', () => (s.destroy(), resolve(false)))
      s.once('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })
})

describe('events and file dialogs', () => {
  it('a project export asks the page for a path over SSE, refuses a bad one with the reason, then saves where the page said', async () => {
    const created = JSON.parse((await call('projects.create', { name: 'Shell Test', vertical: 'coach', domain: 'shell-test.example' })).body) as { value: { id: string } }
    const events: { event: string; data: unknown }[] = []
    const stream = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port: shell.port, path: '/api/events', headers: { host: `127.0.0.1:${shell.port}`, cookie } }, resolve))
    stream.on('error', () => {})
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/)
    let buf = ''
    stream.on('data', (c: Buffer) => {
      buf += c
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const frame = buf.slice(0, i)
        buf = buf.slice(i + 2)
        const ev = /^event: (.+)$/m.exec(frame)?.[1]
        const data = /^data: (.+)$/m.exec(frame)?.[1]
        if (ev && data) events.push({ event: ev, data: JSON.parse(data) })
      }
    })
    const exported = call('projects.export', { id: created.value.id })
    await expect.poll(() => events.length).toBe(1)
    const req = events[0]!.data as { id: string; kind: string; suggestedPath: string }
    expect(events[0]!.event).toBe('app.dialog')
    expect(req).toMatchObject({ kind: 'save', suggestedPath: join(dir, 'shell-test.example.launchready.json') })
    const bad = JSON.parse((await call('app.answerDialog', { id: req.id, path: join(dir, 'no-such-folder', 'x.json') })).body)
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-path', message: `The folder ${join(dir, 'no-such-folder')} does not exist.` } })
    expect(JSON.parse((await call('app.answerDialog', { id: req.id, path: 'relative.json' })).body).error.message).toMatch(/full path/)
    const target = join(dir, 'exported')
    expect(JSON.parse((await call('app.answerDialog', { id: req.id, path: target })).body)).toMatchObject({ ok: true })
    expect(JSON.parse((await exported).body)).toMatchObject({ ok: true })
    expect(existsSync(`${target}.launchready.json`)).toBe(true)
    expect(JSON.parse(readFileSync(`${target}.launchready.json`, 'utf8')).project.name).toBe('Shell Test')
    expect(JSON.parse((await call('app.answerDialog', { id: req.id, path: null })).body)).toMatchObject({ ok: false, error: { code: 'no-dialog' } })
    stream.destroy()
  })
})
