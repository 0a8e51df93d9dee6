/**
 * The database seam of the advisor, and its real implementation on `pg`
 * (node-postgres, the field's standard client). Safety is the server's job:
 * every session starts read-only (default_transaction_read_only), with a
 * statement and a lock timeout and the advisor's application_name, all in the
 * startup packet, and is checked before the first query. Every query goes
 * through the extended protocol (parameters given), which the server refuses
 * to run as more than one statement, and through `guard`, which refuses what
 * read-only mode alone does not stop (ANALYZE, a statistics reset, CREATE or
 * DROP) before it is sent.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { parse as parseUrl } from 'pg-connection-string'

export interface DbClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
  /** PostgreSQL's server_version_num (150004 = 15.4). */
  readonly serverVersion: number
  readonly user: string
  readonly database: string
  end(): Promise<void>
}

export interface DbConnectOptions {
  statementTimeoutMs?: number
  lockTimeoutMs?: number
  connectTimeoutMs?: number
  /** PEM file of the CA that signed the server's certificate (managed providers with a private CA). */
  caFile?: string
  signal?: AbortSignal
}

export const APPLICATION_NAME = 'launch-ready-advisor'
/** Marks the advisor's own statements, so it never reports itself as a slow query. */
export const MARK = '/* launch-ready advisor */'

/** What the advisor itself may send; anything else is refused before it reaches the server. */
const FORBIDDEN = /\b(?:ANALYZE|VACUUM|CREATE|DROP|ALTER|INSERT|UPDATE|DELETE|TRUNCATE|GRANT|REVOKE|COPY|CLUSTER|REINDEX|REFRESH|COMMENT|SECURITY|LOCK)\b/i
/** Functions that change something, refused wherever they appear. */
const FORBIDDEN_CALLS = /\b(?:pg_stat_statements_reset|pg_stat_reset\w*|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile|lo_import|lo_export|lo_unlink|set_config|pg_advisory\w*lock\w*|nextval|setval|dblink\w*|pg_file_write|pg_read_file|pg_ls_dir)\s*\(/i

export class UnsafeStatementError extends Error {}

/** Refuses a statement the advisor must never send. hypopg's functions take a CREATE INDEX text as data; that text is checked on its own. */
export function guard(sql: string): void {
  const body = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '')
  if (/;\s*\S/.test(body)) throw new UnsafeStatementError('one statement per query')
  const options = /^\s*EXPLAIN\s*\(([^)]*)\)/i.exec(body)?.[1]
  if (options && /\bANALYZE\b(?!\s+(?:false|off|0)\b)/i.test(options)) throw new UnsafeStatementError('EXPLAIN ANALYZE runs the query; the advisor only plans')
  const stripped = body.replace(/^\s*EXPLAIN\s*\((?:[^()]|\([^)]*\))*\)/i, 'EXPLAIN ')
  if (/^\s*EXPLAIN\b[^(]*\bANALYZE\b/i.test(stripped) || /\bANALYZE\s+(?:true|on)\b/i.test(body)) throw new UnsafeStatementError('EXPLAIN ANALYZE runs the query; the advisor only plans')
  if (FORBIDDEN.test(stripped) && !/^\s*(?:PREPARE\s+\w+\s+AS\s+)?(?:SELECT|WITH|EXPLAIN|SHOW|EXECUTE|DEALLOCATE|BEGIN|ROLLBACK|SET\s+LOCAL)\b/i.test(stripped)) throw new UnsafeStatementError(`refused: ${sql.slice(0, 80)}`)
  if (FORBIDDEN_CALLS.test(body)) throw new UnsafeStatementError(`refused: ${/\b(\w+)\s*\(/.exec(body.match(FORBIDDEN_CALLS)![0])?.[1] ?? 'a function that changes something'}`)
}

