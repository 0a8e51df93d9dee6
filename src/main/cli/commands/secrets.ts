/**
 * `launch-ready secrets [PATH] [--url URL]`: the secrets.* checks on a git
 * repository (working tree, whole history, tracked env files, build output)
 * and on a live site's scripts and source maps. Values are never printed:
 * masked forms and fingerprints only, in the text, the JSON and the SARIF.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import { wireFromFlags } from '../net-flags'
import { styleFor } from '../audit-report'
import { intFlag } from './perf'
import type { Finding, Project } from '../../../shared/model'
import { normalizeDomain } from '../../../shared/domain'
import { runAudit } from '../../engine/run'
import { toAuditTarget, type wireEngine } from '../../engine/run/engine-deps'
import { projectForDomain } from '../audit-config'
import { createSecretsSuite, SECRETS_REPO_IDS, SECRETS_SITE_IDS } from '../../engine/secrets/suite'
import { parseIgnoreFile } from '../../engine/secrets/findings'
import { toSarif } from '../../engine/secrets/sarif'
import { ruleSet } from '../../engine/secrets/rules'
import type { RepoScanProgress } from '../../engine/secrets/repo'

const USAGE = 'launch-ready secrets [PATH] [--url URL] [--json | --sarif FILE] [--baseline FILE] [--no-history] [--build DIR]'
const HELP = `${USAGE}

Looks for credentials (API keys, tokens, private keys, database passwords) where
they should never be: the files of the repository at PATH (default: this folder),
every commit of its history on every branch and tag (merge commits and deleted
files included), committed .env and credential files, the local production build
(dist/, build/, .next/, out/ or --build DIR) and, with --url, the JavaScript and
source maps the live site serves. Each one is triaged: secret (a live key),
test (a test-mode key) or public (public by design, with what to restrict).
Values are never printed: a masked form and a fingerprint only.

  --url URL            also read this site's page, its scripts, their chunks and source maps
  --json               { meta, findings } as JSON (SPEC.md's finding shape)
  --sarif FILE         also write SARIF 2.1.0 for code scanning (GitHub, GitLab)
  --baseline FILE      report only what is not in FILE (an earlier --json output)
  --no-history         skip the history (the working tree, env files and build only)
  --build DIR          the production build folder, if not one of the usual ones
  --timeout S          per request to the site (default 10)
  --deadline S         time limit for the whole scan (default 600)
  --dns-server H[:P]   resolve the site's names with this DNS server
  --ca-file PEM        extra trusted CA certificates (staging)
  --port-map LIST      connect to other ports, e.g. 80:18080,443:18443

A fingerprint listed in PATH/.launchready-ignore (one per line, # and a reason)
is not reported. Exit codes: 0 no live credential found, 1 one was (or a check
could not run), 2 bad usage.
`

/** Keys of an earlier JSON output's findings: check, fingerprint and place. */
export function baselineKeys(text: string, file: string): Set<string> {
  let j: unknown
  try {
    j = JSON.parse(text)
  } catch {
    throw new UsageError(`--baseline: ${file} is not JSON (use the output of launch-ready secrets --json)`)
  }
  const findings = (j as { findings?: unknown }).findings
  if (!Array.isArray(findings)) throw new UsageError(`--baseline: ${file} has no "findings" list (use the output of launch-ready secrets --json)`)
  const keys = new Set<string>()
  for (const f of findings as Finding[]) {
    const key = findingBaselineKey(f)
    if (key) keys.add(key)
  }
  return keys
}

export function findingBaselineKey(f: Pick<Finding, 'checkId' | 'evidence'>): string | undefined {
  const e = f.evidence as Record<string, unknown> | undefined
  if (!e || typeof e.fingerprint !== 'string') return undefined
  return `${f.checkId}|${e.fingerprint}|${String(e.file ?? e.url ?? '')}`
}

const MARK: Record<string, string> = { pass: 'PASS ', warn: 'WARN ', fail: 'FAIL ', error: 'ERROR', skipped: 'SKIP ' }

