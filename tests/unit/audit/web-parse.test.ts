/** Pure helpers of the audit families: HTML resources, fingerprints, caching, HSTS, versions, addresses, names, providers, SNI. */
import { describe, expect, it } from 'vitest'
import { isFingerprinted, pageResources } from '../../../src/main/engine/web/html'
import { cacheControl, sharedCacheSeconds } from '../../../src/main/engine/web/checks-edge'
import { expirySeverity } from '../../../src/main/engine/web/checks-tls'
import { versionInBody } from '../../../src/main/engine/web/checks-page'
import { edgeProviderOf, providerOf, withProvider } from '../../../src/main/engine/web/providers'
import { absoluteName, cnameChain, describeNoAddress, isSpecialUse, nonPublicKind } from '../../../src/main/engine/dnscheck/query'
import { caDomainsFor } from '../../../src/main/engine/dnscheck/checks-authority'
import { takeoverServiceFor, TAKEOVER_SERVICES } from '../../../src/main/engine/dnscheck/takeover'
import { hostLabel, recordsFix, zoneLine } from '../../../src/main/engine/dnscheck/fixes'
import { pathKept, PATH_PROBE, type Walk } from '../../../src/main/engine/web/surface'
import { inDomain, mapLimit } from '../../../src/main/engine/web/util'
import { parseSni } from '../../fixtures/audit/sni'
import type { AuditTarget, DnsResponse, HttpResponse } from '../../../src/main/engine/types'

const res = (headers: Record<string, string>) => ({ headers }) as Pick<HttpResponse, 'headers'>

describe('page resources', () => {
  it('finds scripts, styles, images, srcset and frames, resolved against the page, and ignores comments', () => {
    const html = `<link rel="stylesheet" href="/a.css"><link rel="canonical" href="http://x.test/"><script src='http://cdn.test/x.js'></script>
      <img src=//img.test/p.png srcset="a.png 1x, http://i.test/b.png 2x"><iframe src="https://f.test/"></iframe><!-- <script src="http://old.test/x.js"></script> -->`
    const r = pageResources(html, 'https://www.acme.test/page')
    expect(r.map((x) => [x.tag, x.url, x.active])).toEqual([
      ['link', 'https://www.acme.test/a.css', true],
      ['script', 'http://cdn.test/x.js', true],
      ['img', 'https://img.test/p.png', false],
      ['img', 'https://www.acme.test/a.png', false],
      ['img', 'http://i.test/b.png', false],
      ['iframe', 'https://f.test/', true],
    ])
  })

  it('tells fingerprinted file names from plain ones', () => {
    for (const u of ['https://a.test/assets/app.3f9a7c1e.js', 'https://a.test/_next/static/chunks/main-B2xQ9kLm.css', 'https://a.test/x/index.a1b2c3d4e5f6.woff2']) expect(isFingerprinted(u), u).toBe(true)
    for (const u of ['https://a.test/app.js', 'https://a.test/react-dom.production.js', 'https://a.test/logo.png', 'https://a.test/jquery-3.7.1.min.js']) expect(isFingerprinted(u), u).toBe(false)
  })
})

describe('caching and headers', () => {
  it('parses Cache-Control and says how long a shared cache may keep a response', () => {
    expect([...cacheControl('public, max-age=600, s-maxage="60"')]).toEqual([['public', true], ['max-age', '600'], ['s-maxage', '60']])
    expect(sharedCacheSeconds(res({ 'cache-control': 'public, max-age=600' }))).toBe(600)
    expect(sharedCacheSeconds(res({ 'cache-control': 'max-age=600, s-maxage=60' }))).toBe(60)
    expect(sharedCacheSeconds(res({ 'cache-control': 'private, max-age=600' }))).toBe(0)
    expect(sharedCacheSeconds(res({ 'cache-control': 'no-store' }))).toBe(0)
    expect(sharedCacheSeconds(res({}))).toBe(0)
  })

  it('derives tls.expiry severity from the days left', () => {
    expect([-1, 0, 6, 7, 13, 14, 29, 30, 90].map(expirySeverity)).toEqual(['blocker', 'blocker', 'blocker', 'high', 'high', 'medium', 'medium', null, null])
  })

  it('finds a version in a health payload', () => {
    expect(versionInBody('{"status":"ok","version":"1.2.3"}')).toBe('1.2.3')
    expect(versionInBody('{"ok":true,"build":{"git_sha":"abc123"}}')).toBe('abc123')
    expect(versionInBody('{"status":"ok"}')).toBeUndefined()
    expect(versionInBody('OK')).toBeUndefined()
  })
})

