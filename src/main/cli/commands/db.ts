/**
 * `launch-ready db [--credential NAME | --url-env VAR]`: the read-only
 * database advisor on a Postgres database. The URL comes from the keychain or
 * an environment variable, never from a flag value (it would land in shell
 * history); it is never printed.
 */
import { existsSync } from 'node:fs'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import type { Finding } from '../../../shared/model'
import { VERTICAL_INFO, VERTICALS, type Vertical } from '../../../shared/verticals'
import { intFlag, readCredential } from './perf'
import { connectPg } from '../../engine/db/client'
import { runAdvisor } from '../../engine/db/advisor'
import { advisorRoleSql } from '../../engine/db/setup'
import { errorFinding } from '../../engine/finding'

const USAGE = 'launch-ready db (--credential NAME | --url-env VAR) [--json] [--timeout S] [--ca-file PEM] [--vertical V]'
const HELP = `${USAGE}

Reads a PostgreSQL database's statistics and catalogs, read-only, and reports slow
queries (pg_stat_statements), missing indexes (checked with hypothetical indexes
where hypopg is installed), foreign keys without an index, duplicate, unused and
invalid indexes and tables without a primary key — each with the statement to run.
It never writes, analyzes or resets anything: the session is read-only on the
server, every statement has a timeout, plans are never executed.

  --credential NAME    the connection URL is the keychain credential NAME
                       (or the environment variable LAUNCH_READY_CREDENTIAL_NAME)
  --url-env VAR        the connection URL is in the environment variable VAR
                       (e.g. DATABASE_URL, as your host sets it)
  --json               { meta, findings } as JSON
  --timeout S          statement timeout per query (default 5)
  --ca-file PEM        the CA of the server's certificate (providers with a private CA)
  --vertical V         ${VERTICALS.join(', ')}: the page budget a query is measured against
  --role-sql           print the SQL for a least-privilege advisor role and exit

Exit codes: 0 nothing at severity high or above fails, 1 something does (or the
database could not be read), 2 bad usage.
`

const MARK: Record<string, string> = { pass: 'PASS ', warn: 'WARN ', fail: 'FAIL ', error: 'ERROR', skipped: 'SKIP ' }

export async function runDb(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('db', argv, { credential: { type: 'string' }, 'url-env': { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' }, 'ca-file': { type: 'string' }, vertical: { type: 'string' }, 'role-sql': { type: 'boolean' } }, { help: HELP, usage: `${USAGE}\n` }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let url: string
  let timeoutMs: number
  let vertical: Vertical
  try {
    if (v['role-sql']) {
      out.write(`${advisorRoleSql('your_database')}\n`)
      return 0
    }
    if (parsed.positionals.length) throw new UsageError('the connection URL is never a command-line value (it would stay in your shell history): use --credential NAME or --url-env VAR')
    if (!v.credential === !v['url-env']) throw new UsageError('give one of --credential NAME (the keychain) or --url-env VAR (an environment variable)')
    timeoutMs = intFlag(v.timeout, 'timeout', 1, 120, 5) * 1000
    vertical = (v.vertical ?? 'community') as Vertical
    if (!VERTICALS.includes(vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
    if (v['ca-file'] && !existsSync(v['ca-file'])) throw new UsageError(`--ca-file: ${v['ca-file']} does not exist`)
    const raw = v.credential ? await readCredential(v.credential) : process.env[v['url-env']!]
    if (!raw) throw new UsageError(v.credential ? `no credential named “${v.credential}” in the keychain (or LAUNCH_READY_CREDENTIAL_${v.credential.toUpperCase().replace(/[^A-Z0-9]/g, '_')})` : `the environment variable ${v['url-env']} is not set`)
    if (!/^postgres(?:ql)?:\/\//.test(raw.trim())) throw new UsageError(`${v.credential ? `the credential ${v.credential}` : v['url-env']} does not hold a postgres:// URL`)
    url = raw.trim()
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready db: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  const started = Date.now()
  const host = (() => {
    try {
      return new URL(url).host
    } catch {
      return 'the database'
    }
  })()
  let findings: Finding[]
  let meta: Record<string, unknown> = {}
  try {
    const db = await connectPg(url, { statementTimeoutMs: timeoutMs, ...(v['ca-file'] ? { caFile: v['ca-file'] } : {}) })
    try {
      const r = await runAdvisor(db, { budgetMs: VERTICAL_INFO[vertical].p95TargetMs })
      findings = r.findings
      meta = { server: r.server, extensions: r.extensions, queries: r.queries, top: r.top }
    } finally {
      await db.end()
    }
  } catch (e) {
    findings = [errorFinding('db.stats', host, (e as Error).message)]
  }
  if (v.json) out.write(`${JSON.stringify({ meta: { command: 'db', version: process.env.npm_package_version ?? '0.1.0', node: process.version, host, durationMs: Date.now() - started, ...meta }, findings }, null, 2)}\n`)
  else {
    const order = ['fail', 'error', 'warn', 'skipped', 'pass']
    for (const f of [...findings].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))) {
      out.write(`${MARK[f.status]} ${f.title}\n       ${f.summary}\n`)
      const sql = f.fix.find((s) => s.value)
      if (f.status !== 'pass' && sql) out.write(`       ${sql.value}\n`)
    }
    if (Array.isArray(meta.top) && meta.top.length) out.write(`\nTop bottlenecks:\n${(meta.top as string[]).map((t, i) => `  ${i + 1}. ${t}`).join('\n')}\n`)
  }
  return exitCodeFor(findings)
}

registerCommand({ name: 'db', usage: USAGE, summary: 'Find slow queries and missing indexes on a Postgres database, read-only.', run: (argv) => runDb(argv) })
