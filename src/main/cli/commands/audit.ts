/** `launch-ready audit <domain>`: every automated check of the Stage 1 audit, headless (SPEC.md's CLI contract). */
import { parseCommand } from '../args'
import { basename } from 'node:path'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import { wireFromFlags } from '../net-flags'
import { siteDomain } from '../site-domain'
import { type Finding, type Project, type Run } from '../../../shared/model'
import { VERTICALS, type Vertical } from '../../../shared/verticals'
import { buildRiskReport } from '../../../shared/risk'
import { auditSuites } from '../../engine/suites'
import { runAudit, type RunEvent } from '../../engine/run'
import { toAuditTarget, type wireEngine } from '../../engine/run/engine-deps'
import { loadConfig, projectForDomain } from '../audit-config'
import { progressLine, renderAuditReport, styleFor } from '../audit-report'
import { intFlag } from './perf'
import { pdfExport } from '../pdf-export'

const USAGE = 'launch-ready audit <domain> [--json] [--dns-server HOST[:PORT]] [--ca-file PEM] [--config FILE] [--pdf FILE] [--active-probes] [--timeout S]'
const HELP = `${USAGE}

Runs every automated launch check (DNS, redirects, TLS, headers, email
authentication, request IDs) against <domain> and prints what is wrong, why it
matters and exactly how to fix it, grouped by stage, with a go/no-go verdict.

  --json               findings as JSON (SPEC.md's schema) with meta: versions and timings
  --dns-server H[:P]   ask this DNS server instead of the system's (an IP address)
  --ca-file PEM        extra trusted CA certificates (staging, the offline demo)
  --config FILE        a .launchready.json export, or YAML/JSON with subdomains,
                       criticalUrls, expectedDns, emailProviders, dkimSelectors,
                       vertical, acceptedRisks
  --pdf FILE           also write the handover PDF
  --active-probes      allow the bounded rate-limit burst on login/signup/reset
  --timeout S          per-operation timeout in seconds (default 10)
  --deadline S         whole-audit time limit in seconds (default 120)
  --vertical V         ${VERTICALS.join(', ')} (default b2b): which flows are critical
  --port-map LIST      connect to other ports, e.g. 80:18080,443:18443 (offline demo)

Exit codes: 0 nothing at severity high or above fails, 1 something does (a check
that could not run counts: it is never a pass; a risk accepted in the config,
acceptedRisks: { "checkId@target": "why" }, does not), 2 bad usage.
`

/**
 * SPEC: 1 when something at severity high or above fails; a high check that could not run is not a
 * pass either. Risks the project accepted (with a reason) are listed but do not fail the build.
 */
export function auditExitCode(findings: readonly Finding[], accepted: Readonly<Record<string, unknown>> = {}): number {
  return exitCodeFor(findings, accepted)
}

