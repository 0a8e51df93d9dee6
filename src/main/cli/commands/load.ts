/** `launch-ready load <url>`: the bounded load sanity test, after typed confirmation of the host. */
import { parseCommand } from '../args'
import { getDomain } from 'tldts'
import { registerCommand } from '../main'
import { UsageError } from '../types'
import { LOAD_LIMITS } from '../../../shared/contract/perf'
import { VERTICAL_INFO, VERTICALS, type Vertical } from '../../../shared/verticals'
import { runLoad } from '../../engine/perf/load'
import { loadFinding } from '../../engine/perf/load-finding'
import { authHeaders, type AuthSpec } from '../../engine/perf/measure'
import { exitCodeFor, intFlag, netFlags, parseUrl, printHuman, readCredential } from './perf'

const USAGE = 'launch-ready load <url> [--users N] [--duration S] [--rate R] --confirm <host> [--json] [--dns-server HOST[:PORT]] [--ca-file PEM]'
const HELP = `${USAGE}

Ramps from 1 to N users against <url> (and --core URL), at most ${LOAD_LIMITS.maxDurationS} s and
${LOAD_LIMITS.maxRequests} requests, and stops by itself when more than 20% of requests fail or
p95 passes 10x the single-user time. Run it only against your own site.

  --confirm HOST     required: type the host name of <url> to confirm
  --users N          peak virtual users (default ${LOAD_LIMITS.defaultUsers}, at most ${LOAD_LIMITS.maxUsers})
  --duration S       seconds (default ${LOAD_LIMITS.defaultDurationS}, at most ${LOAD_LIMITS.maxDurationS})
  --rate R           open model: R requests a second at the top of the ramp (queueing
                     delay counted); without it, a closed loop of users
  --core URL         one core flow on the same site, tested alongside <url>
  --max-requests N   hard cap on requests (default and at most ${LOAD_LIMITS.maxRequests})
  --auth NAME        credential for the requests (keychain or LAUNCH_READY_CREDENTIAL_NAME)
  --auth-kind KIND   bearer (default), cookie or header;  --auth-header NAME
  --vertical V       picks the p95 target (default community, 300 ms);  --target MS
  --json             the finding as JSON
  --dns-server H[:P], --ca-file PEM   as for audit
`

export async function runLoadCommand(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('load', argv, {
        users: { type: 'string' },
        duration: { type: 'string' },
        rate: { type: 'string' },
        confirm: { type: 'string' },
        core: { type: 'string' },
        'max-requests': { type: 'string' },
        auth: { type: 'string' },
        'auth-kind': { type: 'string' },
        'auth-header': { type: 'string' },
        vertical: { type: 'string' },
        target: { type: 'string' },
        json: { type: 'boolean' },
        'dns-server': { type: 'string' },
        'ca-file': { type: 'string' }
      }, { help: HELP }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  try {
    if (parsed.positionals.length !== 1) throw new UsageError('give exactly one address to test')
    const url = parseUrl(parsed.positionals[0]!)
    const host = url.hostname.toLowerCase()
    if (!v.confirm) throw new UsageError(`the load test sends many requests; confirm with --confirm ${host}`)
    if (v.confirm.trim().toLowerCase().replace(/\.$/, '') !== host) throw new UsageError(`--confirm must be exactly ${host}`)
    const urls = [url]
    if (v.core) {
      const core = parseUrl(v.core)
      const same = core.hostname === url.hostname || (getDomain(core.hostname) !== null && getDomain(core.hostname) === getDomain(url.hostname))
      if (!same) throw new UsageError(`--core must be on the same site as ${host}`)
      urls.push(core)
    }
    const users = intFlag(v.users, 'users', 1, LOAD_LIMITS.maxUsers, LOAD_LIMITS.defaultUsers)
    const durationS = intFlag(v.duration, 'duration', 1, LOAD_LIMITS.maxDurationS, LOAD_LIMITS.defaultDurationS)
    const rate = v.rate === undefined ? undefined : intFlag(v.rate, 'rate', 1, LOAD_LIMITS.maxRate, 1)
    const maxRequests = intFlag(v['max-requests'], 'max-requests', 1, LOAD_LIMITS.maxRequests, LOAD_LIMITS.maxRequests)
    const vertical = (v.vertical ?? 'community') as Vertical
    if (!VERTICALS.includes(vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
    const targetMs = intFlag(v.target, 'target', 1, 60_000, VERTICAL_INFO[vertical].p95TargetMs)
    const net = netFlags(v)
    let auth: AuthSpec | undefined
    if (v.auth) {
      const value = await readCredential(v.auth)
      if (!value) throw new UsageError(`no credential named “${v.auth}”`)
      const kind = (v['auth-kind'] ?? 'bearer') as AuthSpec['kind']
      auth = { kind, value, name: v.auth, ...(v['auth-header'] ? { header: v['auth-header'] } : {}) }
    }
    const ac = new AbortController()
    const onSig = () => ac.abort()
    process.once('SIGINT', onSig)
    try {
      const r = await runLoad({
        urls: urls.map((u) => u.href),
        users,
        durationS,
        ...(rate ? { rate } : {}),
        maxRequests,
        targetMs,
        lookup: net.lookup,
        ...(net.ca ? { ca: net.ca } : {}),
        signal: ac.signal,
        // Only to the first address's origin: the one the user confirmed.
        headersFor: (u) => (auth && u.origin === url.origin ? authHeaders(auth) : {}),
        progressIntervalMs: 1000,
        onProgress: (p) => {
          if (v.json || p.phase === 'done') return
          err.write(p.phase === 'baseline' ? 'measuring the single-user baseline…\n' : `  ${p.elapsedS.toFixed(0).padStart(3)} s  ${String(p.rate ?? p.users).padStart(3)} ${rate ? 'req/s' : p.users === 1 ? 'user ' : 'users'}  ${p.requests} requests  ${p.errors} errors  p95 ${p.p95Ms === null ? '-' : `${p.p95Ms.toFixed(1)} ms`}\n`)
        },
      })
      const f = loadFinding(host, r)
      if (v.json) out.write(`${JSON.stringify({ findings: [f], meta: { command: 'load', version: process.env.npm_package_version ?? '0.1.0', node: process.version, durationMs: r.durationMs } }, null, 2)}\n`)
      else printHuman([f], out)
      return exitCodeFor([f])
    } finally {
      process.off('SIGINT', onSig)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready load: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    err.write(`launch-ready load: ${(e as Error).message}\n`)
    return 1
  }
}

registerCommand({ name: 'load', usage: USAGE, summary: 'Bounded load sanity test (1 -> N users) with automatic abort; needs --confirm <host>.', run: (argv) => runLoadCommand(argv) })
