/** `launch-ready env` on a real repository with host exports: the table, the findings, values dropped, exit codes. */
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runEnv } from '../../../src/main/cli/commands/env'
import { captureCli } from '../../fixtures/cli'
import { commit, newRepo, write } from '../../fixtures/secrets/repo'

let dir: string
beforeAll(() => {
  dir = newRepo('lr-env-')
  write(dir, '.env.example', '# Postgres connection\nDATABASE_URL=\nSTRIPE_SECRET_KEY=\n')
  write(dir, 'src/db.ts', 'export const url = process.env.DATABASE_URL\n')
  write(dir, 'src/pay.ts', 'const k = process.env.STRIPE_SECRET_KEY\nconst s = process.env.SENTRY_DSN\n')
  write(dir, 'app/page.tsx', 'const pk = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY\n')
  commit(dir, 'app')
  writeFileSync(join(dir, 'prod.env'), 'DATABASE_URL=postgres://app:secret-value@db/app\nSTRIPE_SECRET_KEY=sk_live_should_be_dropped\n')
  writeFileSync(join(dir, 'preview.json'), JSON.stringify({ DATABASE_URL: 'x', STRIPE_SECRET_KEY: 'y', SENTRY_DSN: 'z' }))
  writeFileSync(join(dir, 'bad.env'), 'OK=1\nnot a line\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = (args: string[]) => captureCli(runEnv, args)

describe('launch-ready env', () => {
  it('prints variables × environments with where the code reads each, and exits 1 when production lacks one', async () => {
    const r = await cli([dir, '--env', `production=${join(dir, 'prod.env')}`, '--env', `preview=${join(dir, 'preview.json')}`, '--json'])
    expect(r.code).toBe(1)
    const j = JSON.parse(r.out) as { inventory: { name: string; present: Record<string, boolean>; uses: string[]; purpose: string }[]; findings: { checkId: string; status: string; evidence: Record<string, unknown> }[] }
    const sentry = j.inventory.find((x) => x.name === 'SENTRY_DSN')!
    expect(sentry).toMatchObject({ present: { production: false, preview: true }, uses: ['src/pay.ts:2'] })
    expect(j.inventory.find((x) => x.name === 'DATABASE_URL')).toMatchObject({ purpose: 'Postgres connection', uses: ['src/db.ts:1'] })
    expect(j.findings.find((f) => f.checkId === 'deploy.env-parity' && f.status === 'fail')!.evidence.missing).toEqual(['NEXT_PUBLIC_STRIPE_SECRET_KEY', 'SENTRY_DSN'])
    // Values never travel: the dropped ones are only counted.
    expect(r.out).not.toContain('secret-value')
    expect(r.out).not.toContain('sk_live_should_be_dropped')
    expect(r.err).toMatch(/production: 2 values were in prod\.env and were dropped/)
  })

  it('a malformed export is a usage error naming the file and line', async () => {
    const r = await cli([dir, '--env', `production=${join(dir, 'bad.env')}`])
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/bad\.env, line 2: expected NAME=value/) })
    expect(await cli([dir, '--env', 'production'])).toMatchObject({ code: 2, err: expect.stringMatching(/NAME=FILE/) })
  })

  it('the text table lists each variable with its environments', async () => {
    const r = await cli([dir, '--env', `production=${join(dir, 'prod.env')}`])
    expect(r.out).toMatch(/^SENTRY_DSN\s+—/m)
    expect(r.out).toMatch(/FAIL {2}Production lacks 2 variables the app reads/)
  })
})
