/**
 * db.* findings: what was seen, in plain words, and the fix as the exact
 * statement — CREATE INDEX CONCURRENTLY with a generated name, one per line
 * (it cannot run inside a transaction), the estimated cost change and the
 * table size, and what to do when a concurrent build fails.
 */
import type { Finding, FixStep } from '../../../shared/model'
import { makeFinding } from '../finding'
import type { ForeignKey, IndexInfo, Statement, TableStat } from './catalog'
import { indexColumnsSql, tableSql, type Proposal } from './plans'

export const size = (b: number) => (b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GB` : b >= 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`)
const ms = (x: number) => (x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`)
const short = (q: string) => (q.replace(/\s+/g, ' ').trim().length > 160 ? `${q.replace(/\s+/g, ' ').trim().slice(0, 157)}…` : q.replace(/\s+/g, ' ').trim())

export function indexName(table: string, columns: readonly string[]): string {
  const base = `${table}_${columns.map((c) => c.split(' ')[0]).join('_')}_idx`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  return base.length > 63 ? `${base.slice(0, 55)}_${base.length.toString(36)}_idx`.slice(0, 63) : base
}

const IF_FAILS: FixStep = { text: 'If the build fails (a deadlock, a timeout, a duplicate value), it leaves an invalid index behind: drop it with DROP INDEX CONCURRENTLY and run the statement again.' }
const OUTSIDE: FixStep = { text: 'Run it in psql or your provider’s SQL console outside a transaction (CONCURRENTLY cannot run inside one). It builds without blocking writes; expect it to take a while on a big table.' }

export function createIndexSql(schema: string, table: string, columns: readonly string[]): string {
  return `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${indexName(table, columns)} ON ${tableSql(schema, table)} (${indexColumnsSql(columns)});`
}

export function proposalFinding(p: Proposal, t: TableStat | undefined, stmt: Statement | undefined, coversFk?: string): Finding {
  const sql = createIndexSql(p.schema, p.table, p.columns)
  const fall = p.costAfter !== null ? Math.round((1 - p.costAfter / p.costBefore) * 100) : null
  return makeFinding('db.missing-index', `${p.schema}.${p.table}`, 'fail', {
    title: `${p.table} needs an index on (${p.columns.join(', ')})`,
    summary: `${stmt ? `A query run ${stmt.calls} times (${ms(stmt.meanMs)} on average, ${ms(stmt.totalMs)} in all) reads` : 'Queries read'} the whole ${p.table} table (${t ? `${t.liveRows.toLocaleString('en-US')} rows, ${size(t.sizeBytes)}` : 'a large table'}) to find a few rows.${fall !== null ? ` With this index the planner’s cost falls by ${fall}% (${Math.round(p.costBefore)} → ${Math.round(p.costAfter!)}, checked with a hypothetical index).` : ' Checked from the plan and the statistics only: hypopg is not in this database, so the gain is not measured.'}${coversFk ? ` It also covers the foreign key ${coversFk}, which has no index of its own.` : ''}`,
    evidence: { table: `${p.schema}.${p.table}`, columns: p.columns, costBefore: p.costBefore, costAfter: p.costAfter, validated: p.validated, queryid: p.queryid, query: short(p.query), ...(t ? { rows: t.liveRows, sizeBytes: t.sizeBytes, seqScans: t.seqScan, indexScans: t.idxScan } : {}) },
    fix: [{ text: 'Create the index (one statement):', value: sql }, OUTSIDE, IF_FAILS],
  })
}

export function seqScanFinding(t: TableStat): Finding {
  const ratio = t.seqScan / Math.max(1, t.seqScan + t.idxScan)
  return makeFinding('db.missing-index', `${t.schema}.${t.name}`, 'fail', {
    title: `${t.name} is read mostly by full scans`,
    summary: `${Math.round(ratio * 100)}% of the reads of ${t.name} (${t.liveRows.toLocaleString('en-US')} rows, ${size(t.sizeBytes)}) scan the whole table: ${t.seqScan.toLocaleString('en-US')} full scans against ${t.idxScan.toLocaleString('en-US')} index lookups. No slow query in the statistics pointed at the column to index, so this comes from the counters alone.`,
    severity: 'medium',
    evidence: { table: `${t.schema}.${t.name}`, rows: t.liveRows, sizeBytes: t.sizeBytes, seqScans: t.seqScan, indexScans: t.idxScan, seqRowsRead: t.seqTupRead, validated: 'statistics' },
    fix: [
      { text: `Find the queries that filter ${t.name} (pg_stat_statements, or your ORM's query log) and index the columns in their WHERE clause, equality columns first.` },
      { text: 'Then create it with CREATE INDEX CONCURRENTLY, outside a transaction.' },
    ],
  })
}

export function slowQueryFinding(s: Statement, why: 'budget' | 'floor' | 'dominates', share: number, budgetMs: number): Finding {
  const over = why === 'budget'
  return makeFinding('db.slow-queries', `query ${s.queryid}`, 'fail', {
    title: over ? `A query takes ${ms(s.meanMs)} on average, over the ${budgetMs} ms page budget` : why === 'dominates' ? `One query takes ${Math.round(share * 100)}% of the database’s time` : `A frequent query takes ${ms(s.meanMs)} on average`,
    summary: `${short(s.query)} ran ${s.calls.toLocaleString('en-US')} times, ${ms(s.meanMs)} on average and ${ms(s.totalMs)} in all (${Math.round(share * 100)}% of the time spent on queries).`,
    severity: over ? 'high' : 'medium',
    evidence: { queryid: s.queryid, query: short(s.query), calls: s.calls, meanMs: s.meanMs, totalMs: s.totalMs, rows: s.rows, shareOfTotal: share, budgetMs },
    fix: [{ text: 'See the index proposal for the table it reads below (db.missing-index), or rewrite it to read fewer rows (a LIMIT, a narrower WHERE).' }],
  })
}

