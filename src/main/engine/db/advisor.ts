/**
 * The database advisor: connects read-only, reads the statistics and the
 * catalogs, plans the slowest queries (generic plans, never executed) and
 * turns it all into db.* findings with the statements to run. It never
 * writes, analyzes or resets anything; a check it cannot run (no
 * pg_stat_statements, no SELECT right for plans, a statement cancelled by the
 * timeout) is reported as such, never as a pass.
 */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { DbClient } from './client'
import { readExtensions, readForeignKeys, readIndexes, readStatements, readStatsAge, readTables, type IndexInfo, type Statement, type TableStat } from './catalog'
import { candidates, costWithHypothetical, genericPlan, isPlannable, type Proposal } from './plans'
import { duplicateFinding, fkFinding, invalidFinding, noPkFinding, passFinding, proposalFinding, seqScanFinding, slowQueryFinding, unusedFinding } from './findings'
import { statsSteps } from './setup'

export const DB_IDS = ['db.stats', 'db.slow-queries', 'db.missing-index', 'db.fk-index', 'db.duplicate-index', 'db.unused-index', 'db.invalid-index', 'db.no-primary-key'] as const

export interface AdvisorOptions {
  /** The vertical's page budget, ms: a query slower than this on average is a high-severity problem. */
  budgetMs: number
  /** pghero's floor: a query matters from this mean over `minCalls` calls. */
  floorMs?: number
  minCalls?: number
  /** Tables smaller than this are never proposed an index (a scan of them is cheap). */
  minRows?: number
  /** How many of the slowest queries are planned. */
  planTop?: number
  onProgress?: (step: string, done: number, total: number) => void
  signal?: AbortSignal
}

export interface AdvisorResult {
  findings: Finding[]
  queries: number
  server: { version: number; user: string; database: string }
  extensions: { statements: boolean; hypopg: boolean }
  /** The three worst problems, the roadmap's deliverable. */
  top: string[]
}

const target = (db: DbClient) => db.database

function why(e: unknown): string {
  const err = e as { code?: string; message?: string }
  if (err.code === '57014') return 'it ran past the statement timeout and was cancelled'
  if (err.code === '55P03') return 'a table it needed was locked (lock timeout), so it was cancelled instead of waiting'
  if (err.code === '42501') return `the advisor’s role lacks a right (${err.message})`
  return err.message ?? String(e)
}

/** A prefix duplicate: same table, not a constraint, its columns the start of another valid index's. */
function duplicates(indexes: readonly IndexInfo[]): { dup: IndexInfo; covering: IndexInfo }[] {
  const out: { dup: IndexInfo; covering: IndexInfo }[] = []
  for (const a of indexes) {
    if (a.constraint || a.partial || !a.valid || a.columns.includes('(expression)')) continue
    const covering = indexes.find((b) => b !== a && b.valid && !b.partial && b.schema === a.schema && b.table === a.table && b.columns.length >= a.columns.length && a.columns.every((c, i) => b.columns[i] === c) && (b.columns.length > a.columns.length || b.name < a.name) && !(a.unique && !b.unique))
    if (covering) out.push({ dup: a, covering })
  }
  return out
}

