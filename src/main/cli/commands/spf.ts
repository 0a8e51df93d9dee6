/**
 * `launch-ready spf <domain> [--ip IP --sender ADDR --helo HOST]`: the SPF
 * lint and lookup tree of a domain and, with --ip, the check_host() result
 * for that client, printed as spfquery does (result, comment, Received-SPF).
 */
import net from 'node:net'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { UsageError } from '../types'
import { normalizeDomain } from '../../../shared/domain'
import type { Finding } from '../../../shared/model'
import { createResolver, parseServer } from '../../engine/dns/client'
import { evaluateSpf, describeSpfResult, type SpfEvaluation } from '../../engine/email/spf-eval'
import { lintSpf, treeLines } from '../../engine/email/spf-tree'
import { proposeSpf } from '../../engine/email/spf-build'
import { spfFindings } from '../../engine/email/findings-spf'

const USAGE = 'launch-ready spf <domain> [--ip IP --sender ADDR --helo HOST] [--dns-server HOST[:PORT]] [--json] [--timeout S]'
const HELP = `${USAGE}

Reads the SPF record of <domain>, checks it (syntax, the 10-lookup and 2-void-lookup
limits, the “all” rule) and prints its lookup tree: every include and redirect with
its own count. With --ip, also evaluates SPF (RFC 7208 check_host) for a message from
that address, as a receiving mail server would.

  --ip IP              the connecting client's IPv4 or IPv6 address
  --sender ADDR        the envelope sender (MAIL FROM); default postmaster@<domain>
  --helo HOST          the name the client gave in HELO/EHLO
  --json               the result, the tree and the findings as JSON
  --dns-server H[:P]   ask this DNS server instead of the system's
  --timeout S          per DNS query (default 5)

Exit code: 0 when the record is sound (and, with --ip, the result is not an error),
1 when SPF is missing or broken or the evaluation errs, 2 on bad usage.
`

const BAD_RESULTS = new Set(['permerror', 'temperror'])

export async function runSpf(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('spf', argv, {
        ip: { type: 'string' },
        sender: { type: 'string' },
        helo: { type: 'string' },
        json: { type: 'boolean' },
        'dns-server': { type: 'string' },
        timeout: { type: 'string' }
      }, { help: HELP }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  const started = Date.now()
  try {
    if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? 'give exactly one domain' : 'give the domain to check, e.g. launch-ready spf acme.com')
    const dom = normalizeDomain(parsed.positionals[0]!)
    // check_host() takes what a client sent (a domain literal, an odd HELO, a sender with a space all have
    // defined results in RFC 7208), so with --ip only the lint needs a real domain name.
    if (!dom.ok && v.ip === undefined) throw new UsageError(dom.message)
    const domain = dom.ok ? dom.ascii : parsed.positionals[0]!
    const noLint = dom.ok ? undefined : `the lookup tree needs a domain name (${dom.message.replace(/\.$/, '')}), so only check_host() ran`
    if (v.ip !== undefined && !net.isIP(v.ip)) throw new UsageError(`--ip: “${v.ip}” is not an IPv4 or IPv6 address`)
    if ((v.sender !== undefined || v.helo !== undefined) && v.ip === undefined) throw new UsageError('--sender and --helo need --ip (the address the message comes from)')
    const timeoutS = v.timeout === undefined ? 5 : Number(v.timeout)
    if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 120) throw new UsageError('--timeout must be a number of seconds from 0.1 to 120')
    if (v['dns-server']) {
      try {
        parseServer(v['dns-server'])
      } catch (e) {
        throw new UsageError(`--dns-server: ${(e as Error).message}`)
      }
    }
    const timeoutMs = Math.round(timeoutS * 1000)
    const resolver = createResolver({ ...(v['dns-server'] ? { servers: [v['dns-server']] } : {}), timeoutMs })
    const t0 = performance.now()
    const lint = noLint ? undefined : await lintSpf(resolver, domain, { timeoutMs })
    const proposal = lint ? proposeSpf(lint.records.length === 1 ? lint.records[0]! : null, lint.tree, [], domain) : undefined
    const findings = lint && proposal ? spfFindings({ lint, proposal, dnsProvider: '', configured: [], unknown: [], bounce: {}, durationMs: Math.round(performance.now() - t0) }).filter((f) => f.checkId !== 'email.spf.authorizes') : []
    let evaluation: SpfEvaluation | undefined
    if (v.ip !== undefined) {
      evaluation = await evaluateSpf(resolver, { ip: v.ip, sender: v.sender ?? `postmaster@${domain}`, helo: v.helo ?? domain, timeoutMs })
    }
    if (v.json) {
      const meta = { command: 'spf', version: process.env.npm_package_version ?? '0.1.0', node: process.version, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, ...(v['dns-server'] ? { dnsServer: v['dns-server'] } : {}) }
      const lintOut = lint && { records: lint.records, totalLookups: lint.totalLookups, totalVoid: lint.totalVoid, overLimitAt: lint.overLimitAt ?? null, all: lint.all, redirect: lint.redirect, syntaxErrors: lint.syntaxErrors, loops: lint.loops, mxOverLimit: lint.mxOverLimit, ptrAt: lint.ptrAt, bigAnswers: lint.bigAnswers, problems: lint.problems }
      out.write(`${JSON.stringify({ domain, ...(evaluation ? { evaluation } : {}), lint: lintOut ?? null, tree: lint?.tree ?? null, ...(noLint ? { lintSkipped: noLint } : {}), findings, meta }, null, 2)}\n`)
    } else {
      printHuman(domain, findings, lint?.tree, evaluation, out, noLint)
    }
    const broken = findings.some((f) => (f.status === 'fail' || f.status === 'error') && (f.severity === 'high' || f.severity === 'blocker'))
    return broken || (evaluation && BAD_RESULTS.has(evaluation.result)) ? 1 : 0
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready spf: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
}

const MARK: Record<string, string> = { pass: 'PASS ', warn: 'WARN ', fail: 'FAIL ', error: 'ERROR', skipped: 'SKIP ' }

function printHuman(domain: string, findings: Finding[], tree: Parameters<typeof treeLines>[0] | undefined, ev: SpfEvaluation | undefined, out: NodeJS.WritableStream, noLint?: string): void {
  if (ev) {
    // spfquery's layout: result, SMTP comment, header comment, Received-SPF header.
    out.write(`${ev.result}\n`)
    out.write(`${ev.explanation ?? describeSpfResult(ev)}\n`)
    out.write(`${ev.comment}\n`)
    out.write(`${ev.header}\n\n`)
  }
  if (!tree) {
    out.write(`No lookup tree: ${noLint ?? 'no domain name'}.\n`)
    return
  }
  out.write(`SPF lookup tree for ${domain}:\n`)
  for (const line of treeLines(tree)) out.write(`  ${line}\n`)
  out.write('\n')
  for (const f of findings) {
    out.write(`${MARK[f.status] ?? f.status} ${f.title}\n       ${f.summary}\n`)
    const paste = f.fix.find((s) => s.value)
    if (f.status !== 'pass' && paste) out.write(`       ${paste.text}\n         ${paste.value}\n`)
  }
}

registerCommand({ name: 'spf', usage: USAGE, summary: 'Check an SPF record, print its lookup tree, and evaluate it for a client IP.', run: (argv) => runSpf(argv) })
