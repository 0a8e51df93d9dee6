/**
 * npm run bench:secrets [-- --runs N]
 * Clones ../shared/bench/express.bundle (expressjs/express, every ref) to a
 * temp folder and prints, median of N runs (default 3):
 *  - the full scan's wall time (tree, whole history with merges, env files),
 *  - `git log -p -U0 --all --full-history` alone on the same clone (the floor),
 *  - their ratio (target: at most 2x), files and commits scanned,
 *  - the scan's peak RSS (target: at most 250 MB; each scan runs in its own process),
 *  - the working-tree scan beside secretlint 11's (the last line that runs on Node 20;
 *    target: at least as fast).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeGit } from '../src/main/engine/secrets/git'
import { scanRepo } from '../src/main/engine/secrets/repo'

// npm runs scripts from the repository root (this file is bundled elsewhere before it runs).
const repoRoot = process.cwd()

async function child(): Promise<void> {
  const [repo, mode] = process.argv.slice(3)
  const t0 = performance.now()
  const r = await scanRepo({ git: nodeGit(), repo: repo!, history: mode !== 'tree' })
  const ms = performance.now() - t0
  process.stdout.write(JSON.stringify({ ms, files: r.files.scanned, commits: r.history?.commits ?? 0, merges: r.history?.merges ?? 0, found: r.occurrences.length, maxRssKb: process.resourceUsage().maxRSS }))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function time(cmd: string, args: string[], cwd: string): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = performance.now()
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
    p.stdout.on('data', () => undefined) // read it all, as the scan does
    p.on('error', rej)
    p.on('close', () => res(performance.now() - t0))
  })
}

function runChild(repo: string, mode: 'full' | 'tree'): Promise<{ ms: number; files: number; commits: number; merges: number; found: number; maxRssKb: number }> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', repo, mode], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (b: Buffer) => (out += b.toString()))
    p.on('error', rej)
    p.on('close', (code) => (code === 0 ? res(JSON.parse(out)) : rej(new Error(`scan exited ${code}`))))
  })
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs')
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3
  const bundle = [resolve(repoRoot, '..', 'shared', 'bench', 'express.bundle'), process.env.LR_BENCH_BUNDLE ?? ''].find((p) => p && existsSync(p))
  if (!bundle) throw new Error('../shared/bench/express.bundle not found')
  const tmp = mkdtempSync(join(tmpdir(), 'lr-bench-secrets-'))
  try {
    const repo = join(tmp, 'express')
    execFileSync('git', ['clone', '-q', bundle, repo])
    execFileSync('git', ['fetch', '-q', bundle, '+refs/*:refs/bundle/*'], { cwd: repo })
    const commits = Number(execFileSync('git', ['rev-list', '--all', '--count'], { cwd: repo, encoding: 'utf8' }).trim())
    console.log(`express clone: ${commits} commits on all refs, in ${repo}`)
    const full: Awaited<ReturnType<typeof runChild>>[] = []
    const floor: number[] = []
    const tree: number[] = []
    const lint: number[] = []
    // secretlint 11.7.1 with its recommended preset, on the same working tree.
    const rc = join(tmp, 'secretlintrc.json')
    writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }))
    const secretlint = resolve(repoRoot, 'node_modules', '.bin', 'secretlint')
    for (let i = 0; i < runs; i++) {
      floor.push(await time('git', ['log', '-p', '-U0', '--all', '--full-history'], repo))
      full.push(await runChild(repo, 'full'))
      tree.push((await runChild(repo, 'tree')).ms)
      if (existsSync(secretlint)) lint.push(await time(secretlint, ['--secretlintrc', rc, '--no-color', '**/*'], repo))
    }
    const fullMs = median(full.map((r) => r.ms))
    const floorMs = median(floor)
    const rss = Math.max(...full.map((r) => r.maxRssKb)) / 1024
    const f = full[0]!
    console.log(`full scan (tree + history + env files), median of ${runs}: ${(fullMs / 1000).toFixed(2)} s — ${f.files} files, ${f.commits} commits (${f.merges} merges), ${f.found} values found`)
    console.log(`git log -p -U0 --all --full-history alone:    ${(floorMs / 1000).toFixed(2)} s`)
    console.log(`ratio full scan / git log: ${(fullMs / floorMs).toFixed(2)}x (target <= 2x)`)
    console.log(`peak RSS of the scan: ${rss.toFixed(0)} MB (target <= 250 MB)`)
    console.log(`working tree only: ours ${median(tree).toFixed(0)} ms${lint.length ? `, secretlint 11.7.1 ${median(lint).toFixed(0)} ms (ratio ${(median(lint) / median(tree)).toFixed(2)}x: >= 1 means ours is at least as fast)` : ' (secretlint not installed)'}`)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') await child()
else await main()
