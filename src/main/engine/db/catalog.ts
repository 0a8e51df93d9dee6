/**
 * What the advisor reads from the server's catalogs and statistics views, one
 * read-only SELECT each: the extensions, pg_stat_statements (ranked by total
 * time, the advisor's own statements left out), the tables' scan counters and
 * sizes, every index with its columns and use, foreign keys and primary keys,
 * and how old the statistics are.
 */
import type { DbClient } from './client'

export interface Extensions {
  statements: boolean
  /** pg_stat_statements is installed but the role may not read other roles' query texts. */
  statementsReadable: boolean
  /** Preloaded by the server (the view exists only then). */
  statementsPreloaded: boolean
  hypopg: boolean
  /** hypopg exists on the server but is not created in this database. */
  hypopgAvailable: boolean
}

export interface Statement {
  queryid: string
  query: string
  calls: number
  totalMs: number
  meanMs: number
  rows: number
}

export interface TableStat {
  schema: string
  name: string
  seqScan: number
  seqTupRead: number
  idxScan: number
  liveRows: number
  sizeBytes: number
  hasPrimaryKey: boolean
}

export interface IndexInfo {
  schema: string
  table: string
  name: string
  /** Column names in order ('(expression)' for an expression column). */
  columns: string[]
  definition: string
  valid: boolean
  primary: boolean
  unique: boolean
  /** Backs a constraint (primary key, unique, exclusion): never proposed for dropping. */
  constraint: boolean
  scans: number
  sizeBytes: number
  partial: boolean
}

export interface ForeignKey {
  schema: string
  table: string
  name: string
  columns: string[]
  references: string
}

export async function readExtensions(db: DbClient): Promise<Extensions> {
  const rows = await db.query<{ name: string; installed: boolean }>(`SELECT name, installed_version IS NOT NULL AS installed FROM pg_available_extensions WHERE name IN ('pg_stat_statements', 'hypopg')`)
  const installed = (n: string) => rows.some((r) => r.name === n && r.installed)
  // shared_preload_libraries is readable by superusers only: the view's answer says whether the library is loaded.
  let statementsPreloaded = false
  if (installed('pg_stat_statements')) {
    statementsPreloaded = await db.query(`SELECT 1 FROM pg_stat_statements LIMIT 0`).then(
      () => true,
      (e: { message?: string }) => !/shared_preload_libraries/.test(e.message ?? ''),
    )
  }
  let statementsReadable = false
  if (installed('pg_stat_statements') && statementsPreloaded) {
    const r = await db.query<{ ok: boolean }>(`SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS ok`)
    statementsReadable = Boolean(r[0]?.ok)
  }
  return { statements: installed('pg_stat_statements') && statementsPreloaded, statementsReadable, statementsPreloaded, hypopg: installed('hypopg'), hypopgAvailable: rows.some((r) => r.name === 'hypopg') }
}

export async function readStatements(db: DbClient, limit = 50): Promise<Statement[]> {
  const rows = await db.query<{ queryid: string; query: string; calls: string; total: number; mean: number; rows: string }>(
    `SELECT queryid::text AS queryid, query, calls::text AS calls, total_exec_time AS total, mean_exec_time AS mean, rows::text AS rows
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%launch-ready advisor%' AND query <> '<insufficient privilege>'
      ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  )
  return rows.map((r) => ({ queryid: r.queryid, query: r.query, calls: Number(r.calls), totalMs: r.total, meanMs: r.mean, rows: Number(r.rows) }))
}

/** When the statement statistics (and the database's counters) were last reset: "unused" means nothing before that. */
export async function readStatsAge(db: DbClient, statements: boolean): Promise<{ statsReset: string | null; statementsReset: string | null }> {
  const d = await db.query<{ at: Date | null }>(`SELECT stats_reset AS at FROM pg_stat_database WHERE datname = current_database()`)
  let s: { at: Date | null }[] = []
  if (statements) s = await db.query<{ at: Date | null }>(`SELECT stats_reset AS at FROM pg_stat_statements_info`).catch(() => [])
  const iso = (x: Date | null | undefined) => (x ? new Date(x).toISOString() : null)
  // Never reset: the counters run since the cluster started.
  const since = d[0]?.at ?? (await db.query<{ at: Date }>(`SELECT pg_postmaster_start_time() AS at`))[0]?.at
  return { statsReset: iso(since), statementsReset: iso(s[0]?.at) }
}

export async function readTables(db: DbClient): Promise<TableStat[]> {
  const rows = await db.query<{ schema: string; name: string; seq_scan: string; seq_tup_read: string; idx_scan: string | null; live: string; size: string; pk: boolean }>(
    `SELECT s.schemaname AS schema, s.relname AS name, s.seq_scan::text, s.seq_tup_read::text, s.idx_scan::text, s.n_live_tup::text AS live,
            (c.relpages::bigint * current_setting('block_size')::bigint)::text AS size,
            EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = s.relid AND c.contype = 'p') AS pk
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY s.relname`,
  )
  return rows.map((r) => ({ schema: r.schema, name: r.name, seqScan: Number(r.seq_scan), seqTupRead: Number(r.seq_tup_read), idxScan: Number(r.idx_scan ?? 0), liveRows: Number(r.live), sizeBytes: Number(r.size), hasPrimaryKey: r.pk }))
}

export async function readIndexes(db: DbClient): Promise<IndexInfo[]> {
  const rows = await db.query<{ schema: string; table: string; name: string; columns: string[]; def: string; valid: boolean; primary: boolean; unique: boolean; constraint: boolean; scans: string; size: string; partial: boolean }>(
    `SELECT n.nspname AS schema, t.relname AS "table", i.relname AS name,
            ARRAY(SELECT COALESCE(a.attname::text, '(expression)') FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0 ORDER BY k.ord) AS columns,
            pg_get_indexdef(x.indexrelid) AS def, x.indisvalid AS valid, x.indisprimary AS primary, x.indisunique AS unique,
            EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) AS "constraint",
            COALESCE(s.idx_scan, 0)::text AS scans, (i.relpages::bigint * current_setting('block_size')::bigint)::text AS size, x.indpred IS NOT NULL AS partial
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = x.indexrelid
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      ORDER BY t.relname, i.relname`,
  )
  return rows.map(({ def, size, ...r }) => ({ ...r, definition: def, scans: Number(r.scans), sizeBytes: Number(size) }))
}

export async function readForeignKeys(db: DbClient): Promise<ForeignKey[]> {
  return db.query<ForeignKey>(
    `SELECT n.nspname AS schema, t.relname AS "table", c.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            c.confrelid::regclass::text AS "references"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'f' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      ORDER BY t.relname, c.conname`,
  )
}
