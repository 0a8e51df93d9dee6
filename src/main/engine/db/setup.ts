/** What the founder runs to let the advisor see the slow queries, and the least-privilege role to connect it with. */
import type { FixStep } from '../../../shared/model'

export function statsSteps(preloaded: boolean): FixStep[] {
  const create: FixStep = { text: 'Then, connected to your app’s database as its owner:', value: 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements;' }
  if (preloaded) return [create]
  return [
    { text: 'Self-hosted: add it to postgresql.conf and restart PostgreSQL.', value: "shared_preload_libraries = 'pg_stat_statements'" },
    { text: 'Supabase: Database → Extensions → enable pg_stat_statements (it is preloaded). Neon, Render, DigitalOcean and Crunchy Bridge preload it too: only the CREATE EXTENSION below is needed.' },
    { text: 'Amazon RDS / Aurora: it is in the default parameter group’s shared_preload_libraries on current versions; if not, add it to a custom parameter group and reboot. Heroku Postgres has it installed already.' },
    create,
  ]
}

/** The role to give the advisor: statistics, read-only SELECT for plans, read-only by default. */
export function advisorRoleSql(database: string, schema = 'public'): string {
  const db = /^[a-z_][a-z0-9_]*$/.test(database) ? database : `"${database.replace(/"/g, '""')}"`
  return [
    "CREATE ROLE launch_ready_advisor LOGIN PASSWORD 'choose-a-long-random-password';",
    'GRANT pg_read_all_stats TO launch_ready_advisor;',
    `GRANT CONNECT ON DATABASE ${db} TO launch_ready_advisor;`,
    `GRANT USAGE ON SCHEMA ${schema} TO launch_ready_advisor;`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO launch_ready_advisor;`,
    'ALTER ROLE launch_ready_advisor SET default_transaction_read_only = on;',
  ].join('\n')
}
