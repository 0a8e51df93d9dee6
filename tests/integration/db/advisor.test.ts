/** The advisor on a real PostgreSQL 15: every planted defect found, healthy tables left alone, read-only proven, degraded modes, timeouts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { connectPg, guard, UnsafeStatementError } from '../../../src/main/engine/db/client'
import { runAdvisor, type AdvisorResult } from '../../../src/main/engine/db/advisor'
import { Finding } from '../../../src/shared/model'
import { hypopgAvailable, pgAvailable, startPostgres, type PgServer } from '../../fixtures/db/server'
import { ADVISOR, APP, seed, STATS_ONLY } from '../../fixtures/db/seed'

// In CI the server is installed by scripts/setup-system.sh: a missing one fails there instead of skipping.
const HAS_PG = pgAvailable() || process.env.CI === 'true'
let server: PgServer
let result: AdvisorResult

const byId = (r: AdvisorResult, id: string) => r.findings.filter((f) => f.checkId === id)
const failing = (r: AdvisorResult, id: string) => byId(r, id).filter((f) => f.status === 'fail')

/**
 * What must not change: the schema (tables, indexes, their validity), the planner statistics (ANALYZE
 * counts and dates, pg_stats), the rows, and pg_stat_statements — the app's entries and the reset time.
 * (Scan counters are not compared: planning a join can probe an index's end points, which PostgreSQL
 * counts as an index scan; that reads, it writes nothing.)
 */
async function snapshot(s: PgServer) {
  const [schema, tables, planner, statements, info] = await Promise.all([
    s.admin(`SELECT c.relname, i.relname AS index, x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1, 2`),
    s.admin(`SELECT relname, n_live_tup, n_tup_ins, n_tup_upd, n_tup_del, last_analyze, last_autoanalyze, analyze_count, autoanalyze_count, vacuum_count FROM pg_stat_user_tables ORDER BY relname`),
    s.admin(`SELECT tablename, attname, null_frac, n_distinct FROM pg_stats WHERE schemaname = 'public' ORDER BY 1, 2`),
    s.admin(`SELECT queryid, calls, total_exec_time FROM pg_stat_statements WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY queryid`, [APP.user]),
    s.admin(`SELECT stats_reset FROM pg_stat_statements_info`),
  ])
  return { schema, tables, planner, statements, info }
}