export async function runAdvisor(db: DbClient, o: AdvisorOptions): Promise<AdvisorResult> {
  const floorMs = o.floorMs ?? 20
  const minCalls = o.minCalls ?? 100
  const minRows = o.minRows ?? 10_000
  const planTop = o.planTop ?? 5
  const t = target(db)
  const out: Finding[] = []
  let queries = 0
  const q = <T>(p: Promise<T>) => {
    queries++
    return p
  }
  const steps = 7
  let step = 0
  const tell = (s: string) => o.onProgress?.(s, step++, steps)
  const stop = () => {
    if (o.signal?.aborted) throw new Error('The advisor was stopped.')
  }

  // A read that fails (a right missing, a lock held past the lock timeout) makes the checks that need it errors, with why.
  const failed = new Set<string>()
  const attempt = async <T>(p: Promise<T>, ids: readonly string[], fallback: T): Promise<T> => {
    try {
      return await q(p)
    } catch (e) {
      if (o.signal?.aborted) throw e
      for (const id of ids) {
        if (failed.has(id)) continue
        failed.add(id)
        out.push(errorFinding(id, t, `The advisor could not read what this check needs: ${why(e)}.`))
      }
      return fallback
    }
  }
  tell('extensions')
  const ext = await q(readExtensions(db))
  const age = await attempt(readStatsAge(db, ext.statements), [], { statsReset: null, statementsReset: null })
  stop()
  tell('tables')
  const tables = await attempt(readTables(db), ['db.missing-index', 'db.no-primary-key'], [])
  const tableOf = (schema: string, name: string) => tables.find((x) => x.schema === schema && x.name === name)
  const indexes = await attempt(readIndexes(db), ['db.missing-index', 'db.fk-index', 'db.duplicate-index', 'db.unused-index', 'db.invalid-index'], [])
  const fks = await attempt(readForeignKeys(db), ['db.fk-index'], [])
  stop()

  // db.stats and db.slow-queries
  let statements: Statement[] = []
  if (!ext.statements) {
    out.push(makeFinding('db.stats', t, 'warn', { title: 'Slow queries cannot be found: pg_stat_statements is off', summary: ext.statementsPreloaded ? 'The server loads pg_stat_statements, but the extension is not created in this database.' : 'The server does not load pg_stat_statements, so no one can see which queries are slow.', evidence: { preloaded: ext.statementsPreloaded }, fix: statsSteps(ext.statementsPreloaded) }))
    out.push(errorFinding('db.slow-queries', t, 'Without pg_stat_statements the slow queries cannot be listed (see db.stats for how to turn it on).'))
  } else if (!ext.statementsReadable) {
    out.push(passFinding('db.stats', t, 'pg_stat_statements is on', 'The extension records every query’s timing.'))
    out.push(errorFinding('db.slow-queries', t, 'The advisor’s role cannot read other roles’ queries: grant it pg_read_all_stats (GRANT pg_read_all_stats TO <role>).'))
  } else {
    out.push(passFinding('db.stats', t, 'pg_stat_statements is on', `The extension records every query’s timing${age.statementsReset ? ` (since ${age.statementsReset.slice(0, 10)})` : ''}.`, { statementsReset: age.statementsReset }))
    tell('statements')
    statements = await q(readStatements(db))
    const total = statements.reduce((a, s) => a + s.totalMs, 0) || 1
    const slow: Finding[] = []
    for (const s of statements) {
      if (s.calls < minCalls) continue
      const share = s.totalMs / total
      const reason = s.meanMs > o.budgetMs ? 'budget' : s.meanMs >= floorMs ? 'floor' : share >= 0.3 ? 'dominates' : undefined
      if (reason) slow.push(slowQueryFinding(s, reason, share, o.budgetMs))
    }
    out.push(...(slow.length ? slow : [passFinding('db.slow-queries', t, 'No slow query', `${statements.length} query shapes read: none averages over ${floorMs} ms across ${minCalls}+ calls or takes most of the time.`)]))
  }
  stop()

  // db.missing-index: plan-based proposals for the slowest queries, then the tables read mostly by full scans.
  tell('plans')
  const proposals: Proposal[] = []
  let planError: string | undefined
  const cols = new Map<string, Set<string>>()
  const columnsOf = (schema: string, table: string) => cols.get(`${schema}.${table}`) ?? new Set<string>()
  if (statements.length) {
    const colRows = await q(db.query<{ schema: string; table: string; col: string }>(`SELECT n.nspname AS schema, c.relname AS "table", a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname NOT IN ('pg_catalog', 'information_schema')`))
    for (const r of colRows) {
      const k = `${r.schema}.${r.table}`
      if (!cols.has(k)) cols.set(k, new Set())
      cols.get(k)!.add(r.col)
    }
    for (const s of statements.filter((x) => isPlannable(x.query) && x.calls >= Math.min(minCalls, 10)).slice(0, planTop)) {
      stop()
      try {
        const plan = await q(genericPlan(db, s.query))
        for (const c of candidates(plan, columnsOf, minRows, (sc, tb) => tableOf(sc, tb)?.liveRows ?? 0)) {
          if (proposals.some((p) => p.schema === c.schema && p.table === c.table && p.columns.join() === c.columns.join())) continue
          // An index that already exists with these leading columns is not proposed again.
          if (indexes.some((i) => i.valid && i.schema === c.schema && i.table === c.table && c.columns.every((col, k) => i.columns[k] === col.split(' ')[0]))) continue
          if (ext.hypopg) {
            const after = await q(costWithHypothetical(db, s.query, c))
            if (after > plan['Total Cost'] * 0.5) continue
            proposals.push({ ...c, costBefore: plan['Total Cost'], costAfter: after, validated: 'hypopg', queryid: s.queryid, query: s.query })
          } else proposals.push({ ...c, costBefore: plan['Total Cost'], costAfter: null, validated: 'statistics', queryid: s.queryid, query: s.query })
        }
      } catch (e) {
        if (o.signal?.aborted) throw e
        planError ??= `The plan of a slow query could not be read: ${why(e)}.`
      }
    }
  }
  const proposed = new Set(proposals.map((p) => `${p.schema}.${p.table}`))
  const fkLed = (p: Proposal) => fks.find((fk) => fk.schema === p.schema && fk.table === p.table && fk.columns.every((c, k) => p.columns[k]?.split(' ')[0] === c) && !indexes.some((i) => i.valid && i.table === fk.table && fk.columns.every((c, k) => i.columns[k] === c)))
  for (const p of proposals) {
    const fk = fkLed(p)
    out.push(proposalFinding(p, tableOf(p.schema, p.table), statements.find((s) => s.queryid === p.queryid), fk ? `${fk.table}.${fk.columns.join(', ')}` : undefined))
  }
  const scanned = tables.filter((x) => x.liveRows >= minRows && x.seqScan > x.idxScan && x.seqScan >= 10 && !proposed.has(`${x.schema}.${x.name}`))
  const hasUnindexedFk = (x: TableStat) => fks.some((fk) => fk.schema === x.schema && fk.table === x.name && !indexes.some((i) => i.valid && i.table === fk.table && fk.columns.every((c, k) => i.columns[k] === c)))
  for (const x of scanned) if (!hasUnindexedFk(x)) out.push(seqScanFinding(x))
  if (planError) out.push(errorFinding('db.missing-index', `${t} (query plans)`, `${planError} The proposals below come from the statistics only.${/right/.test(planError) ? ' Grant the advisor SELECT on the tables (read-only) so it can plan queries.' : ''}`))
  if (!out.some((f) => f.checkId === 'db.missing-index') && !failed.has('db.missing-index')) out.push(passFinding('db.missing-index', t, 'Large tables are read through indexes', `${tables.filter((x) => x.liveRows >= minRows).length} tables of ${minRows.toLocaleString('en-US')}+ rows: none is read mostly by full scans${statements.length ? ', and no slow query’s plan would gain from an index' : ''}.`))
  stop()

  // Index hygiene.
  tell('indexes')
  // A foreign key the proposed index will lead with is covered by that proposal: one statement fixes both.
  const leads = (cols: readonly string[], fkCols: readonly string[]) => fkCols.every((c, k) => cols[k]?.split(' ')[0] === c)
  const fkMissing = fks.filter((fk) => !indexes.some((i) => i.valid && i.schema === fk.schema && i.table === fk.table && leads(i.columns, fk.columns)))
  const ok = (id: string) => !failed.has(id)
  if (ok('db.fk-index')) out.push(...(fkMissing.length ? fkMissing.map((fk) => fkFinding(fk, tableOf(fk.schema, fk.table), proposals.find((p) => p.schema === fk.schema && p.table === fk.table && leads(p.columns, fk.columns)))) : [passFinding('db.fk-index', t, 'Foreign keys have an index', `${fks.length} foreign keys, each the leading columns of an index.`)]))
  const dups = duplicates(indexes)
  if (ok('db.duplicate-index')) out.push(...(dups.length ? dups.map((d) => duplicateFinding(d.dup, d.covering)) : [passFinding('db.duplicate-index', t, 'No duplicate indexes', `${indexes.length} indexes, none the start of another.`)]))
  const dupNames = new Set(dups.map((d) => d.dup.name))
  const unused = indexes.filter((i) => i.valid && !i.constraint && i.scans === 0 && !dupNames.has(i.name))
  if (ok('db.unused-index')) out.push(...(unused.length ? unused.map((i) => unusedFinding(i, age.statsReset)) : [passFinding('db.unused-index', t, 'No unused indexes', `Every index has been used since ${age.statsReset?.slice(0, 10) ?? 'the statistics began'}.`)]))
  const invalid = indexes.filter((i) => !i.valid)
  if (ok('db.invalid-index')) out.push(...(invalid.length ? invalid.map(invalidFinding) : [passFinding('db.invalid-index', t, 'No invalid indexes', 'No half-built index is left behind.')]))
  const noPk = tables.filter((x) => !x.hasPrimaryKey)
  if (ok('db.no-primary-key')) out.push(...(noPk.length ? noPk.map(noPkFinding) : [passFinding('db.no-primary-key', t, 'Every table has a primary key', `${tables.length} tables, each with a primary key.`)]))
  tell('done')

  const rank = (f: Finding) => ['blocker', 'high', 'medium', 'low', 'info'].indexOf(f.severity)
  const top = out.filter((f) => f.status === 'fail').sort((a, b) => rank(a) - rank(b)).slice(0, 3).map((f) => f.title)
  return { findings: out, queries, server: { version: db.serverVersion, user: db.user, database: db.database }, extensions: { statements: ext.statements, hypopg: ext.hypopg }, top }
}
