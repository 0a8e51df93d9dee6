/**
 * The audit fixture's web servers on 127.0.0.1 (port 0): one HTTP server and
 * one HTTPS front that reads the SNI name of each ClientHello and routes the
 * connection: to the modern TLS server (TLS 1.2+), to a legacy one (TLS 1.0
 * accepted, for legacy.tls.test), to garbage bytes, or to a stall. Every host
 * gets its certificate by SNI. Use with the engine's `portMap`.
 */
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import { Duplex } from 'node:stream'
import type { AddressInfo } from 'node:net'
import { createPki, type Issued, type Pki } from './pki'
import { parseSni } from './sni'
import { handle, resetSites } from './sites'

export interface AuditFixture {
  /** `{ 80: httpPort, 443: httpsPort }` for the engine. */
  portMap: Record<number, number>
  httpPort: number
  httpsPort: number
  /** The root to trust (`extraCa`). */
  caPem: string
  pki: Pki
  /** Every host name the fixture serves, all at 127.0.0.1. */
  hosts: string[]
  /** TLS connections per SNI name (how many handshakes were attempted). */
  tlsConnections: Map<string, number>
  close(): Promise<void>
}

export const WEB_HOSTS = [
  'good.test',
  'www.good.test',
  'app.good.test',
  'api.good.test',
  'broken.test',
  'www.broken.test',
  'app.broken.test',
  'loop.broken.test',
  'chain.test',
  'www.chain.test',
  'hang.adv.test',
  'trickle.adv.test',
  'huge.adv.test',
  'hops30.adv.test',
  'good.tls.test',
  'expired.tls.test',
  'week.tls.test',
  'soon.tls.test',
  'month.tls.test',
  'wrongname.tls.test',
  'nointer.tls.test',
  'selfsigned.tls.test',
  'legacy.tls.test',
  'garbage.tls.test',
  'stall.tls.test',
  'ghost.herokuapp.com',
  'apexsite.test',
  'www.apexsite.test',
  'expiredsite.test',
  'hdrs.test',
]

function certsFor(pki: Pki): Map<string, Issued> {
  const m = new Map<string, Issued>()
  for (const d of ['good.test', 'broken.test', 'chain.test', 'adv.test', 'apexsite.test', 'hdrs.test']) {
    const c = pki.leaf([d, `*.${d}`])
    m.set(d, c)
    m.set(`*.${d}`, c)
  }
  m.set('good.tls.test', pki.leaf(['good.tls.test']))
  m.set('legacy.tls.test', pki.leaf(['legacy.tls.test']))
  m.set('expired.tls.test', pki.leaf(['expired.tls.test'], { daysLeft: -3 }))
  m.set('week.tls.test', pki.leaf(['week.tls.test'], { daysLeft: 5 }))
  m.set('soon.tls.test', pki.leaf(['soon.tls.test'], { daysLeft: 10 }))
  m.set('month.tls.test', pki.leaf(['month.tls.test'], { daysLeft: 20 }))
  m.set('expiredsite.test', pki.leaf(['expiredsite.test'], { daysLeft: -3 }))
  m.set('wrongname.tls.test', pki.leaf(['other.example']))
  m.set('nointer.tls.test', pki.leaf(['nointer.tls.test'], { withIntermediate: false }))
  m.set('selfsigned.tls.test', pki.selfSigned(['selfsigned.tls.test']))
  return m
}

function pick(certs: Map<string, Issued>, name: string): Issued {
  return certs.get(name) ?? certs.get(`*.${name.split('.').slice(1).join('.')}`) ?? certs.get('good.test')!
}

export async function startAuditFixture(opts: { pki?: Pki } = {}): Promise<AuditFixture> {
  resetSites()
  const pki = opts.pki ?? createPki()
  const certs = certsFor(pki)
  const contexts = new Map<string, tls.SecureContext>()
  const ctxFor = (name: string) => {
    const c = pick(certs, name)
    let sc = contexts.get(c.cert)
    if (!sc) {
      sc = tls.createSecureContext({ key: c.key, cert: c.chain })
      contexts.set(c.cert, sc)
    }
    return sc
  }
  const def = pick(certs, 'good.test')
  const sockets = new Set<net.Socket>()
  const track = (s: net.Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  }

  const httpServer = http.createServer((req, res) => handle(req, res, 'http'))
  const sni = { SNICallback: (name: string, cb: (e: Error | null, c?: tls.SecureContext) => void) => cb(null, ctxFor(name)) }
  const modern = https.createServer({ key: def.key, cert: def.chain, ...sni }, (req, res) => handle(req, res, 'https'))
  const legacy = https.createServer({ key: def.key, cert: def.chain, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0', ...sni }, (req, res) => handle(req, res, 'https'))
  // Its own server (no SNI switch), so OpenSSL cannot fill in the chain from another context.
  const noInter = pick(certs, 'nointer.tls.test')
  const leafOnly = https.createServer({ key: noInter.key, cert: noInter.chain }, (req, res) => handle(req, res, 'https'))
  for (const s of [httpServer, modern, legacy, leafOnly]) {
    s.on('connection', track)
    s.on('tlsClientError', () => {})
    s.on('clientError', (_e, sock: net.Socket) => sock.destroy())
  }
  const tlsConnections = new Map<string, number>()

  const front = net.createServer((sock) => {
    track(sock)
    sock.on('error', () => {})
    let buf = Buffer.alloc(0)
    const onData = (c: Buffer) => {
      buf = Buffer.concat([buf, c])
      const r = parseSni(buf)
      if (!r.done) return
      sock.off('data', onData)
      sock.pause()
      const name = r.name ?? ''
      tlsConnections.set(name, (tlsConnections.get(name) ?? 0) + 1)
      if (name === 'stall.tls.test') return // hold the handshake forever
      if (name === 'garbage.tls.test') {
        sock.end(Buffer.from('\x16\x03\x03\x00\x10this is not tls!', 'latin1'))
        return
      }
      // A TLS server reads a net.Socket's native handle directly, so bytes already
      // read here would be lost: hand it a JS duplex that replays them first.
      const duplex = new Duplex({
        read: () => void sock.resume(),
        write: (chunk: Buffer, _enc, cb) => void sock.write(chunk, cb),
        final: (cb) => {
          sock.end()
          cb()
        },
        destroy: (err, cb) => {
          sock.destroy()
          cb(err)
        },
      })
      duplex.push(buf)
      sock.on('data', (d: Buffer) => {
        if (!duplex.push(d)) sock.pause()
      })
      sock.on('end', () => duplex.push(null))
      sock.on('close', () => duplex.destroy())
      ;(name === 'legacy.tls.test' ? legacy : name === 'nointer.tls.test' ? leafOnly : modern).emit('connection', duplex)
    }
    sock.on('data', onData)
  })

  const listen = (s: net.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)))
  const httpPort = await listen(httpServer)
  const httpsPort = await listen(front)
  return {
    portMap: { 80: httpPort, 443: httpsPort },
    httpPort,
    httpsPort,
    caPem: pki.rootPem,
    pki,
    hosts: [...WEB_HOSTS],
    tlsConnections,
    async close() {
      for (const s of sockets) s.destroy()
      await Promise.all([httpServer, front].map((s) => new Promise<void>((r) => s.close(() => r()))))
      modern.close()
      legacy.close()
      leafOnly.close()
    },
  }
}
