/**
 * `launch-ready smoke [DOMAIN] [--config FILE] [--expect-version V]`: the
 * post-deploy smoke test for CI after each release — the critical pages, the
 * main page and the health endpoint at once (status, keyword or JSON field,
 * time to first byte), and the live version against the one just deployed.
 */
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import { wireFromFlags } from '../net-flags'
import { siteDomain } from '../site-domain'
import type { Project } from '../../../shared/model'
import { UserFacingError } from '../../../shared/result'
import { runAudit } from '../../engine/run'
import { toAuditTarget, type wireEngine } from '../../engine/run/engine-deps'
import { createSmokeSuite } from '../../engine/deploy/smoke'
import { loadConfig, projectForDomain } from '../audit-config'
import { intFlag } from './perf'

const USAGE = 'launch-ready smoke [DOMAIN] [--config FILE] [--url URL ...] [--expect-version V] [--json]'
const HELP = `${USAGE}

Hits the main page, the critical pages and the health endpoint at once, right
after a deploy: each must answer 2xx (or the status its config entry expects),
contain its keyword or JSON field when the config names one, and the live
version (a release header or the health payload) must be the one just deployed.

  --config FILE        a .launchready.json export or the audit's YAML/JSON config;
                       criticalUrls entries may add expectStatus, expectKeyword and
                       expectJson ("path" or "path=value")
  --url URL            another page to check (repeatable)
  --expect-version V   the release just deployed (a tag, a version or a commit SHA;
                       a prefix of the SHA matches)
  --health PATH        the health endpoint's path (default /health)
  --json               { meta, findings } as JSON
  --timeout S          per request (default 10); --deadline S for all (default 60)
  --dns-server H[:P]   resolve with this DNS server; --ca-file PEM extra trusted CAs
  --port-map LIST      connect to other ports, e.g. 80:18080,443:18443

Exit codes: 0 everything answered as expected, 1 something did not (or could not be
reached), 2 bad usage.
`

export async function runSmoke(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand(
    'smoke',
    argv,
    { config: { type: 'string' }, url: { type: 'string', multiple: true }, 'expect-version': { type: 'string' }, health: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' }, deadline: { type: 'string' }, 'dns-server': { type: 'string' }, 'ca-file': { type: 'string' }, 'port-map': { type: 'string' } },
    { help: HELP, usage: `${USAGE}\n` },
    out,
    err,
  )
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let project: Project
  let wired: ReturnType<typeof wireEngine>
  let timeoutMs: number
  let deadlineMs: number
  try {
    if (parsed.positionals.length > 1) throw new UsageError('give one domain')
    timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, 10) * 1000
    deadlineMs = intFlag(v.deadline, 'deadline', 5, 600, 60) * 1000
    const urls = ((v.url as string[] | undefined) ?? []).map((u) => {
      try {
        return new URL(u)
      } catch {
        throw new UsageError(`--url: “${u}” is not a full address (https://…)`)
      }
    })
    const given = parsed.positionals[0] ?? urls[0]?.hostname
    const domain = given ? siteDomain(given) : undefined
    if (!domain && !v.config) throw new UsageError('give the domain (or --config FILE) to smoke-test, e.g. launch-ready smoke acme.com --expect-version 1.4.2')
    project = v.config ? loadConfig(v.config, domain).project : projectForDomain(domain!)
    project = { ...project, criticalFlows: [...project.criticalFlows, ...urls.map((u, i) => ({ id: `url-${i + 1}`, label: u.pathname, url: u.href, method: 'GET' as const, area: 'core' as const, safeToWrite: false }))] }
    if (v.health && !v.health.startsWith('/')) throw new UsageError('--health is a path, starting with / (e.g. /api/health)')
    wired = wireFromFlags(v, timeoutMs)
  } catch (e) {
    if (e instanceof UsageError || (e instanceof UserFacingError && e.code !== 'internal')) {
      err.write(`launch-ready smoke: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  const started = Date.now()
  let result
  try {
    result = await runAudit({
      suites: [createSmokeSuite({ timeoutMs })],
      deps: wired,
      target: { ...toAuditTarget(project, { discoverCommonSubdomains: false }), ...(v.health ? { healthPaths: [v.health] } : {}), ...(v['expect-version'] ? { expectVersion: v['expect-version'] } : {}) },
      scope: { checkIds: ['deploy.smoke'] },
      deadlineMs,
    })
  } finally {
    wired.close()
  }
  const findings = result.findings
  if (v.json) out.write(`${JSON.stringify({ meta: { command: 'smoke', version: process.env.npm_package_version ?? '0.1.0', domain: project.domain, expectVersion: v['expect-version'] ?? null, state: result.state, durationMs: Date.now() - started }, findings }, null, 2)}\n`)
  else for (const f of findings) out.write(`${f.status.toUpperCase().padEnd(5)} ${f.title}\n      ${f.summary}\n`)
  return exitCodeFor(findings)
}

registerCommand({ name: 'smoke', usage: USAGE, summary: 'After a deploy: the critical pages, the health endpoint and the live version.', run: (argv) => runSmoke(argv) })