export function fkFinding(fk: ForeignKey, t: TableStat | undefined, proposal?: Proposal): Finding {
  // When a slow query's proposed index leads with these columns, that one statement fixes both.
  const sql = createIndexSql(fk.schema, fk.table, proposal?.columns ?? fk.columns)
  return makeFinding('db.fk-index', `${fk.schema}.${fk.table}(${fk.columns.join(', ')})`, 'fail', {
    title: `The foreign key ${fk.table}.${fk.columns.join(', ')} has no index`,
    summary: `Looking up a ${fk.references} row's ${fk.table}, and deleting or updating a ${fk.references} row, scans all of ${fk.table}${t ? ` (${t.liveRows.toLocaleString('en-US')} rows)` : ''}.`,
    evidence: { table: `${fk.schema}.${fk.table}`, constraint: fk.name, columns: fk.columns, references: fk.references, ...(t ? { rows: t.liveRows, sizeBytes: t.sizeBytes } : {}) },
    fix: [{ text: proposal ? `Create the index proposed for the slow query on ${fk.table} (it leads with ${fk.columns.join(', ')}, so it serves the foreign key too):` : 'Create the index:', value: sql }, OUTSIDE, IF_FAILS],
  })
}

const dropSql = (i: IndexInfo) => `DROP INDEX CONCURRENTLY IF EXISTS ${tableSql(i.schema, i.name)};`

export function duplicateFinding(dup: IndexInfo, covering: IndexInfo): Finding {
  return makeFinding('db.duplicate-index', `${dup.schema}.${dup.name}`, 'fail', {
    title: `${dup.name} duplicates ${covering.name}`,
    summary: `${dup.name} (${dup.columns.join(', ')}) is the start of ${covering.name} (${covering.columns.join(', ')}), which serves the same lookups. It costs ${size(dup.sizeBytes)} and slows every write to ${dup.table}.`,
    severity: 'low',
    evidence: { index: dup.name, definition: dup.definition, coveredBy: covering.name, coveredByDefinition: covering.definition, sizeBytes: dup.sizeBytes },
    fix: [{ text: 'Drop the duplicate:', value: dropSql(dup) }, { text: 'Run it outside a transaction; dropping concurrently does not block reads or writes.' }],
  })
}

export function unusedFinding(i: IndexInfo, since: string | null): Finding {
  const days = since ? Math.floor((Date.now() - Date.parse(since)) / 86_400_000) : null
  return makeFinding('db.unused-index', `${i.schema}.${i.name}`, 'fail', {
    title: `${i.name} has not been used`,
    summary: `No query has used ${i.name} on ${i.table} (${size(i.sizeBytes)}) since the statistics began ${since ? `on ${since.slice(0, 10)} (${days} days ago)` : 'at the last restart'}. ${days !== null && days < 7 ? 'That is recent: wait for a full week of normal traffic before dropping it.' : 'It still costs space and slows every write.'}`,
    severity: 'low',
    evidence: { index: i.name, definition: i.definition, scans: i.scans, sizeBytes: i.sizeBytes, statsSince: since, statsAgeDays: days },
    fix: [{ text: 'Drop it if nothing needs it (a monthly report can use an index rarely):', value: dropSql(i) }],
  })
}

export function invalidFinding(i: IndexInfo): Finding {
  return makeFinding('db.invalid-index', `${i.schema}.${i.name}`, 'fail', {
    title: `${i.name} is invalid`,
    summary: `A CREATE INDEX CONCURRENTLY on ${i.table} failed part-way: the index is not used for reads, yet every write still maintains it.`,
    evidence: { index: i.name, definition: i.definition, sizeBytes: i.sizeBytes },
    fix: [
      { text: 'Drop it:', value: dropSql(i) },
      { text: `Then fix what made it fail (for a unique index: the duplicate values) and build it again: ${i.definition.replace(/^CREATE (UNIQUE )?INDEX/, 'CREATE $1INDEX CONCURRENTLY')};` },
    ],
  })
}

export function noPkFinding(t: TableStat): Finding {
  return makeFinding('db.no-primary-key', `${t.schema}.${t.name}`, 'fail', {
    title: `${t.name} has no primary key`,
    summary: `Rows of ${t.name} (${t.liveRows.toLocaleString('en-US')}) cannot be told apart reliably: updates and deletes by the app or an admin tool can hit the wrong rows, and logical replication (used by many providers’ migrations) refuses the table.`,
    evidence: { table: `${t.schema}.${t.name}`, rows: t.liveRows },
    fix: [{ text: 'Add an identity column as the primary key (this rewrites the table: do it in a quiet moment):', value: `ALTER TABLE ${tableSql(t.schema, t.name)} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;` }],
  })
}

export const passFinding = (id: string, target: string, title: string, summary: string, evidence: Record<string, unknown> = {}): Finding => makeFinding(id, target, 'pass', { title, summary, evidence })
