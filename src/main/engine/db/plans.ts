/**
 * Plan-based index proposals. A slow query from pg_stat_statements carries
 * `$1` parameters, so it is planned with a generic plan: on PostgreSQL 16+
 * `EXPLAIN (GENERIC_PLAN)`, on 15 `PREPARE` with plan_cache_mode forced to
 * generic inside a transaction that is rolled back (and the statement
 * deallocated). Never EXPLAIN ANALYZE: nothing is executed. A sequential scan
 * with a filter on a large table becomes a proposal — equality columns first,
 * then the sort and range columns (`created_at DESC`) — and, where hypopg is
 * in the database, a hypothetical index checks the planner's cost before and
 * after; only a fall of at least half is proposed.
 */
import type { DbClient } from './client'

export interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  Schema?: string
  Alias?: string
  Filter?: string
  'Sort Key'?: string[]
  'Total Cost': number
  'Plan Rows': number
  Plans?: PlanNode[]
}

export interface Proposal {
  schema: string
  table: string
  /** `org_id`, `created_at DESC`. */
  columns: string[]
  costBefore: number
  costAfter: number | null
  /** How it was checked: hypopg's hypothetical index, or the plan and statistics alone. */
  validated: 'hypopg' | 'statistics'
  queryid: string
  query: string
}

const paramCount = (q: string) => Math.max(0, ...[...q.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
export const isPlannable = (q: string) => /^\s*(?:SELECT|WITH)\b/i.test(q) && !/\b(?:INSERT|UPDATE|DELETE|MERGE)\b/i.test(q) && !/;\s*\S/.test(q)

let seq = 0

/** The generic plan's root node. */
export async function genericPlan(db: DbClient, query: string): Promise<PlanNode> {
  const n = paramCount(query)
  if (n === 0) return ((await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${query}`))[0]!['QUERY PLAN'][0]!.Plan)
  if (db.serverVersion >= 160000) return ((await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${query}`))[0]!['QUERY PLAN'][0]!.Plan)
  const name = `lr_plan_${++seq}`
  await db.query('BEGIN READ ONLY')
  try {
    await db.query('SET LOCAL plan_cache_mode = force_generic_plan')
    await db.query(`PREPARE ${name} AS ${query}`)
    try {
      const rows = await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) EXECUTE ${name}(${Array.from({ length: n }, () => 'NULL').join(', ')})`)
      return rows[0]!['QUERY PLAN'][0]!.Plan
    } finally {
      await db.query(`DEALLOCATE ${name}`).catch(() => undefined)
    }
  } finally {
    await db.query('ROLLBACK').catch(() => undefined)
  }
}

function walk(n: PlanNode, parents: PlanNode[], out: { node: PlanNode; parents: PlanNode[] }[]): void {
  out.push({ node: n, parents })
  for (const c of n.Plans ?? []) walk(c, [n, ...parents], out)
}

/** Columns a filter compares: equality ones and range ones, as the planner printed them. */
export function filterColumns(filter: string, known: ReadonlySet<string>): { eq: string[]; range: string[] } {
  const eq: string[] = []
  const range: string[] = []
  for (const m of filter.matchAll(/\(*\b(?:\w+\.)?"?(\w+)"?\)?(?:::[\w ]+)?\s*(=|<>|!=|<=|>=|<|>|~~\*?)\s*/g)) {
    const col = m[1]!
    if (!known.has(col)) continue
    if (m[2] === '=') {
      if (!eq.includes(col)) eq.push(col)
    } else if (/^[<>]=?$/.test(m[2]!) && !range.includes(col)) range.push(col)
  }
  for (const m of filter.matchAll(/\b(\w+) IS NULL/g)) if (known.has(m[1]!) && !eq.includes(m[1]!)) eq.push(m[1]!)
  return { eq, range: range.filter((c) => !eq.includes(c)) }
}

export interface Candidate {
  schema: string
  table: string
  columns: string[]
  rows: number
}

/** The sequential scans with a filter in a plan, as index candidates (tables under `minRows` are left alone). */
export function candidates(plan: PlanNode, columnsOf: (schema: string, table: string) => ReadonlySet<string>, minRows: number, tableRows: (schema: string, table: string) => number): Candidate[] {
  const nodes: { node: PlanNode; parents: PlanNode[] }[] = []
  walk(plan, [], nodes)
  const out: Candidate[] = []
  for (const { node, parents } of nodes) {
    if (node['Node Type'] !== 'Seq Scan' || !node.Filter || !node['Relation Name']) continue
    const schema = node.Schema ?? 'public'
    const table = node['Relation Name']
    if (tableRows(schema, table) < minRows) continue
    const known = columnsOf(schema, table)
    const { eq, range } = filterColumns(node.Filter, known)
    if (!eq.length && !range.length) continue
    // A sort right above the scan (under a Limit, as "latest 20 posts" plans are) adds its key.
    const sort = parents.find((p) => p['Node Type'] === 'Sort' || p['Node Type'] === 'Incremental Sort')
    const alias = node.Alias ?? table
    const sortCols = (sort?.['Sort Key'] ?? [])
      .map((k) => /^(?:(\w+)\.)?"?(\w+)"?(\s+DESC)?(?:\s+NULLS (?:FIRST|LAST))?$/.exec(k.trim()))
      .filter((m): m is RegExpExecArray => !!m && (!m[1] || m[1] === alias || m[1] === table) && known.has(m[2]!))
      .map((m) => `${m[2]}${m[3] ? ' DESC' : ''}`)
      .filter((c) => !eq.includes(c.split(' ')[0]!))
    const columns = [...eq, ...sortCols, ...range.filter((r) => !sortCols.some((s) => s.startsWith(r)))].slice(0, 3)
    if (columns.length) out.push({ schema, table, columns, rows: tableRows(schema, table) })
  }
  return out
}

const quoteIdent = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`)
export const indexColumnsSql = (cols: readonly string[]) => cols.map((c) => { const [name, dir] = c.split(' '); return `${quoteIdent(name!)}${dir ? ` ${dir}` : ''}` }).join(', ')
export const tableSql = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`

/** The planner's cost of the query with a hypothetical index on the candidate, then the hypothetical indexes cleared. */
export async function costWithHypothetical(db: DbClient, query: string, c: Candidate): Promise<number> {
  await db.query('SELECT hypopg_reset()')
  try {
    await db.query('SELECT indexrelid FROM hypopg_create_index($1)', [`CREATE INDEX ON ${tableSql(c.schema, c.table)} (${indexColumnsSql(c.columns)})`])
    return (await genericPlan(db, query))['Total Cost']
  } finally {
    await db.query('SELECT hypopg_reset()').catch(() => undefined)
  }
}