export async function runAuditCommand(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('audit', argv, {
        json: { type: 'boolean' },
        'dns-server': { type: 'string' },
        'ca-file': { type: 'string' },
        config: { type: 'string' },
        pdf: { type: 'string' },
        'active-probes': { type: 'boolean' },
        timeout: { type: 'string' },
        deadline: { type: 'string' },
        vertical: { type: 'string' },
        'port-map': { type: 'string' }
      }, { help: HELP, usage: `${USAGE}\n` }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let project: Project
  let discover: boolean | undefined
  let wired: ReturnType<typeof wireEngine> | undefined
  let pdfWriter: Awaited<ReturnType<typeof pdfExport>> | undefined
  const opts = { timeoutMs: 10_000, deadlineMs: 120_000 }
  try {
    if (parsed.positionals.length > 1) throw new UsageError(`give one domain, not ${parsed.positionals.length} (${parsed.positionals.join(' ')})`)
    const domain = parsed.positionals[0] === undefined ? undefined : siteDomain(parsed.positionals[0])
    if (!domain && !v.config) throw new UsageError('give the domain to audit, for example: launch-ready audit acme.com')
    if (v.vertical && !VERTICALS.includes(v.vertical as Vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
    opts.timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, 10) * 1000
    opts.deadlineMs = intFlag(v.deadline, 'deadline', 5, 3600, 120) * 1000
    if (v.config) {
      const c = loadConfig(v.config, domain)
      project = v.vertical ? { ...c.project, vertical: v.vertical as Vertical } : c.project
      discover = c.discoverCommonSubdomains
    } else project = projectForDomain(domain!, (v.vertical as Vertical | undefined) ?? 'b2b')
    if (v.pdf) {
      pdfWriter = await pdfExport()
      if (!pdfWriter) throw new UsageError('PDF export is not available in this build of launch-ready. Run without --pdf, or export the handover pack from the app.')
    }
    wired = wireFromFlags(v, opts.timeoutMs)
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready audit: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }

  const suites = auditSuites({ timeoutMs: opts.timeoutMs })
  if (suites.length === 0) {
    wired.close()
    err.write('launch-ready audit: this build has no audit checks.\n')
    return 2
  }
  const errStyle = styleFor(err)
  const ac = new AbortController()
  // First Ctrl+C: stop the checks and print what finished. A second one: leave at once.
  const onSigint = () => {
    if (ac.signal.aborted) process.exit(130)
    ac.abort()
  }
  process.on('SIGINT', onSigint)
  let frame = 0
  let last: RunEvent | undefined
  const draw = () => {
    if (!errStyle.symbols || !last) return
    const cols = (err as NodeJS.WriteStream).columns ?? 100
    err.write(`\r\u001b[K${progressLine(frame++, last.done, last.total, last.running, cols - 1)}`)
  }
  const spinner = errStyle.symbols ? setInterval(draw, 120) : undefined
  const started = Date.now()
  let result
  try {
    result = await runAudit({
      suites,
      deps: wired,
      target: toAuditTarget(project, discover === undefined ? {} : { discoverCommonSubdomains: discover }),
      signal: ac.signal,
      deadlineMs: opts.deadlineMs,
      activeProbes: Boolean(v['active-probes']),
      onEvent: (e) => {
        last = e
      },
    })
  } finally {
    if (spinner) clearInterval(spinner)
    if (errStyle.symbols) err.write('\r\u001b[K')
    process.removeListener('SIGINT', onSigint)
    wired.close()
  }
  const stopped: Record<string, string> = {
    cancelled: 'The audit was stopped before it finished, so some checks have no result.',
    deadline: 'The audit hit its time limit, so some checks have no result.',
    failed: 'The audit failed, so some checks have no result.',
  }
  const report = buildRiskReport(result.findings, project.vertical, project.acceptedRisks, stopped[result.state] ? { incomplete: stopped[result.state] } : {})
  const run: Run = { id: `cli-${started}`, projectId: project.id, startedAt: result.startedAt, finishedAt: result.finishedAt, state: result.state, scope: result.scope, findings: result.findings, meta: result.meta }
  if (v.json) {
    const { kind: _kind, timings, plannedTotal: _p, ...artifacts } = result.meta
    out.write(
      `${JSON.stringify(
        {
          findings: result.findings,
          verdict: report.verdict,
          mustFix: report.mustFix.map((r) => r.key),
          accepted: report.accepted.map((r) => ({ key: r.key, reason: r.accepted?.reason })),
          artifacts,
          meta: {
            command: 'audit',
            version: process.env.npm_package_version ?? '0.1.0',
            node: process.version,
            domain: project.domain,
            vertical: project.vertical,
            state: result.state,
            startedAt: result.startedAt,
            finishedAt: result.finishedAt,
            durationMs: Date.now() - started,
            timings,
            timeoutMs: opts.timeoutMs,
            deadlineMs: opts.deadlineMs,
            suites: suites.map((s) => s.id),
            ...(v['dns-server'] ? { dnsServer: v['dns-server'] } : {}),
            ...(v['ca-file'] ? { caFile: basename(v['ca-file']) } : {}),
            ...(v.config ? { config: basename(v.config) } : {}),
          },
        },
        null,
        2,
      )}\n`,
    )
  } else {
    out.write(renderAuditReport(result.findings, report, { domain: project.domain, durationMs: Date.now() - started, state: result.state }, styleFor(out)))
  }
  if (v.pdf && pdfWriter) {
    try {
      await pdfWriter(project, [run], v.pdf)
      err.write(`Handover PDF written to ${v.pdf}\n`)
    } catch (e) {
      err.write(`launch-ready audit: the PDF could not be written: ${(e as Error).message}\n`)
      return 2
    }
  }
  const code = auditExitCode(result.findings, project.acceptedRisks)
  if (result.state !== 'completed') {
    // Probes cut short may still be winding down their own timeouts: the results are printed, so do not wait for them.
    const exitSoon = (): void => {
      if (process.stdout.writableNeedDrain) process.stdout.once('drain', exitSoon)
      else process.exit(code)
    }
    setTimeout(exitSoon, 100).unref()
  }
  return code
}

registerCommand({ name: 'audit', usage: USAGE, summary: 'Run every automated launch check against a domain and rank what to fix before launch.', run: (argv) => runAuditCommand(argv) })
