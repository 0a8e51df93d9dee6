/** `launch-ready perf <url...>`: TTFB (or authenticated latency with --auth) and payload of each URL. */
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import type { Finding } from '../../../shared/model'
import { TTFB_TARGET_MS, VERTICAL_INFO, VERTICALS, type Vertical } from '../../../shared/verticals'
import { measureUrl, type AuthSpec, type UrlMeasurement } from '../../engine/perf/measure'
import { latencyFinding, payloadFinding, ttfbFinding } from '../../engine/perf/findings'
import { readFileSync } from 'node:fs'
import { systemLookup, udpLookup } from '../../engine/perf/lookup'
import type { LookupFn } from '../../engine/perf/wire'

const USAGE = 'launch-ready perf <url...> [--samples N] [--auth NAME] [--json] [--dns-server HOST[:PORT]] [--ca-file PEM]'
const HELP = `${USAGE}

Measures each address with repeated, spaced requests (DNS, connect, TLS, time to
first byte, total; new and reused connections apart) and reports p50/p95/p99.

  --samples N          requests per address (default 20, at most 200)
  --spacing MS         pause between requests (default 100)
  --auth NAME          sign in with the keychain credential NAME (or the environment
                       variable LAUNCH_READY_CREDENTIAL_NAME); measures route latency
  --auth-kind KIND     bearer (default), cookie or header
  --auth-header NAME   header name for --auth-kind header (e.g. X-Api-Key)
  --vertical V         ${VERTICALS.join(', ')}: picks the latency target (default community, 300 ms)
  --target MS          latency target instead of the vertical's
  --timeout S          per-request timeout (default 10)
  --json               findings as JSON with meta
  --dns-server H[:P]   resolve names with this DNS server
  --ca-file PEM        extra trusted CA certificates
`

