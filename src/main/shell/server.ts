/**
 * The browser shell: the desktop app's main process without Electron. The
 * same services (`createServices`), the same contract through `dispatch` and
 * the same built renderer, served on 127.0.0.1 only:
 *   - `GET /?t=TOKEN` trades the one-time launch token (256 bits, printed
 *     once) for an HttpOnly, SameSite=Strict session cookie; every other
 *     request needs that cookie;
 *   - `POST /api/<channel>` with the JSON input as its body, answered with the
 *     contract's Result; the Origin must be this server's;
 *   - `GET /api/events`: Server-Sent Events, one per contract event;
 *   - everything else: the renderer's files, with the Electron window's CSP.
 * Every request's Host must be this address and port (DNS rebinding); no CORS
 * header is ever sent.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { CSP } from '../electron/csp'
import { serveStatic } from './static'
import { dispatch, type Logger } from '../services/dispatch'
import type { Services } from '../services/handlers'
import type { EventName } from '../../shared/contract'

const MAX_BODY = 16 * 1024 * 1024
const COOKIE = 'lr_session'

/** Headers every answer carries: the desktop window's CSP and no way to be framed, sniffed or read cross-origin. */
const BASE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}

export interface BrowserShell {
  /** `http://127.0.0.1:PORT/?t=TOKEN`: the one address that lets a browser in. */
  launchUrl: string
  origin: string
  port: number
  /** Sends a contract event to every connected page. */
  emit(event: EventName, payload: unknown): void
  close(): Promise<void>
}

export interface BrowserShellOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Builds the services once the shell knows how to emit (events go to the connected pages). */
  services(emit: (event: EventName, payload: unknown) => void): Promise<Services>
  log: Logger
  /** 0 (default) picks a free port. */
  port?: number
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === COOKIE) return v.join('=')
  }
  return undefined
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        fail(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}

export async function startBrowserShell(opts: BrowserShellOptions): Promise<BrowserShell> {
  const root = resolve(opts.rendererDir)
  const token = randomBytes(32).toString('base64url')
  let tokenUsed = false
  const session = randomBytes(32).toString('base64url')
  const streams = new Set<ServerResponse>()
  const emit = (event: EventName, payload: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload ?? null)}\n\n`
    for (const s of streams) s.write(frame)
  }
  const services = await opts.services(emit)
  let origin = ''
  let hostHeader = ''

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      opts.log.error('browser shell request failed', e instanceof Error ? e.stack : e)
      if (!res.headersSent) send(res, 500, 'Something went wrong on our side.')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page elsewhere that points its own name at 127.0.0.1 sends its own Host.
    if (req.headers.host !== hostHeader) return send(res, 421, 'This address is not Launch Ready’s.')
    const url = new URL(req.url ?? '/', origin)
    const signedIn = (() => {
      const c = cookieOf(req)
      return c !== undefined && same(c, session)
    })()
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('t')) {
      const t = url.searchParams.get('t') ?? ''
      if (tokenUsed || !same(t, token)) return send(res, 403, 'This Launch Ready link has expired or is wrong. Start Launch Ready again and open the address it prints.')
      tokenUsed = true
      res.writeHead(303, { ...BASE_HEADERS, location: '/', 'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` })
      return void res.end()
    }
    if (!signedIn) return send(res, 403, 'Open the address Launch Ready printed when it started (it signs this browser in once).')

    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length)
      if (req.method === 'GET' && name === 'events') {
        res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' })
        res.write(': connected\n\n')
        streams.add(res)
        const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
        req.on('close', () => {
          clearInterval(beat)
          streams.delete(res)
        })
        return
      }
      if (req.method !== 'POST') return send(res, 405, 'Calls are POST requests.', 'text/plain; charset=utf-8', { allow: 'POST' })
      // A page on another origin cannot call in, even with the cookie (SameSite already keeps it away).
      if (req.headers.origin !== origin) return send(res, 403, JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Calls are accepted from Launch Ready’s own page only.' } }), 'application/json')
      if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) return send(res, 415, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'Send the input as JSON.' } }), 'application/json')
      let text: string
      try {
        text = await readBody(req)
      } catch {
        return send(res, 413, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'That input is too large.' } }), 'application/json')
      }
      let input: unknown
      try {
        input = text.trim() === '' ? undefined : JSON.parse(text)
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-input', message: 'That input is not valid JSON.' } }), 'application/json')
      }
      const result = await dispatch(services.handlers, name, input, services.ctx, opts.log)
      return send(res, 200, JSON.stringify(result), 'application/json')
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Not allowed.')
    serveStatic(root, url.pathname, req, res, BASE_HEADERS)
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    // Loopback only, never 0.0.0.0.
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  hostHeader = `127.0.0.1:${port}`
  return {
    launchUrl: `${origin}/?t=${token}`,
    origin,
    port,
    emit,
    async close() {
      for (const s of streams) s.end()
      streams.clear()
      const closed = new Promise<void>((ok) => server.close(() => ok()))
      server.closeAllConnections()
      await closed
      await services.flush()
      await services.close()
    },
  }
}
