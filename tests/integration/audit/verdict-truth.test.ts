/**
 * Verdicts on sites nobody here configured (issue 9): each case is a real
 * server behaviour in the fixture universe that an earlier engine judged
 * wrongly — an assumed www, probes judging the site's own 301, an https
 * redirect blamed for a broken certificate, headers a browser ignores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { byCheck, startUniverse, type Universe } from '../../fixtures/audit/universe'
import { runWeb } from '../../fixtures/audit/run-web'
import type { Finding } from '../../../src/shared/model'
import type { SuiteContext } from '../../../src/main/engine/types'
import { artifactSlot } from '../../../src/main/engine/run/artifacts'
import { CanonicalChoice, mainHostOf } from '../../../src/shared/audit-data'

let u: Universe
beforeAll(async () => {
  u = await startUniverse()
}, 30_000)
afterAll(() => u?.close())

const one = (fs: Finding[], id: string, target?: string) => {
  const hits = byCheck(fs, id, target)
  expect(hits, `${id}@${target ?? '*'}`).toHaveLength(1)
  return hits[0]!
}

describe('a site that settles on the bare domain, with no canonical host configured', () => {
  let fs: Finding[]
  let ctx: SuiteContext
  beforeAll(async () => {
    ctx = u.context({ domain: 'apexsite.test', canonicalHost: 'auto' })
    fs = await runWeb(ctx)
  }, 30_000)

  it('publishes what it found as the run’s canonical artifact, which the pack and the panels read', async () => {
    const c = (await ctx.shared.get(artifactSlot('canonical'))) as CanonicalChoice
    expect(CanonicalChoice.parse(c)).toMatchObject({ host: 'apexsite.test', inferred: true, how: 'apexsite.test and www.apexsite.test both end up on apexsite.test' })
    expect(mainHostOf({ domain: 'apexsite.test', canonicalHost: 'auto' }, [{ meta: { canonical: c } }])).toBe('apexsite.test')
    expect(mainHostOf({ domain: 'apexsite.test', canonicalHost: 'www' }, [{ meta: { canonical: c } }])).toBe('www.apexsite.test')
  })

  it('finds the canonical host and says so, without claiming the project named one', () => {
    const f = one(fs, 'http.canonical')
    expect(f.status).toBe('pass')
    expect(f.title).toBe('Your site settles on apexsite.test')
    expect(f.summary).toMatch(/We found that .* set apexsite\.test as the main address/i)
    expect(f.summary).not.toMatch(/project says/)
    expect(f.evidence).toMatchObject({ canonical: 'apexsite.test', canonicalSource: 'found' })
  })

  it('runs every origin probe against the found origin', () => {
    expect(one(fs, 'http.reachable').target).toBe('https://apexsite.test/')
    expect(one(fs, 'http.health', 'https://apexsite.test').status).toBe('pass')
    expect(one(fs, 'http.version').status).toBe('pass')
  })

  it('an open admin dashboard fails, at blocker severity', () => {
    const f = one(fs, 'edge.admin-exposed', 'https://apexsite.test')
    expect(f.status).toBe('fail')
    expect(f.summary).toContain('https://apexsite.test/admin')
  })
})

describe('the same site with the wrong canonical host configured (www)', () => {
  let fs: Finding[]
  beforeAll(async () => {
    fs = await runWeb(u.context({ domain: 'apexsite.test', canonicalHost: 'www' }))
  }, 30_000)

  it('http.canonical says where the site really settles', () => {
    const f = one(fs, 'http.canonical')
    expect(f.status).toBe('warn')
    expect(f.title).toBe('Your site settles on apexsite.test, not www.apexsite.test')
  })

  it('probes follow the site’s own same-page redirects before judging: /health passes, /admin fails', () => {
    const h = one(fs, 'http.health')
    expect(h.status).toBe('pass')
    const a = one(fs, 'edge.admin-exposed')
    expect(a.status).toBe('fail')
    const tried = a.evidence.tried as { url: string; status: number; servedAt?: string }[]
    expect(tried[0]).toMatchObject({ url: 'https://www.apexsite.test/admin', status: 200, servedAt: 'https://apexsite.test/admin' })
  })
})

describe('a redirect to login is a protected admin page; a redirect it cannot follow is never a pass', () => {
  it('good.test: /admin sends visitors to /login, which passes', async () => {
    const fs = await runWeb(u.context({ domain: 'good.test', canonicalHost: 'auto' }, { only: ['edge.admin-exposed'] }))
    const f = one(fs, 'edge.admin-exposed', 'https://www.good.test')
    expect(f.status).toBe('pass')
    expect(f.summary).toContain('sends visitors to https://www.good.test/login?next=/admin')
  }, 20_000)

  it('a same-page redirect into a loop is reported, not passed', async () => {
    const fs = await runWeb(u.context({ domain: 'loop.broken.test', canonicalHost: 'apex' }, { only: ['edge.admin-exposed', 'http.health'] }))
    const a = one(fs, 'edge.admin-exposed')
    expect(a.status).not.toBe('pass')
    expect(JSON.stringify(a.evidence)).toMatch(/round in a circle|could not/)
    expect(one(fs, 'http.health').status).not.toBe('pass')
  }, 20_000)
})

describe('http:// redirects to https://, whose certificate has expired', () => {
  it('http.https-redirect passes and names the https problem once; the TLS checks fail', async () => {
    const fs = await runWeb(u.context({ domain: 'expiredsite.test', canonicalHost: 'auto' }))
    const r = one(fs, 'http.https-redirect', 'http://expiredsite.test/')
    expect(r.status).toBe('pass')
    expect(r.summary).not.toMatch(/not https/)
    expect(r.summary).toMatch(/certificate and redirect checks report it/)
    expect(one(fs, 'tls.expiry', 'expiredsite.test').status).toBe('fail')
  }, 30_000)
})

describe('headers a browser ignores count as missing, with the reason', () => {
  let fs: Finding[]
  beforeAll(async () => {
    fs = await runWeb(u.context({ domain: 'hdrs.test', canonicalHost: 'auto' }, { only: ['tls.hsts', 'edge.security-headers'] }))
  }, 30_000)

  it('a repeated HSTS directive fails tls.hsts', () => {
    const f = one(fs, 'tls.hsts', 'hdrs.test')
    expect(f.status).toBe('fail')
    expect(f.title).toBe('Browsers ignore the HSTS header of hdrs.test')
    expect(f.evidence.ignoredBecause).toMatch(/max-age directive appears twice/)
  })

  it('X-Frame-Options: whimsy and a CSP that does not parse are no protection', () => {
    const f = one(fs, 'edge.security-headers')
    expect(f.status).toBe('fail')
    expect(f.evidence.missing).toEqual(['frame protection', 'content-security-policy'])
    expect(f.evidence.ignored).toMatchObject({ 'x-frame-options': expect.stringContaining('whimsy'), 'content-security-policy': expect.stringContaining('default-src:') })
    expect(f.summary).toContain('in a form browsers accept')
  })
})

describe('many audits at once while the machine is busy', () => {
  it('every one finishes with every check reported, none cut short by another', async () => {
    const { spawn } = await import('node:child_process')
    const { runAudit } = await import('../../../src/main/engine/run')
    const { auditSuites } = await import('../../../src/main/engine/suites')
    // Two busy loops on this 2-core machine, each bounded in time and killed when the audits end.
    const burners = [0, 1].map(() => spawn(process.execPath, ['-e', 'const end = Date.now() + 60000; while (Date.now() < end) {}'], { stdio: 'ignore' }))
    try {
      const deps = { resolver: u.resolver, http: u.http, clock: { now: () => Date.now(), monotonic: () => performance.now() }, extraCa: [u.web.caPem], portMap: u.portMap }
      const runs = await Promise.all(
        ['good.test', 'broken.test', 'apexsite.test', 'hdrs.test', 'good.test', 'apexsite.test'].map((domain) =>
          runAudit({ suites: auditSuites({ timeoutMs: 5000 }), deps, target: { ...u.context({ domain, canonicalHost: 'auto' }).target }, deadlineMs: 60_000 }),
        ),
      )
      for (const r of runs) {
        expect(r.state).toBe('completed')
        expect(r.findings.filter((f) => /did not finish|reported no result/.test(f.summary))).toEqual([])
      }
      // The same site gives the same verdicts whichever run it was in.
      const verdicts = (i: number) => runs[i]!.findings.filter((f) => f.checkId.startsWith('http.') || f.checkId.startsWith('edge.')).map((f) => `${f.checkId}@${f.target}=${f.status}`).sort()
      expect(verdicts(4)).toEqual(verdicts(0))
      expect(verdicts(5)).toEqual(verdicts(2))
    } finally {
      for (const b of burners) b.kill('SIGKILL')
    }
  }, 90_000)
})

describe('one address, said once', () => {
  it('the session-cookie card lists each address once, however many entries reach it', async () => {
    const fs = await runWeb(u.context({ domain: 'broken.test', canonicalHost: 'www' }, { only: ['edge.private-cache'] }))
    const f = one(fs, 'edge.private-cache')
    expect(f.status).toBe('fail')
    const urls = (f.evidence.responses as { url: string }[]).map((r) => r.url)
    expect(urls.length).toBe(new Set(urls).size)
    expect(f.fix.map((x) => `${x.text} ${x.value ?? ''}`).join(' ').split('https://www.broken.test/ ').length).toBeLessThanOrEqual(2)
  })
})