/** TLS as the URL asks. `pg` reads sslmode=require as full verification; libpq (psql) reads it as "encrypt, do not verify": the advisor follows libpq. */
export function tlsFor(url: string, caFile?: string): pg.ClientConfig['ssl'] {
  const mode = new URL(url).searchParams.get('sslmode') ?? 'prefer'
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined
  if (mode === 'disable') return false
  if (mode === 'verify-full') return { rejectUnauthorized: true, ...(ca ? { ca } : {}) }
  if (mode === 'verify-ca') return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined }
  // require / prefer / allow: encrypted, not verified, as libpq does — unless a CA was given, which asks for verification.
  return ca ? { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined } : { rejectUnauthorized: false }
}

/** Plain words for the errors a founder meets connecting. */
export function connectError(e: unknown, host: string): string {
  const err = e as { code?: string; message?: string }
  const m = err.message ?? String(e)
  if (err.code === '28P01' || /password authentication failed/i.test(m)) return 'The database refused the user name or password. Check the connection URL in the keychain (the password part).'
  if (err.code === '3D000') return `The database in the URL does not exist on ${host}.`
  if (err.code === '28000') return `The server does not allow this user to connect from here (pg_hba.conf, or the provider's allowed IP list): ${m}`
  if (err.code === 'ECONNREFUSED') return `Nothing answers on ${host}: the host or port is wrong, or the database is not reachable from this computer.`
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `The host name ${host} does not resolve.`
  if (/timeout/i.test(m)) return `${host} did not answer in time: the host may be unreachable from here or behind a firewall.`
  if (/does not support SSL|SSL off|no pg_hba.conf entry .* no encryption/i.test(m)) return `The TLS setting and the server disagree: ${m}. Adjust sslmode in the URL (require, verify-full) to what the provider documents.`
  if (/self[- ]signed|unable to verify|certificate/i.test(m)) return `The server's certificate could not be verified (${m}). Give the provider's CA file, or use sslmode=require to encrypt without verifying.`
  return `Could not connect to ${host}: ${m}`
}

export async function connectPg(url: string, o: DbConnectOptions = {}): Promise<DbClient> {
  const cfg = parseUrl(url)
  const host = `${cfg.host ?? 'localhost'}:${cfg.port ?? 5432}`
  const client = new pg.Client({
    ...(cfg.host ? { host: cfg.host } : {}),
    ...(cfg.port ? { port: Number(cfg.port) } : {}),
    ...(cfg.user ? { user: cfg.user } : {}),
    ...(cfg.password ? { password: cfg.password } : {}),
    ...(cfg.database ? { database: cfg.database } : {}),
    ssl: tlsFor(url, o.caFile),
    application_name: APPLICATION_NAME,
    statement_timeout: o.statementTimeoutMs ?? 5000,
    lock_timeout: o.lockTimeoutMs ?? 1000,
    idle_in_transaction_session_timeout: 30_000,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 8000,
    options: '-c default_transaction_read_only=on',
  })
  client.on('error', () => undefined) // a dropped connection surfaces on the next query
  const onAbort = () => void client.end().catch(() => undefined)
  o.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await client.connect()
  } catch (e) {
    o.signal?.removeEventListener('abort', onAbort)
    throw new Error(connectError(e, host))
  }
  const info = (await client.query(`${MARK} SELECT current_setting('server_version_num')::int AS v, current_setting('default_transaction_read_only') AS ro, current_user AS u, current_database() AS d`, [])).rows[0] as { v: number; ro: string; u: string; d: string }
  if (info.ro !== 'on') {
    await client.end()
    throw new Error('The session could not be made read-only, so the advisor will not run on it.')
  }
  return {
    serverVersion: info.v,
    user: info.u,
    database: info.d,
    async query<T>(sql: string, params: unknown[] = []) {
      guard(sql)
      return (await client.query(`${MARK} ${sql}`, params)).rows as T[]
    },
    async end() {
      o.signal?.removeEventListener('abort', onAbort)
      await client.end().catch(() => undefined)
    },
  }
}