export async function runPerf(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('perf', argv, {
        samples: { type: 'string' },
        spacing: { type: 'string' },
        auth: { type: 'string' },
        'auth-kind': { type: 'string' },
        'auth-header': { type: 'string' },
        vertical: { type: 'string' },
        target: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        'dns-server': { type: 'string' },
        'ca-file': { type: 'string' }
      }, { help: HELP }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  const started = Date.now()
  try {
    if (parsed.positionals.length === 0) throw new UsageError('give at least one address to measure')
    const urls = parsed.positionals.map(parseUrl)
    const samples = intFlag(v.samples, 'samples', 1, 200, 20)
    const spacingMs = intFlag(v.spacing, 'spacing', 0, 10_000, 100)
    const timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, 10) * 1000
    const vertical = (v.vertical ?? 'community') as Vertical
    if (!VERTICALS.includes(vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
    const targetMs = intFlag(v.target, 'target', 1, 60_000, VERTICAL_INFO[vertical].p95TargetMs)
    const kind = (v['auth-kind'] ?? 'bearer') as AuthSpec['kind']
    if (!['bearer', 'cookie', 'header'].includes(kind)) throw new UsageError('--auth-kind must be bearer, cookie or header')
    if (kind === 'header' && !v['auth-header']) throw new UsageError('--auth-kind header needs --auth-header NAME')
    const net = netFlags(v)
    let auth: AuthSpec | undefined
    if (v.auth) {
      const value = await readCredential(v.auth)
      if (!value) throw new UsageError(`no credential named “${v.auth}” in the keychain or in LAUNCH_READY_CREDENTIAL_${v.auth.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`)
      auth = { kind, value, name: v.auth, ...(v['auth-header'] ? { header: v['auth-header'] } : {}) }
    }
    const findings: Finding[] = []
    const measured: UrlMeasurement[] = []
    for (const u of urls) {
      const t0 = performance.now()
      // The credential goes only to the origin named on the command line (measureUrl enforces same origin).
      const m = await measureUrl({ url: u.href, samples, spacingMs, timeoutMs, lookup: net.lookup, ...(net.ca ? { ca: net.ca } : {}), ...(auth ? { auth } : {}) })
      measured.push(m)
      findings.push(auth ? latencyFinding(m, { label: u.pathname, fromVertical: false }, targetMs, performance.now() - t0) : ttfbFinding(m, TTFB_TARGET_MS, performance.now() - t0))
    }
    findings.push(payloadFinding(urls[0]!.host, measured, 0))
    if (v.json) {
      out.write(`${JSON.stringify({ findings, meta: { command: 'perf', version: process.env.npm_package_version ?? '0.1.0', node: process.version, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, samples, ...(net.dnsServer ? { dnsServer: net.dnsServer } : {}) } }, null, 2)}\n`)
    } else printHuman(findings, out)
    return exitCodeFor(findings)
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready perf: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
}

registerCommand({ name: 'perf', usage: USAGE, summary: 'Measure time to first byte, route latency (p50/p95/p99) and payload size.', run: (argv) => runPerf(argv) })

/* ---------- shared with `launch-ready load` ---------- */

export interface NetFlags {
  lookup: LookupFn
  ca?: string[]
  dnsServer?: string
}

export function netFlags(values: { 'dns-server'?: string; 'ca-file'?: string }): NetFlags {
  let ca: string[] | undefined
  if (values['ca-file']) {
    try {
      ca = [readFileSync(values['ca-file'], 'utf8')]
    } catch {
      throw new UsageError(`cannot read the CA file ${values['ca-file']}`)
    }
    if (!ca[0]!.includes('BEGIN CERTIFICATE')) throw new UsageError(`${values['ca-file']} holds no PEM certificate`)
  }
  const dns = values['dns-server']
  return { lookup: dns ? udpLookup(dns) : systemLookup, ...(ca ? { ca } : {}), ...(dns ? { dnsServer: dns } : {}) }
}

export function intFlag(v: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (v === undefined) return dflt
  const n = Number(v)
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`)
  return n
}

export function parseUrl(s: string): URL {
  let u: URL
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`)
  } catch {
    throw new UsageError(`“${s}” is not a web address`)
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`“${s}” is not an http(s) address`)
  return u
}

/**
 * Credentials for `--auth NAME`: the environment variable
 * LAUNCH_READY_CREDENTIAL_<NAME> (CI), else the OS keychain entry the app
 * stores. Never printed.
 */
export async function readCredential(name: string): Promise<string | undefined> {
  const env = process.env[`LAUNCH_READY_CREDENTIAL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`]
  if (env) return env
  try {
    const { Entry } = await import('@napi-rs/keyring')
    return new Entry('launch-ready', name).getPassword() ?? undefined
  } catch {
    return undefined
  }
}

export { exitCodeFor }

const ICON: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP' }
const ms = (v: unknown) => (typeof v === 'number' ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`) : '-')

export function printHuman(findings: Finding[], out: NodeJS.WritableStream = process.stdout): void {
  for (const f of findings) {
    const e = f.evidence
    out.write(`${ICON[f.status]!.padEnd(5)} ${f.checkId.padEnd(13)} ${f.target}\n      ${f.summary}\n`)
    if (typeof e.samples === 'number' && f.checkId !== 'perf.payload') {
      out.write(`      p50 ${ms(e.p50Ms)}  p95 ${ms(e.p95Ms)}  p99 ${ms(e.p99Ms)}  (${e.samples} samples${typeof e.targetMs === 'number' ? `, target ${e.targetMs} ms` : ''})\n`)
    }
    const ph = e.phases as Record<string, number> | undefined
    if (ph) out.write(`      median phases: DNS ${ms(ph.dnsMs)}, connect ${ms(ph.connectMs)}, TLS ${ms(ph.tlsMs)}, wait ${ms(ph.waitMs)}, download ${ms(ph.downloadMs)}\n`)
    if (f.checkId === 'perf.load') {
      out.write(`      ${e.requests} requests, error rate ${((e.errorRate as number) * 100).toFixed(1)}%, ${e.timeouts} timeouts, first bottleneck: ${e.bottleneckUsers ?? 'none found'}\n`)
    }
    for (const s of f.fix) out.write(`      -> ${s.text}${s.value ? `\n         ${s.value}` : ''}\n`)
  }
}
