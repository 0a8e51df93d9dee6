/**
 * npm run bench:db [-- --rows N --tables N --runs N]
 * Starts a throwaway PostgreSQL 15 (Debian's, on loopback, fsync off), seeds
 * 30 tables with a million posts and a million comments, runs the app's
 * workload so pg_stat_statements is real, then:
 *  - the advisor's wall time (median of N runs, target under 10 s) and its query count,
 *  - for each proposed index the planner's cost before and after (hypopg),
 *  - and, in the benchmark's own database (never by the advisor), the index
 *    built for real and the slow query's EXPLAIN ANALYZE time before and after.
 */
import pg from 'pg'
import { connectPg } from '../src/main/engine/db/client'
import { runAdvisor } from '../src/main/engine/db/advisor'
import { hypopgAvailable, startPostgres } from '../tests/fixtures/db/server'
import { ADVISOR, seed } from '../tests/fixtures/db/seed'

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : d
}
const rows = arg('rows', 1_000_000)
const tables = arg('tables', 30)
const runs = arg('runs', 3)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const server = await startPostgres()
try {
  const t0 = performance.now()
  await seed(server, { posts: rows, tables, hypopg: hypopgAvailable(), calls: 100 })
  console.log(`seeded ${tables} tables, ${rows.toLocaleString('en-US')} posts and as many comments, workload run: ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const times: number[] = []
  let last: Awaited<ReturnType<typeof runAdvisor>> | undefined
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    const db = await connectPg(server.url(ADVISOR), { statementTimeoutMs: 30_000 })
    try {
      last = await runAdvisor(db, { budgetMs: 300 })
    } finally {
      await db.end()
    }
    times.push(performance.now() - s)
  }
  const r = last!
  console.log(`advisor wall time, median of ${runs}: ${(median(times) / 1000).toFixed(2)} s (target < 10 s), ${r.queries} queries; hypopg: ${r.extensions.hypopg ? 'yes' : 'no'}`)
  console.log(`failing findings: ${r.findings.filter((f) => f.status === 'fail').map((f) => `${f.checkId} ${f.target}`).join('; ')}`)
  console.log(`top three: ${r.top.join(' | ')}`)
  const admin = new pg.Client({ connectionString: server.url() })
  await admin.connect()
  try {
    for (const f of r.findings.filter((x) => x.checkId === 'db.missing-index' && x.status === 'fail' && x.evidence.costBefore !== undefined)) {
      const e = f.evidence as { table: string; columns: string[]; costBefore: number; costAfter: number | null; query: string }
      const sql = f.fix.find((s) => s.value)!.value!
      // A concrete instance of the normalised query: every $n becomes 1.
      const concrete = e.query.replace(/\$\d+/g, '1').replace(/…$/, '')
      const time = async () => {
        const out = (await admin.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${concrete}`)).rows[0]['QUERY PLAN'][0]
        return out['Execution Time'] as number
      }
      const before = median([await time(), await time(), await time()])
      await admin.query(sql)
      await admin.query('ANALYZE')
      const after = median([await time(), await time(), await time()])
      console.log(`${e.table} (${e.columns.join(', ')}): planner cost ${Math.round(e.costBefore)} -> ${e.costAfter === null ? 'not measured (no hypopg)' : Math.round(e.costAfter)}; real EXPLAIN ANALYZE ${before.toFixed(2)} ms -> ${after.toFixed(2)} ms (${(before / Math.max(after, 0.001)).toFixed(0)}x) for: ${concrete.slice(0, 90)}`)
    }
  } finally {
    await admin.end()
  }
} finally {
  await server.close()
}
