/** Reading variable names from code, example files and every host's export format; values dropped; bad files named with the line. */
import { describe, expect, it } from 'vitest'
import { EnvImportError, parseEnvExport, parseExample, readsIn, secretLookingPublic } from '../../../src/main/engine/deploy/inventory'
import { envFindings, envRows } from '../../../src/main/engine/deploy/findings'

describe('what the code reads', () => {
  it('finds process.env, import.meta.env, Deno, Python and Ruby reads, with lines, and skips the platform’s own', () => {
    const js = 'const a = process.env.STRIPE_SECRET_KEY\nconst b = process.env["DATABASE_URL"]\nif (process.env.NODE_ENV) {}\nconst c = import.meta.env.VITE_API_URL\nDeno.env.get("RESEND_KEY")'
    expect(readsIn(js)).toEqual([
      { name: 'STRIPE_SECRET_KEY', line: 1 },
      { name: 'DATABASE_URL', line: 2 },
      { name: 'VITE_API_URL', line: 4 },
      { name: 'RESEND_KEY', line: 5 },
    ])
    expect(readsIn("x = os.environ['SENTRY_DSN']\ny = os.getenv('REDIS_URL')").map((r) => r.name)).toEqual(['SENTRY_DSN', 'REDIS_URL'])
    expect(readsIn("ENV['SMTP_PASSWORD']\nENV.fetch('APP_HOST')").map((r) => r.name)).toEqual(['SMTP_PASSWORD', 'APP_HOST'])
  })

  it('reads an .env.example with the comment above each name as a hint', () => {
    expect(parseExample('# Stripe, server side\nSTRIPE_SECRET_KEY=\n\nDATABASE_URL=postgres://localhost/app\n')).toEqual([{ name: 'STRIPE_SECRET_KEY', hint: 'Stripe, server side' }, { name: 'DATABASE_URL' }])
  })

  it('a public prefix on a secret-looking name is flagged, and only then', () => {
    expect(secretLookingPublic('NEXT_PUBLIC_STRIPE_SECRET_KEY')).toBe(true)
    expect(secretLookingPublic('VITE_SUPABASE_SERVICE_ROLE_KEY')).toBe(true)
    expect(secretLookingPublic('NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY')).toBe(false)
    expect(secretLookingPublic('STRIPE_SECRET_KEY')).toBe(false)
  })
})

describe('host exports', () => {
  it('reads every format, names only, counting the values it drops', () => {
    expect(parseEnvExport('# vercel env pull\nDATABASE_URL="postgres://u:p@h/db"\nEMPTY=\nexport API_KEY=abc\n')).toEqual({ names: ['API_KEY', 'DATABASE_URL', 'EMPTY'], droppedValues: 2, format: 'dotenv' })
    expect(parseEnvExport('{"DATABASE_URL":"postgres://x","SENTRY_DSN":"https://y"}')).toMatchObject({ names: ['DATABASE_URL', 'SENTRY_DSN'], droppedValues: 2, format: 'json-object' })
    expect(parseEnvExport('[{"Name":"DATABASE_URL","Digest":"abc","CreatedAt":"2026-01-01"}]')).toEqual({ names: ['DATABASE_URL'], droppedValues: 0, format: 'json-list' })
    expect(parseEnvExport('{"envs":[{"key":"API_URL","value":"x","target":["production"]}]}')).toMatchObject({ names: ['API_URL'], droppedValues: 1 })
    expect(parseEnvExport('=== acme Config Vars\nDATABASE_URL: postgres://x\nREDIS_URL:   redis://y\n')).toEqual({ names: ['DATABASE_URL', 'REDIS_URL'], droppedValues: 2, format: 'heroku-text' })
  })

  it('a malformed export is named with its line; nothing is guessed', () => {
    expect(() => parseEnvExport('GOOD=1\nthis is not a variable\n', 'prod.env')).toThrow(/prod\.env, line 2: expected NAME=value/)
    expect(() => parseEnvExport('{"a": ', 'vars.json')).toThrow(EnvImportError)
    expect(() => parseEnvExport('', 'empty.env')).toThrow(/empty/)
  })
})

