/**
 * The fixture universe's web behaviours, by host. Four domains:
 * - good.test: everything right (apex -> www with the path kept, HSTS, headers,
 *   gzip, cached fingerprinted assets, private cookies, health with a version,
 *   a rate-limited login, CDN and request-ID headers).
 * - broken.test: a "broken launch" (no https redirect on the apex, apex and www
 *   both serve, mixed content, no security headers, a publicly cached cookie,
 *   CORS reflection with credentials, a public admin page, no health, a
 *   redirect loop on loop.broken.test, a path-dropping www redirect).
 * - chain.test: a 3-hop chain that drops the path.
 * - adv.test: adversarial hosts (trickle, huge, hang, 30 hops).
 * - apexsite.test: a site nobody told us about that settles on the bare domain
 *   (www and http:// 301 there, as nginx sites often do), with a healthy
 *   /health and an open /admin dashboard.
 * - expiredsite.test: http:// redirects to https://, whose certificate has expired.
 * - hdrs.test: headers a browser ignores (repeated HSTS directive, an invalid
 *   X-Frame-Options, a CSP that does not parse).
 * TLS-specific hosts (tls.test) serve a plain page; their behaviour is in the certificates.
 */
import type http from 'node:http'
import zlib from 'node:zlib'

export type Scheme = 'http' | 'https'
type Res = http.ServerResponse

const FILLER = 'Launch Ready fixture page. '.repeat(100)
export const GOOD_VERSION = '1.4.2'

const goodHeaders: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  server: 'cloudflare',
  'cf-ray': '8c1f2a3b4c5d6e7f-LHR',
}

function send(req: http.IncomingMessage, res: Res, status: number, headers: Record<string, string | string[]>, body: string | Buffer, compress = false): void {
  let buf = typeof body === 'string' ? Buffer.from(body) : body
  const h: Record<string, string | string[]> = { ...headers }
  if (compress && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    buf = zlib.gzipSync(buf)
    h['content-encoding'] = 'gzip'
    h.vary = 'Accept-Encoding'
  }
  h['content-length'] = String(buf.length)
  res.writeHead(status, h)
  res.end(req.method === 'HEAD' ? undefined : buf)
}

const redirect = (req: http.IncomingMessage, res: Res, location: string, status = 301, extra: Record<string, string> = {}) => send(req, res, status, { location, ...extra }, '')
const notFound = (req: http.IncomingMessage, res: Res, extra: Record<string, string> = {}) => send(req, res, 404, { 'content-type': 'text/plain', ...extra }, 'not found')

const loginHits = new Map<string, number>()