describe.skipIf(!HAS_PG)('the database advisor on PostgreSQL 15', () => {
  beforeAll(async () => {
    server = await startPostgres()
    await seed(server, { hypopg: hypopgAvailable() })
    const before = await snapshot(server)
    const db = await connectPg(server.url(ADVISOR))
    try {
      result = await runAdvisor(db, { budgetMs: 300 })
    } finally {
      await db.end()
    }
    expect(await snapshot(server)).toEqual(before)
  }, 120_000)
  afterAll(async () => {
    await server?.close()
  })

  it('finds every planted defect, with the exact statement to run', () => {
    for (const f of result.findings) Finding.parse(f)
    const missing = failing(result, 'db.missing-index')
    const posts = missing.find((f) => f.target === 'public.posts')
    expect(posts?.evidence).toMatchObject({ columns: ['org_id', 'created_at DESC'] })
    expect(posts!.fix.find((s) => s.value)?.value).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_org_id_created_at_idx ON public.posts (org_id, created_at DESC);')
    // posts.org_id is an unindexed foreign key too: the proposal leads with it, so one statement fixes both.
    expect(posts!.summary).toMatch(/also covers the foreign key/)
    const fk = failing(result, 'db.fk-index')
    expect(fk.map((f) => f.target).sort()).toEqual(['public.comments(post_id)', 'public.posts(org_id)'])
    expect(fk.find((f) => f.target === 'public.comments(post_id)')!.fix[0]!.value).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_post_id_idx ON public.comments (post_id);')
    expect(fk.find((f) => f.target === 'public.posts(org_id)')!.fix[0]!.value).toBe(posts!.fix[0]!.value)
    expect(failing(result, 'db.duplicate-index').map((f) => f.target)).toEqual(['public.orders_user_idx'])
    expect(failing(result, 'db.unused-index').map((f) => f.target)).toContain('public.bookings_notes_idx')
    expect(failing(result, 'db.invalid-index').map((f) => f.target)).toEqual(['public.orders_ref_uniq'])
    expect(failing(result, 'db.invalid-index')[0]!.fix[0]!.value).toBe('DROP INDEX CONCURRENTLY IF EXISTS public.orders_ref_uniq;')
    expect(failing(result, 'db.no-primary-key').map((f) => f.target)).toEqual(['public.audit_log'])
    expect(byId(result, 'db.stats')[0]).toMatchObject({ status: 'pass' })
  })

  it('ranks the query that dominates the time, and names the top three', () => {
    const slow = failing(result, 'db.slow-queries')
    expect(slow.length).toBeGreaterThan(0)
    expect(slow.some((f) => /FROM posts/.test(String(f.evidence.query)) || /FROM comments/.test(String(f.evidence.query)))).toBe(true)
    expect(result.top).toHaveLength(3)
  })

  it('proposes no index on the healthy tables', () => {
    const targets = failing(result, 'db.missing-index').map((f) => f.target)
    for (const healthy of ['public.users', 'public.orgs', 'public.memberships', 'public.bookings', 'public.orders']) expect(targets).not.toContain(healthy)
  })

  it.skipIf(!hypopgAvailable())('checks each proposal with a hypothetical index: the cost falls by at least half', () => {
    const posts = failing(result, 'db.missing-index').find((f) => f.target === 'public.posts')!
    const { costBefore, costAfter, validated } = posts.evidence as { costBefore: number; costAfter: number; validated: string }
    expect(validated).toBe('hypopg')
    expect(costAfter).toBeLessThanOrEqual(costBefore * 0.5)
  })

  it('refuses what read-only mode alone would not stop, before it reaches the server', async () => {
    for (const bad of ['ANALYZE posts', 'EXPLAIN ANALYZE SELECT 1', 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1', 'SELECT pg_stat_statements_reset()', 'CREATE INDEX ON posts (title)', 'SELECT 1; DROP TABLE posts', 'DROP INDEX x']) expect(() => guard(bad), bad).toThrow(UnsafeStatementError)
    for (const ok of ['SELECT 1', 'EXPLAIN (FORMAT JSON) SELECT * FROM comments', "SELECT indexrelid FROM hypopg_create_index('CREATE INDEX ON posts (org_id)')", 'PREPARE lr_plan_1 AS SELECT 1', 'SET LOCAL plan_cache_mode = force_generic_plan']) expect(() => guard(ok), ok).not.toThrow()
    // And the server itself refuses writes in the advisor's session.
    const db = await connectPg(server.url({ user: 'lr_admin', password: 'admin-pass-for-tests' }))
    try {
      await expect(db.query('SELECT set_config($1, $2, false)', ['x.y', '1'])).rejects.toThrow(UnsafeStatementError)
      await expect(db.query('SELECT pg_stat_statements_reset()')).rejects.toThrow(UnsafeStatementError)
    } finally {
      await db.end()
    }
  })

  it('a statement blocked past its lock timeout is cancelled and reported, never a hang', async () => {
    const locker = new pg.Client({ connectionString: server.url() })
    await locker.connect()
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE posts IN ACCESS EXCLUSIVE MODE')
    try {
      const db = await connectPg(server.url(ADVISOR), { lockTimeoutMs: 200, statementTimeoutMs: 2000 })
      try {
        const r = await runAdvisor(db, { budgetMs: 300 })
        // Whatever needed the locked table says it was cancelled; nothing waited for the lock, nothing passed in its place.
        const cancelled = r.findings.filter((f) => f.status === 'error' && /lock timeout|statement timeout|cancelled/.test(f.summary))
        expect(cancelled.length).toBeGreaterThan(0)
      } finally {
        await db.end()
      }
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
  }, 60_000)

  it('with statistics rights only, plans are impossible: it says which checks could not run, never a pass', async () => {
    const db = await connectPg(server.url(STATS_ONLY))
    try {
      const r = await runAdvisor(db, { budgetMs: 300 })
      const plans = byId(r, 'db.missing-index').find((f) => f.status === 'error')
      expect(plans?.summary).toMatch(/lacks a right|permission denied/)
      expect(plans?.summary).toMatch(/Grant the advisor SELECT/)
      // The statistics-based checks still run.
      expect(failing(r, 'db.invalid-index').length).toBe(1)
      expect(failing(r, 'db.slow-queries').length).toBeGreaterThan(0)
    } finally {
      await db.end()
    }
  })

  it('the handover pack lists the database, its owner and the open recommendations with their statements', async () => {
    const { buildReport } = await import('../../../src/main/report/build')
    const { toMarkdown } = await import('../../../src/main/report/markdown')
    const { Project } = await import('../../../src/shared/model')
    const now = new Date().toISOString()
    const project = Project.parse({ id: 'p', name: 'Acme', vertical: 'community', domain: 'acme.test', createdAt: now, updatedAt: now, dbCredential: 'prod db', handover: { owners: [{ dependency: 'database', provider: 'Neon', owner: 'Dana Founder', backupAccess: 'Sam' }] } })
    const run = { id: 'db1', projectId: 'p', startedAt: now, finishedAt: now, state: 'completed' as const, scope: { checkIds: ['db.stats'] }, findings: result.findings, meta: { kind: 'db', server: { ...result.server, ...result.extensions } } }
    const m = buildReport(project, [run])
    expect(m.database).toMatchObject({ server: 'PostgreSQL 15, database app', owner: 'Dana Founder' })
    expect(m.database!.recommendations.map((r) => r.statement)).toContain('CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_org_id_created_at_idx ON public.posts (org_id, created_at DESC);')
    expect(toMarkdown(m)).toContain('### Database')
  })

  it('wrong password and nothing listening are plain messages', async () => {
    await expect(connectPg(server.url({ user: APP.user, password: 'wrong' }))).rejects.toThrow(/refused the user name or password/)
    await expect(connectPg(`postgresql://x:y@127.0.0.1:1/app?sslmode=disable`)).rejects.toThrow(/Nothing answers on 127\.0\.0\.1:1/)
  })
})

describe.skipIf(!HAS_PG)('a server without pg_stat_statements or hypopg', () => {
  let bare: PgServer
  beforeAll(async () => {
    bare = await startPostgres({ preload: false })
    await bare.admin('CREATE TABLE t (id int PRIMARY KEY, v text)')
    await bare.admin(`CREATE ROLE ${ADVISOR.user} LOGIN PASSWORD '${ADVISOR.password}' IN ROLE pg_read_all_stats`)
    await bare.admin(`GRANT SELECT ON t TO ${ADVISOR.user}`)
  }, 60_000)
  afterAll(async () => {
    await bare?.close()
  })

  it('db.stats says exactly how to turn it on, and the slow-query check is an error, not a pass', async () => {
    const db = await connectPg(bare.url(ADVISOR))
    try {
      const r = await runAdvisor(db, { budgetMs: 300 })
      const stats = byId(r, 'db.stats')[0]!
      expect(stats).toMatchObject({ status: 'warn', severity: 'medium' })
      expect(stats.fix.map((s) => s.value).join('\n')).toContain("shared_preload_libraries = 'pg_stat_statements'")
      expect(stats.fix.map((s) => s.value).join('\n')).toContain('CREATE EXTENSION IF NOT EXISTS pg_stat_statements;')
      expect(byId(r, 'db.slow-queries')[0]).toMatchObject({ status: 'error' })
      expect(r.extensions).toEqual({ statements: false, hypopg: false })
    } finally {
      await db.end()
    }
  })
})

describe.skipIf(!HAS_PG)('launch-ready db', () => {
  let s: PgServer
  beforeAll(async () => {
    s = await startPostgres()
    await seed(s, { posts: 20_000, calls: 110 })
  }, 120_000)
  afterAll(async () => {
    await s?.close()
  })

  async function cli(args: string[], env: Record<string, string> = {}) {
    const { PassThrough } = await import('node:stream')
    const { runDb } = await import('../../../src/main/cli/commands/db')
    const out = new PassThrough()
    const err = new PassThrough()
    const o: string[] = []
    const e: string[] = []
    out.on('data', (c) => o.push(String(c)))
    err.on('data', (c) => e.push(String(c)))
    const saved = { ...process.env }
    Object.assign(process.env, env)
    try {
      return { code: await runDb(args, out, err), out: o.join(''), err: e.join('') }
    } finally {
      process.env = saved
    }
  }

  it('reads the URL from an environment variable, prints { meta, findings } and exits 1 on a high finding; the URL never appears', async () => {
    const url = s.url(ADVISOR)
    const r = await cli(['--url-env', 'LR_TEST_DB', '--json'], { LR_TEST_DB: url })
    expect(r.code).toBe(1)
    const j = JSON.parse(r.out) as { meta: { server: { database: string }; top: string[] }; findings: Finding[] }
    expect(j.meta.server.database).toBe('app')
    // This database has no hypopg: the proposal comes from the plan and the statistics, and says so.
    const posts = j.findings.find((f) => f.checkId === 'db.missing-index' && f.target === 'public.posts')!
    expect(posts.evidence).toMatchObject({ validated: 'statistics', costAfter: null, columns: ['org_id', 'created_at DESC'] })
    expect(posts.summary).toMatch(/hypopg is not in this database/)
    expect(r.out.includes(ADVISOR.password)).toBe(false)
  }, 60_000)

  it('a credential from the environment fallback; bad usage exits 2; an unreachable server is an error, exit 1', async () => {
    const ok = await cli(['--credential', 'prod db'], { LAUNCH_READY_CREDENTIAL_PROD_DB: s.url(ADVISOR) })
    expect(ok.out).toMatch(/CREATE INDEX CONCURRENTLY/)
    expect(ok.out).toMatch(/Top bottlenecks:/)
    expect(await cli(['postgres://a:b@h/db'])).toMatchObject({ code: 2, err: expect.stringMatching(/never a command-line value/) })
    expect(await cli([])).toMatchObject({ code: 2 })
    expect(await cli(['--url-env', 'LR_UNSET_VAR'])).toMatchObject({ code: 2, err: expect.stringMatching(/is not set/) })
    const down = await cli(['--url-env', 'LR_DOWN', '--json'], { LR_DOWN: 'postgresql://x:y@127.0.0.1:1/app?sslmode=disable' })
    expect(down.code).toBe(1)
    expect((JSON.parse(down.out) as { findings: Finding[] }).findings[0]).toMatchObject({ status: 'error', summary: expect.stringMatching(/Nothing answers/) })
  }, 60_000)
})