describe('the deploy.env findings', () => {
  const code = [
    { name: 'DATABASE_URL', uses: ['src/db.ts:3'], inExample: true, public: false },
    { name: 'STRIPE_SECRET_KEY', uses: ['src/pay.ts:9'], inExample: true, public: false },
    { name: 'NEXT_PUBLIC_STRIPE_SECRET_KEY', uses: ['app/page.tsx:2'], inExample: false, public: true },
  ]
  it('fails production missing a variable the code reads, preview having what production lacks, and gaps in ownership', () => {
    const inv = {
      variables: [{ name: 'DATABASE_URL', owner: 'Dana', purpose: 'Postgres', store: 'Vercel env' }],
      environments: [
        { name: 'production', source: 'prod.env', names: ['DATABASE_URL'] },
        { name: 'preview', source: 'preview.env', names: ['DATABASE_URL', 'STRIPE_SECRET_KEY', 'FEATURE_X'] },
      ],
    }
    const rows = envRows(code, inv)
    const fs = envFindings(rows, inv, 'acme')
    const parity = fs.find((f) => f.checkId === 'deploy.env-parity' && f.status === 'fail')!
    expect(parity.evidence).toMatchObject({ environment: 'production', missing: ['NEXT_PUBLIC_STRIPE_SECRET_KEY', 'STRIPE_SECRET_KEY'] })
    expect(parity.summary).toMatch(/FEATURE_X \(in preview\)/)
    expect(fs.find((f) => f.checkId === 'deploy.env-inventory')).toMatchObject({ status: 'fail', title: '3 of 4 environment variables have no owner, purpose or store' })
    expect(fs.find((f) => f.target === 'NEXT_PUBLIC_STRIPE_SECRET_KEY')).toMatchObject({ status: 'warn', severity: 'high' })
  })

  it('without a production list it cannot say, and says so: an error, never a pass', () => {
    const fs = envFindings(envRows(code, { variables: [], environments: [] }), { variables: [], environments: [] }, 'acme')
    expect(fs.find((f) => f.checkId === 'deploy.env-parity')).toMatchObject({ status: 'error', summary: expect.stringMatching(/No environment is imported/) })
  })
})

describe('the pack', () => {
  it('prints the inventory (names × environments) and the deploy notes', async () => {
    const { buildReport } = await import('../../../src/main/report/build')
    const { toMarkdown } = await import('../../../src/main/report/markdown')
    const { Project } = await import('../../../src/shared/model')
    const now = new Date().toISOString()
    const p = Project.parse({
      id: 'p', name: 'Acme', vertical: 'b2b', domain: 'acme.test', createdAt: now, updatedAt: now,
      envInventory: { variables: [{ name: 'DATABASE_URL', owner: 'Dana', purpose: 'Postgres', store: 'Vercel env' }], environments: [{ name: 'production', names: ['DATABASE_URL', 'SENTRY_DSN'] }] },
      handover: { buildCommand: 'npm ci && npm run build', migrationCommand: 'npx prisma migrate deploy', rollbackLink: 'https://vercel.com/acme/app/deployments', rollbackSteps: 'Promote the previous deployment.' },
    })
    const m = buildReport(p, [])
    expect(m.operations.envVars).toEqual([
      { name: 'DATABASE_URL', environment: 'production', purpose: 'Postgres', owner: 'Dana', store: 'Vercel env' },
      { name: 'SENTRY_DSN', environment: 'production', purpose: '', owner: '', store: '' },
    ])
    const md = toMarkdown(m)
    expect(md).toContain('### Build command')
    expect(md).toContain('npx prisma migrate deploy')
    expect(md).toContain('Roll back from the host: https://vercel.com/acme/app/deployments')
  })
})