export async function runSecrets(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand(
    'secrets',
    argv,
    {
      url: { type: 'string' },
      json: { type: 'boolean' },
      sarif: { type: 'string' },
      baseline: { type: 'string' },
      'no-history': { type: 'boolean' },
      build: { type: 'string' },
      timeout: { type: 'string' },
      deadline: { type: 'string' },
      'dns-server': { type: 'string' },
      'ca-file': { type: 'string' },
      'port-map': { type: 'string' },
    },
    { help: HELP, usage: `${USAGE}\n` },
    out,
    err,
  )
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let project: Project
  let wired: ReturnType<typeof wireEngine>
  let baseline: Set<string> | undefined
  let repo: string | undefined
  let siteUrl: string | undefined
  const only: string[] = []
  let timeoutMs: number
  let deadlineMs: number
  try {
    if (parsed.positionals.length > 1) throw new UsageError(`give one folder, not ${parsed.positionals.length}`)
    timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, 10) * 1000
    deadlineMs = intFlag(v.deadline, 'deadline', 5, 7200, 600) * 1000
    const scanRepo = parsed.positionals.length === 1 || !v.url
    if (scanRepo) {
      repo = resolve(parsed.positionals[0] ?? '.')
      if (!existsSync(repo)) throw new UsageError(`${repo} does not exist: give the folder that holds your code`)
      only.push(...SECRETS_REPO_IDS)
    }
    let url: URL | undefined
    if (v.url) {
      try {
        url = new URL(/^https?:\/\//i.test(v.url) ? v.url : `https://${v.url}`)
      } catch {
        throw new UsageError(`--url: “${v.url}” is not an address (e.g. https://acme.com)`)
      }
      only.push(...SECRETS_SITE_IDS)
      siteUrl = url.href
    }
    const host = url?.hostname ?? 'localhost'
    const dom = normalizeDomain(host)
    if (url && !dom.ok) throw new UsageError(`--url: ${dom.message}`)
    const apex = dom.ok ? dom.apex : host
    project = projectForDomain(apex)
    project = {
      ...project,
      canonicalHost: url ? (url.hostname === apex ? 'apex' : url.hostname === `www.${apex}` ? 'www' : 'auto') : 'apex',
      ...(repo ? { repoPath: repo } : {}),
      ...(v.build ? { buildDir: resolve(v.build) } : {}),
    }
    if (repo && existsSync(join(repo, '.launchready-ignore'))) project.secretIgnores = parseIgnoreFile(readFileSync(join(repo, '.launchready-ignore'), 'utf8')).map((i) => ({ ...i }))
    if (v.baseline) {
      let text: string
      try {
        text = readFileSync(v.baseline, 'utf8')
      } catch {
        throw new UsageError(`--baseline: cannot read ${v.baseline}`)
      }
      baseline = baselineKeys(text, v.baseline)
    }
    if (v.json && v.sarif === '-') throw new UsageError('--sarif - and --json both want the standard output: write the SARIF to a file')
    wired = wireFromFlags(v, timeoutMs)
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready secrets: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }

  const st = styleFor(err)
  let last: RepoScanProgress | undefined
  const draw = () => {
    if (st.symbols && last) err.write(`\r\u001b[KScanning… ${last.files} files${last.commits ? `, ${last.commits} commits` : ''}${last.phase === 'build' ? ', the build' : ''}`)
  }
  const spinner = st.symbols ? setInterval(draw, 200) : undefined
  const ac = new AbortController()
  const onSigint = () => (ac.signal.aborted ? process.exit(130) : ac.abort())
  process.on('SIGINT', onSigint)
  const started = Date.now()
  let result
  try {
    result = await runAudit({
      suites: [createSecretsSuite({ timeoutMs, onRepoProgress: (p) => (last = p) })],
      deps: wired,
      target: { ...toAuditTarget(project), discoverCommonSubdomains: false, ...(v.url ? { sitePages: [siteUrl!] } : {}), ...(v['no-history'] ? { scanHistory: false } : {}) },
      scope: { checkIds: only },
      signal: ac.signal,
      deadlineMs,
    })
  } finally {
    if (spinner) clearInterval(spinner)
    if (st.symbols) err.write('\r\u001b[K')
    process.removeListener('SIGINT', onSigint)
    wired.close()
  }
  let findings = result.findings
  let fromBaseline = 0
  if (baseline) {
    const before = findings.length
    findings = findings.filter((f) => {
      const key = findingBaselineKey(f)
      return !key || !baseline!.has(key)
    })
    fromBaseline = before - findings.length
  }
  const meta = {
    command: 'secrets',
    version: process.env.npm_package_version ?? '0.1.0',
    node: process.version,
    ...(repo ? { path: repo } : {}),
    ...(v.url ? { url: v.url } : {}),
    state: result.state,
    startedAt: result.startedAt,
    finishedAt: result.finishedAt,
    durationMs: Date.now() - started,
    rules: ruleSet().source,
    ...(baseline ? { baselineMatched: fromBaseline } : {}),
    summary: result.meta.secrets ?? null,
  }
  if (v.sarif) {
    try {
      writeFileSync(v.sarif, `${JSON.stringify(toSarif(findings, { version: meta.version, ...(repo ? { root: repo } : {}) }), null, 2)}\n`)
    } catch (e) {
      err.write(`launch-ready secrets: cannot write ${v.sarif}: ${(e as Error).message}\n`)
      return 2
    }
  }
  if (v.json) out.write(`${JSON.stringify({ meta, findings }, null, 2)}\n`)
  else printHuman(findings, meta.summary as Record<string, unknown> | null, fromBaseline, out)
  return exitCodeFor(findings)
}

function printHuman(findings: readonly Finding[], summary: Record<string, unknown> | null, fromBaseline: number, out: NodeJS.WritableStream): void {
  const order = ['fail', 'error', 'warn', 'skipped', 'pass']
  const sorted = [...findings].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))
  for (const f of sorted) {
    const e = f.evidence as Record<string, unknown>
    out.write(`${MARK[f.status] ?? f.status} ${f.title}\n       ${f.summary}\n`)
    if (typeof e.masked === 'string') out.write(`       ${e.provider} · ${e.kind} · ${e.masked} · fingerprint ${e.fingerprint}\n`)
    if (f.status === 'fail' && f.fix[0]) out.write(`       First: ${f.fix[0].text}\n`)
  }
  const repo = summary?.repo as Record<string, unknown> | undefined
  if (repo) out.write(`\nRead ${repo.filesScanned} files${repo.commits !== undefined ? ` and ${repo.commits} commits` : ''}${repo.filesSkipped ? ` (${repo.filesSkipped} files skipped: binary or over 2 MB)` : ''}.\n`)
  if (fromBaseline) out.write(`${fromBaseline} finding${fromBaseline === 1 ? '' : 's'} already in the baseline ${fromBaseline === 1 ? 'is' : 'are'} not shown.\n`)
}

registerCommand({ name: 'secrets', usage: USAGE, summary: 'Find credentials in a repository, its history, its build and the scripts a site serves.', run: (argv) => runSecrets(argv) })