describe('providers', () => {
  it('recognises providers from free text', () => {
    expect(['Cloudflare', 'AWS Route 53', 'route53', 'Namecheap', 'GoDaddy', 'vercel', 'Netlify', 'Hetzner'].map(providerOf)).toEqual(['cloudflare', 'route53', 'route53', 'namecheap', 'godaddy', 'vercel', 'netlify', undefined])
    expect(edgeProviderOf({ cdnProvider: '', hostingProvider: 'Vercel' })).toBe('vercel')
  })

  it('uses the known provider’s steps only, or offers every variant', () => {
    const v = { cloudflare: [{ text: 'cf' }], nginx: [{ text: 'ng' }] }
    expect(withProvider('cloudflare', [{ text: 'g' }], v)).toEqual([{ text: 'g' }, { text: 'cf', provider: 'cloudflare' }])
    expect(withProvider(undefined, [{ text: 'g' }], v).map((s) => s.provider)).toEqual([undefined, 'cloudflare', 'nginx'])
    expect(withProvider('godaddy', [], v).map((s) => s.provider)).toEqual(['cloudflare', 'nginx'])
  })
})

describe('DNS helpers', () => {
  it('classifies non-public addresses', () => {
    expect(['10.1.2.3', '172.20.0.1', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '2001:db8::1', '::ffff:10.0.0.1', '203.0.113.5'].map((a) => nonPublicKind(a) !== null)).toEqual(Array(12).fill(true))
    expect(nonPublicKind('10.0.0.1')).toBe('private')
    expect(['93.184.215.14', '1.1.1.1', '2606:4700::1111', '172.32.0.1'].map(nonPublicKind)).toEqual([null, null, null, null])
  })

  it('makes names absolute and recognises special-use names', () => {
    expect(['@', '', 'www', 'www.acme.com', 'WWW.acme.com.', 'mail.other'].map((n) => absoluteName(n, 'acme.com'))).toEqual(['acme.com', 'acme.com', 'www.acme.com', 'www.acme.com', 'www.acme.com', 'mail.other.acme.com'])
    expect(['good.test', 'x.example', 'acme.com', 'localhost'].map(isSpecialUse)).toEqual([true, true, false, true])
    expect(hostLabel('acme.com', 'acme.com')).toBe('@')
    expect(hostLabel('app.acme.com', 'acme.com')).toBe('app')
    expect(inDomain('App.Acme.com.', 'acme.com')).toBe(true)
    expect(inDomain('notacme.com', 'acme.com')).toBe(false)
  })

  it('reads a CNAME chain and stops on a loop', () => {
    const r = { rcode: 'NOERROR', answers: [
      { name: 'www.a.test', type: 'CNAME', ttl: 60, data: 'b.test' },
      { name: 'b.test', type: 'CNAME', ttl: 30, data: 'www.a.test' },
    ] } as unknown as DnsResponse
    expect(cnameChain(r, 'www.a.test')).toEqual([{ from: 'www.a.test', to: 'b.test', ttl: 60 }, { from: 'b.test', to: 'www.a.test', ttl: 30 }])
    expect(describeNoAddress({ ...r, rcode: 'SERVFAIL' })).toMatch(/SERVFAIL/)
    expect(describeNoAddress({ ...r, rcode: 'NOERROR' })).toMatch(/NODATA/)
  })

  it('maps certificate issuers to CAA names and knows takeover-prone services', () => {
    expect(caDomainsFor('C=US, O=Let\'s Encrypt, CN=R11')).toEqual(['letsencrypt.org'])
    expect(caDomainsFor('C=US, O=Google Trust Services, CN=WR1')).toContain('pki.goog')
    expect(caDomainsFor('CN=Some Private CA')).toBeUndefined()
    expect(takeoverServiceFor('shop.myshopify.com')?.service).toBe('Shopify')
    expect(takeoverServiceFor('bucket.s3.amazonaws.com')?.service).toBe('AWS/S3')
    expect(takeoverServiceFor('www.acme.com')).toBeUndefined()
    // The list as data: its verdicts, its patterns (some are regular expressions) and its NXDOMAIN services.
    expect(takeoverServiceFor('acme.hatenablog.com')).toMatchObject({ service: 'HatenaBlog', verdict: 'vulnerable' })
    expect(takeoverServiceFor('acme.youtrack.cloud')).toMatchObject({ service: 'JetBrains', verdict: 'vulnerable' })
    const ngrok = takeoverServiceFor('abc123.ngrok.io')!
    expect(ngrok.verdict).toBe('vulnerable')
    expect(ngrok.sign.kind === 'body' && ngrok.sign.patterns.some((p) => p.test('Tunnel abc123.ngrok.io not found'))).toBe(true)
    expect(takeoverServiceFor('x.global.ssl.fastly.net')).toMatchObject({ service: 'Fastly', verdict: 'not-vulnerable' })
    expect(takeoverServiceFor('acme.zendesk.com')).toMatchObject({ service: 'Zendesk', verdict: 'not-vulnerable' })
    expect(takeoverServiceFor('acme.azurewebsites.net')).toMatchObject({ verdict: 'vulnerable', sign: { kind: 'nxdomain' } })
    const ghost = takeoverServiceFor('acme.ghost.io')!
    expect(ghost.sign.kind === 'body' && ghost.sign.patterns[0]!.test('Failed to resolve DNS path for this host')).toBe(true)
    expect(TAKEOVER_SERVICES.length).toBeGreaterThan(70)
  })

  it('writes zone-file lines and groups provider steps for several records', () => {
    expect(zoneLine({ name: 'www.acme.com', type: 'CNAME', value: 'acme.com.' })).toBe('www.acme.com. 300 IN CNAME acme.com.')
    const t = { domain: 'acme.com', dnsProvider: 'Cloudflare' } as AuditTarget
    const f = recordsFix(t, 'delete', [
      { name: 'old.acme.com', type: 'CNAME', value: 'x.herokuapp.com.', why: 'gone' },
      { name: 'blog.acme.com', type: 'CNAME', value: 'y.github.io.', why: 'gone' },
    ])
    expect(f.filter((s) => s.value).map((s) => s.value)).toEqual(['old.acme.com. 300 IN CNAME x.herokuapp.com.', 'blog.acme.com. 300 IN CNAME y.github.io.'])
    expect(f.filter((s) => s.provider)).toHaveLength(1)
  })
})

