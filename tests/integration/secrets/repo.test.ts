/** The local scan on real git repositories: tree, whole history (merges, tags, branches, deletions, renames), env files, build, shallow clones. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nodeGit } from '../../../src/main/engine/secrets/git'
import { scanRepo, type RepoScanResult } from '../../../src/main/engine/secrets/repo'
import { repoFindings } from '../../../src/main/engine/secrets/findings'
import type { Finding } from '../../../src/shared/model'
import { Finding as FindingSchema } from '../../../src/shared/model'
import { commit, git, leakyRepo, newRepo, write, type LeakyRepo } from '../../fixtures/secrets/repo'
import { plantedCorpus } from '../../fixtures/secrets/corpus'

let repo: LeakyRepo
let result: RepoScanResult
let findings: Finding[]
const cleanup: string[] = []

beforeAll(async () => {
  repo = leakyRepo()
  cleanup.push(repo.dir)
  result = await scanRepo({ git: nodeGit(), repo: repo.dir })
  findings = repoFindings(result, { repoLabel: 'acme' })
}, 60_000)

afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true })
})

const withValue = (fs: Finding[], id: string, value: string) => {
  const fp = fs.filter((f) => f.checkId === id)
  return fp.find((f) => {
    const e = f.evidence as { masked?: string }
    return e.masked && value.endsWith(e.masked.split('…')[1] ?? '\u0000') && value.startsWith(e.masked.split('…')[0] ?? '')
  })
}

describe('the working tree', () => {
  it('finds tracked and untracked-not-ignored files, never ignored ones', () => {
    for (const f of findings) FindingSchema.parse(f)
    expect(withValue(findings, 'secrets.repo', repo.values.renamed.value)?.evidence).toMatchObject({ location: 'tree', file: 'src/deploy.js', line: 2, provider: 'GitHub', kind: 'secret' })
    expect(withValue(findings, 'secrets.repo', repo.values.untracked.value)?.evidence).toMatchObject({ file: 'notes.txt', kind: 'secret' })
    expect(withValue(findings, 'secrets.repo', repo.values.ignored.value)).toBeUndefined()
    expect(withValue(findings, 'secrets.repo', repo.values.testKey.value)).toMatchObject({ severity: 'low', status: 'fail', evidence: { kind: 'test' } })
    // The deleted key is no longer in the tree.
    expect(withValue(findings, 'secrets.repo', repo.values.deleted.value)).toBeUndefined()
  })

  it('lists the binary and the oversized file as skipped, never silently', () => {
    expect(result.files.skipped).toEqual(expect.arrayContaining([{ path: 'assets/logo.png', reason: 'binary file' }, expect.objectContaining({ path: 'data/big.csv', reason: expect.stringMatching(/larger than 2 MB/) })]))
  })
})

describe('the history', () => {
  it('reads every commit on every ref, merges included', () => {
    expect(result.history).toMatchObject({ shallow: false })
    expect(result.history!.commits).toBe(Number(git(repo.dir, 'rev-list', '--all', '--count').trim()))
    expect(result.history!.merges).toBe(1)
  })

  it('finds a deleted secret, with its commit, date, author and that it is gone from the tree', () => {
    const f = withValue(findings, 'secrets.history', repo.values.deleted.value)
    expect(f?.evidence).toMatchObject({ location: 'history', file: 'src/config.js', line: 3, commit: repo.commits.deleted, date: '2026-01-05T09:00:00.000Z', author: 'Dana Dev', stillInTree: false, provider: 'Stripe', kind: 'secret' })
    expect(f!.severity).toBe('blocker')
    expect(f!.summary).toMatch(/committed on 2026-01-05 by Dana Dev/)
  })

  it('names a renamed file by the path it was added under, and says it is still in the tree', () => {
    expect(withValue(findings, 'secrets.history', repo.values.renamed.value)?.evidence).toMatchObject({ file: 'src/old-name.js', commit: repo.commits.deleted, stillInTree: true })
  })

  it('finds the secret typed into a conflict resolution (git log -p alone prints no patch for a merge)', () => {
    const f = withValue(findings, 'secrets.history', repo.values.merge.value)
    expect(f?.evidence).toMatchObject({ commit: repo.commits.merge, file: 'src/ai.js', line: 2, via: expect.stringMatching(/merge/) })
    // The proof: in the plain log no commit adds it (it shows only where a later commit removes it).
    const plain = git(repo.dir, 'log', '-p', '--all', '--', 'src/ai.js').split('\n')
    expect(plain.filter((l) => l.includes(repo.values.merge.value)).map((l) => l[0])).toEqual(['-'])
  })

  it('finds secrets on another branch and behind a tag only', () => {
    expect(withValue(findings, 'secrets.history', repo.values.branch.value)?.evidence).toMatchObject({ commit: repo.commits.branch, file: 'infra/aws.txt' })
    expect(withValue(findings, 'secrets.history', repo.values.tagged.value)?.evidence).toMatchObject({ commit: repo.commits.tagged, file: 'notify.js' })
  })

  it('lists the oversized blob as skipped', () => {
    expect(result.history!.skipped.map((s) => s.path)).toContain('data/big.csv')
  })

  it('a shallow clone is said plainly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-shallow-'))
    cleanup.push(dir)
    git(dir, 'clone', '-q', '--depth', '1', `file://${repo.dir}`, 'c')
    const r = await scanRepo({ git: nodeGit(), repo: join(dir, 'c') })
    expect(r.history?.shallow).toBe(true)
    const h = repoFindings(r, { repoLabel: 'c' }).filter((f) => f.checkId === 'secrets.history')
    expect(h.some((f) => f.status === 'warn' && /shallow clone/.test(f.summary + f.title))).toBe(true)
  })
})

describe('env and credential files', () => {
  it('flags a committed .env with real values, names only, and passes .env.example', () => {
    const env = findings.filter((f) => f.checkId === 'secrets.env-committed')
    expect(env.map((f) => f.target)).toEqual(['.env'])
    expect(env[0]!.evidence).toMatchObject({ location: 'env-file', names: ['ANTHROPIC_API_KEY', 'SESSION_SECRET'], values: 2 })
    expect(env[0]!.fix.map((s) => s.value ?? '').join(' ')).toContain('git rm --cached ".env"')
  })

  it('recognises developer tools’ credential files by name and content', async () => {
    const dir = newRepo()
    cleanup.push(dir)
    const key = plantedCorpus().find((c) => c.rule === 'private-key')!.value
    write(dir, 'deploy/id_rsa', `${key}\n`)
    write(dir, '.npmrc', '//registry.npmjs.org/:_authToken=abcd1234efgh5678ijkl\n')
    write(dir, 'empty/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n')
    write(dir, '.docker/config.json', '{"auths":{"registry.example.test":{"auth":"ZGFuYTpodW50ZXIy"}}}')
    write(dir, 'sftp-config.json', '{"host":"ftp.example.test","user":"dana","password":"hunter2hunter2"}')
    write(dir, '.htpasswd', 'admin:$apr1$abcdefgh$0123456789abcdefghijkl\n')
    write(dir, 'home/.bashrc', 'export PATH=$PATH:~/bin\nexport GITHUB_TOKEN=gho_notrealbutlongenough123\n')
    write(dir, 'backup/users.sql', "INSERT INTO users VALUES (1,'dana','$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234');\n")
    write(dir, 'wp-config.php', "<?php define('DB_PASSWORD', 'Sup3rS3cretDbPass');\n")
    write(dir, 'config/.pgpass', 'db.example.test:5432:app:app:S3cretPgPass\n')
    commit(dir, 'oops')
    const r = await scanRepo({ git: nodeGit(), repo: dir })
    expect(r.envFiles.map((h) => h.path).sort()).toEqual(['.docker/config.json', '.htpasswd', '.npmrc', 'backup/users.sql', 'config/.pgpass', 'deploy/id_rsa', 'home/.bashrc', 'sftp-config.json', 'wp-config.php'])
  })
})

describe('the build output', () => {
  it('finds source maps, a credential and a development build in dist/ (even though git ignores it)', () => {
    const b = findings.filter((f) => f.checkId === 'secrets.build-output')
    expect(b.find((f) => /source map/.test(f.title))?.evidence).toMatchObject({ files: ['dist/assets/app.js.map'] })
    expect(b.find((f) => /development build/.test(f.title))?.summary).toMatch(/React/)
    expect(withValue(findings, 'secrets.build-output', repo.values.build.value)?.evidence).toMatchObject({ location: 'build', file: 'dist/assets/app.js' })
  })
})

describe('never leaks what it finds', () => {
  it('no planted value appears in the findings, anywhere', () => {
    const json = JSON.stringify({ findings, result })
    for (const v of Object.values(repo.values)) expect(json.includes(v.value), v.name).toBe(false)
  })
})

describe('bad input', () => {
  it('a folder that is not a repository: the files are scanned, the history is skipped with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-plain-'))
    cleanup.push(dir)
    const t = plantedCorpus().find((c) => c.rule === 'github-pat')!
    write(dir, 'app.js', `${t.line}\n`)
    write(dir, 'node_modules/x/index.js', `${t.line}\n`)
    write(dir, '.gitignore', 'build.log\n')
    write(dir, 'build.log', `${t.line}\n`)
    const r = await scanRepo({ git: nodeGit(), repo: dir })
    const fs = repoFindings(r, { repoLabel: 'plain' })
    expect(fs.filter((f) => f.checkId === 'secrets.repo' && f.status === 'fail').map((f) => (f.evidence as { file: string }).file)).toEqual(['app.js'])
    expect(fs.find((f) => f.checkId === 'secrets.history')).toMatchObject({ status: 'skipped', summary: expect.stringMatching(/not a git repository/) })
  })

  it('git missing: the files are still scanned and the history is an error that says why', async () => {
    const r = await scanRepo({ git: nodeGit('/nonexistent/git'), repo: repo.dir })
    const fs = repoFindings(r, { repoLabel: 'acme' })
    expect(fs.find((f) => f.checkId === 'secrets.history')).toMatchObject({ status: 'error', summary: expect.stringMatching(/git is not installed/) })
    expect(r.files.scanned).toBeGreaterThan(3)
  })

  it('a path that does not exist is an error on every local check', async () => {
    const r = await scanRepo({ git: nodeGit(), repo: '/nonexistent/folder' })
    expect(repoFindings(r, { repoLabel: 'x' }).map((f) => f.status)).toEqual(['error', 'error', 'error'])
  })

  it('an ignored fingerprint is not reported, and the pass says how many were ignored', () => {
    const f = withValue(findings, 'secrets.repo', repo.values.untracked.value)!
    const fp = (f.evidence as { fingerprint: string }).fingerprint
    const again = repoFindings(result, { repoLabel: 'acme', ignores: [{ fingerprint: fp, reason: 'a fixture' }] })
    expect(again.some((x) => (x.evidence as { fingerprint?: string }).fingerprint === fp)).toBe(false)
  })
})
