/**
 * A whole local scan of one repository: the working tree, the tracked
 * credential files, the history (unless asked not to) and the build output.
 * Raw values become occurrences (masked, fingerprinted) as soon as they are
 * found; the result holds nothing that could leak.
 */
import { existsSync, statSync } from 'node:fs'
import { GitMissingError, type GitRunner } from './git'
import { scanHistory, type HistoryStats } from './history'
import { listFiles, scanFiles, type Skipped } from './tree'
import { classifyEnvFile, envFileCandidate, type EnvFileHit } from './env-files'
import { buildDirs, scanBuild, type BuildScan } from './build'
import { mergeOccurrences, toOccurrence, type Occurrence } from './occurrence'

export interface RepoScanProgress {
  phase: 'files' | 'history' | 'build' | 'done'
  files: number
  commits: number
}

export interface RepoScanOptions {
  git: GitRunner
  repo: string
  buildDir?: string
  history?: boolean
  signal?: AbortSignal
  onProgress?: (p: RepoScanProgress) => void
}

export interface RepoScanResult {
  repo: string
  git: boolean
  occurrences: Occurrence[]
  envFiles: EnvFileHit[]
  files: { scanned: number; skipped: Skipped[]; skippedCount: number }
  history?: HistoryStats & { shallow: boolean }
  /** Why the history was not read (not a repository, git missing, --no-history, failed). */
  historyError?: string
  historySkipped?: boolean
  build?: BuildScan
  /** A problem that stopped the whole scan (no such folder). */
  error?: string
}

export async function scanRepo(opts: RepoScanOptions): Promise<RepoScanResult> {
  const { git, repo, signal } = opts
  const result: RepoScanResult = { repo, git: false, occurrences: [], envFiles: [], files: { scanned: 0, skipped: [], skippedCount: 0 } }
  if (!existsSync(repo) || !statSync(repo).isDirectory()) return { ...result, error: `${repo} is not a folder on this computer. Choose the folder that holds your code.` }
  const progress: RepoScanProgress = { phase: 'files', files: 0, commits: 0 }
  const tell = () => opts.onProgress?.({ ...progress })
  tell()
  let gitOk: GitRunner | undefined = git
  let listing
  try {
    listing = await listFiles(gitOk, repo, signal)
  } catch (e) {
    if (!(e instanceof GitMissingError)) throw e
    gitOk = undefined
    result.historyError = e.message
    listing = await listFiles(undefined, repo, signal)
  }
  result.git = listing.git
  const envTexts = new Map<string, string>()
  const tree = await scanFiles(repo, listing.files, {
    signal,
    onFile: (n) => {
      progress.files = n
      if (n % 200 === 0) tell()
    },
    onText: (p, t) => {
      if ((listing.tracked.has(p) || !listing.git) && envFileCandidate(p)) envTexts.set(p, t)
    },
  })
  progress.files = tree.scanned
  result.files = { scanned: tree.scanned, skipped: tree.skipped, skippedCount: tree.skippedCount }
  const treeOcc = tree.hits.map((h) => toOccurrence('secrets.repo', 'tree', h, { file: h.path }))
  for (const p of tree.pathHits) treeOcc.push({ checkId: 'secrets.repo', location: 'tree', ruleId: p.ruleId, provider: 'A certificate keystore', kind: 'secret', why: 'a PKCS#12 file holds a private key', masked: '(whole file)', fingerprint: `file:${p.path}`, file: p.path })
  result.occurrences.push(...mergeOccurrences(treeOcc))
  // Tracked (committed) credential files: what a clone of the repository hands out.
  const candidates = listing.git ? [...listing.tracked].filter(envFileCandidate) : listing.files.filter(envFileCandidate)
  for (const p of candidates) {
    const hit = classifyEnvFile(p, envTexts.get(p))
    if (hit) result.envFiles.push(hit)
  }
  if (opts.history === false) result.historySkipped = true
  else if (gitOk && listing.git) {
    progress.phase = 'history'
    tell()
    try {
      const h = await scanHistory(gitOk, repo, {
        signal,
        onCommit: (n) => {
          progress.commits = n
          if (n % 250 === 0) tell()
        },
      })
      const inTree = new Set(treeOcc.map((o) => o.fingerprint))
      // git log lists newest first: merge from the oldest, so each value is named by the commit that added it.
      const occ = [...h.hits].reverse().map((x) =>
        toOccurrence('secrets.history', 'history', x, { file: x.path, commit: x.commit.sha, date: x.commit.date, author: x.commit.author, via: x.commit.merge ? 'a merge commit (conflict resolution)' : undefined }),
      )
      for (const o of occ) o.stillInTree = inTree.has(o.fingerprint)
      result.occurrences.push(...mergeOccurrences(occ))
      result.history = { ...h.stats, shallow: h.shallow }
      progress.commits = h.stats.commits
    } catch (e) {
      if (signal?.aborted) throw e
      result.historyError = e instanceof Error ? e.message : String(e)
    }
  }
  const dirs = buildDirs(repo, opts.buildDir)
  if (dirs.length) {
    progress.phase = 'build'
    tell()
    result.build = await scanBuild(dirs, repo, signal)
    result.occurrences.push(...mergeOccurrences(result.build.occurrences))
  }
  progress.phase = 'done'
  tell()
  return result
}