describe('walk helpers', () => {
  const walkTo = (finalUrl: string, status = 301): Walk => ({ entryUrl: 'http://a.test/', host: 'a.test', scheme: 'http', hops: [{ url: `http://a.test${PATH_PROBE}`, status, ms: 1, response: {} as HttpResponse }], finalUrl, loop: false, tooMany: false, offsite: false })
  it('says whether a redirect kept the path and query', () => {
    expect(pathKept(walkTo(`https://www.a.test${PATH_PROBE}`))).toBe(true)
    expect(pathKept(walkTo('https://www.a.test/'))).toBe(false)
    expect(pathKept(walkTo('https://www.a.test/launch-ready-path-check'))).toBe(false)
    expect(pathKept(walkTo('https://www.a.test/', 200))).toBeNull()
    expect(pathKept(undefined)).toBeNull()
  })

  it('mapLimit keeps order and never runs more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const out = await mapLimit([5, 1, 3, 2, 4], 2, async (n) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((r) => setTimeout(r, n))
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 30, 20, 40])
    expect(peak).toBe(2)
  })
})

describe('SNI parsing (fixture router)', () => {
  it('needs more bytes, rejects non-TLS, and reads the name from a real ClientHello', async () => {
    expect(parseSni(Buffer.from([0x16, 0x03]))).toEqual({ done: false })
    expect(parseSni(Buffer.from('GET / HTTP/1.1\r\n'))).toEqual({ done: true, name: null })
    const { connect } = await import('node:tls')
    const net = await import('node:net')
    const hello = await new Promise<Buffer>((resolve) => {
      const srv = net.createServer((s) => s.once('data', (d: Buffer) => {
        resolve(d)
        s.destroy()
        srv.close()
      }))
      srv.listen(0, '127.0.0.1', () => {
        const c = connect({ host: '127.0.0.1', port: (srv.address() as { port: number }).port, servername: 'Shop.Example.test' })
        c.on('error', () => {})
      })
    })
    expect(parseSni(hello)).toEqual({ done: true, name: 'shop.example.test' })
  })
})