function goodWww(req: http.IncomingMessage, res: Res, path: string): void {
  const rid = { ...goodHeaders, 'x-request-id': `req-${Math.random().toString(16).slice(2, 10)}` }
  const origin = req.headers.origin
  const cors: Record<string, string> = origin === 'https://www.good.test' ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {}
  if (path === '/') {
    const html = `<!doctype html><html><head><title>Good</title><link rel="stylesheet" href="/assets/site.5e1f2a9b.css"><script src="/assets/app.3f9a7c1e.js" defer></script></head><body><img src="https://www.good.test/logo.png" alt=""><p>${FILLER}</p></body></html>`
    return send(req, res, 200, { ...rid, ...cors, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-cache', 'set-cookie': ['session=abc; Path=/; Secure; HttpOnly; SameSite=Lax'] }, html, true)
  }
  if (path.startsWith('/assets/')) {
    const css = path.endsWith('.css')
    return send(req, res, 200, { ...rid, 'content-type': css ? 'text/css' : 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' }, `/* asset */ ${FILLER}`, true)
  }
  if (path === '/logo.png') return send(req, res, 200, { ...rid, 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' }, Buffer.alloc(64))
  if (path === '/health') return send(req, res, 200, { ...rid, 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify({ status: 'ok', version: GOOD_VERSION }))
  if (path === '/admin') return redirect(req, res, '/login?next=/admin', 302, rid)
  if (path === '/login') {
    const key = 'good'
    const n = (loginHits.get(key) ?? 0) + 1
    loginHits.set(key, n)
    if (n > 10) return send(req, res, 429, { ...rid, 'retry-after': '30', 'content-type': 'text/plain' }, 'slow down')
    return send(req, res, 200, { ...rid, 'content-type': 'text/html', 'cache-control': 'no-store' }, '<form method="post"><input name="email"></form>')
  }
  return notFound(req, res, rid)
}

function brokenWww(req: http.IncomingMessage, res: Res, path: string): void {
  const origin = req.headers.origin
  const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {}
  if (path === '/') {
    const html = `<!doctype html><html><head><title>Broken</title><script src="http://cdn.broken.test/widget.js"></script><link rel="stylesheet" href="/static/main.a1b2c3d4e5.css"><script src="/static/main.a1b2c3d4.js"></script></head><body><img src="http://images.broken.test/hero.jpg"><p>${FILLER}</p></body></html>`
    return send(req, res, 200, { ...cors, 'content-type': 'text/html', 'cache-control': 'public, max-age=600', 'set-cookie': ['sid=xyz; Path=/'] }, html)
  }
  if (path.startsWith('/static/')) return send(req, res, 200, { ...cors, 'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript', 'cache-control': 'no-cache' }, `/* asset */ ${FILLER}`)
  if (path === '/admin') return send(req, res, 200, { 'content-type': 'text/html' }, '<h1>Admin dashboard</h1><table><tr><td>users</td></tr></table>')
  if (path === '/login') return send(req, res, 200, { 'content-type': 'text/html' }, '<form method="post"></form>')
  return notFound(req, res)
}

function adv(req: http.IncomingMessage, res: Res, host: string, path: string): void {
  const sub = host.split('.')[0]
  if (sub === 'hang') return // accept, read, never answer
  if (sub === 'trickle') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' })
    const t = setInterval(() => res.write('x'), 1000)
    res.on('close', () => clearInterval(t))
    return
  }
  if (sub === 'huge') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < 50 * 1024 * 1024) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => (sent = Infinity))
    return pump()
  }
  if (sub === 'hops30') {
    const n = Number(/^\/hop(\d+)$/.exec(path)?.[1] ?? 0)
    return n >= 30 ? send(req, res, 200, { 'content-type': 'text/plain' }, 'finally') : redirect(req, res, `/hop${n + 1}`, 302)
  }
  return send(req, res, 200, { 'content-type': 'text/plain' }, 'adv')
}

function apexSite(req: http.IncomingMessage, res: Res, path: string): void {
  const h = { 'strict-transport-security': 'max-age=31536000', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'SAMEORIGIN', 'content-security-policy': "default-src 'self'" }
  if (path === '/') return send(req, res, 200, { ...h, 'content-type': 'text/html' }, `<!doctype html><p>${FILLER}</p>`)
  if (path === '/health') return send(req, res, 200, { ...h, 'content-type': 'application/json' }, JSON.stringify({ status: 'ok', version: '2.0.1' }))
  if (path === '/admin') return send(req, res, 200, { ...h, 'content-type': 'text/html' }, '<h1>Admin dashboard</h1><table><tr><td>customers</td><td>delete</td></tr></table>')
  return notFound(req, res, h)
}

const IGNORED_HEADERS: Record<string, string> = {
  // RFC 6797 §6.1: a directive may appear once; a browser ignores the whole header otherwise.
  'strict-transport-security': 'max-age=31536000; max-age=31536000',
  'x-frame-options': 'whimsy',
  // A colon after the directive name (a common slip) makes it no directive at all.
  'content-security-policy': "default-src: 'self'; script-src: 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

/** Handles one request for `host` over `scheme`. */
export function handle(req: http.IncomingMessage, res: Res, scheme: Scheme): void {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  const u = new URL(req.url ?? '/', 'http://x')
  const path = u.pathname
  const pq = `${u.pathname}${u.search}`
  switch (host) {
    case 'good.test':
      return redirect(req, res, `https://www.good.test${pq}`, 301, scheme === 'https' ? { 'strict-transport-security': goodHeaders['strict-transport-security']! } : {})
    case 'www.good.test':
      return scheme === 'http' ? redirect(req, res, `https://www.good.test${pq}`) : goodWww(req, res, path)
    case 'app.good.test':
    case 'api.good.test':
      if (scheme === 'http') return redirect(req, res, `https://${host}${pq}`)
      if (path === '/health') return send(req, res, 200, { ...goodHeaders, 'content-type': 'application/json', 'x-request-id': 'r1' }, JSON.stringify({ ok: true, version: GOOD_VERSION }))
      return send(req, res, 200, { ...goodHeaders, 'content-type': 'text/html', 'x-request-id': 'r2' }, '<p>app</p>')
    case 'broken.test':
      return send(req, res, 200, { 'content-type': 'text/html' }, `<p>${FILLER}</p>`)
    case 'www.broken.test':
      return scheme === 'http' ? redirect(req, res, 'https://www.broken.test/') : brokenWww(req, res, path)
    case 'app.broken.test':
      return send(req, res, 503, { 'content-type': 'text/plain' }, 'maintenance')
    case 'loop.broken.test':
      return scheme === 'http' ? redirect(req, res, `https://loop.broken.test${pq}`) : redirect(req, res, `http://loop.broken.test${pq}`, 302)
    case 'chain.test':
      return redirect(req, res, scheme === 'http' ? 'https://chain.test/' : 'https://www.chain.test/')
    case 'www.chain.test':
      if (scheme === 'http') return redirect(req, res, 'https://www.chain.test/')
      if (path === '/') return redirect(req, res, '/home', 302)
      return send(req, res, 200, { 'content-type': 'text/html' }, '<p>home</p>')
    case 'apexsite.test':
      return scheme === 'http' ? redirect(req, res, `https://apexsite.test${pq}`) : apexSite(req, res, path)
    case 'www.apexsite.test':
      return redirect(req, res, `https://apexsite.test${pq}`)
    case 'expiredsite.test':
      return scheme === 'http' ? redirect(req, res, `https://expiredsite.test${pq}`) : send(req, res, 200, { 'content-type': 'text/html' }, '<p>expired</p>')
    case 'hdrs.test':
      return scheme === 'http' ? redirect(req, res, `https://hdrs.test${pq}`) : send(req, res, 200, { ...IGNORED_HEADERS, 'content-type': 'text/html' }, `<!doctype html><p>${FILLER}</p>`)
    default:
      if (host.endsWith('.adv.test')) return adv(req, res, host, path)
      // An unclaimed Heroku app (shop.bad.test is a CNAME to it), for the dangling-record (takeover) check.
      if (host.endsWith('.herokuapp.com') || host === 'shop.bad.test') return send(req, res, 404, { 'content-type': 'text/html' }, '<title>No such app</title><p>There is no app configured at that hostname.</p>')
      if (host === 'blog.bad.test') return send(req, res, 404, { 'content-type': 'text/html' }, '<h1>404 Blog is not found</h1>')
      if (host === 'cdn.bad.test') return send(req, res, 500, { 'content-type': 'text/plain' }, `Fastly error: unknown domain: ${host}. Please check that this domain has been added to a service.`)
      if (host.endsWith('.tls.test')) return send(req, res, 200, { 'content-type': 'text/html' }, '<p>tls</p>')
      return notFound(req, res)
  }
}

/** Resets per-fixture counters (the login rate limit). */
export function resetSites(): void {
  loginHits.clear()
}
