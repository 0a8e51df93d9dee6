/**
 * The working tree and the local build output: every tracked and
 * untracked-but-not-ignored file (git decides what .gitignore excludes), text
 * only, up to the size cap. Binaries and larger files are listed as skipped,
 * never passed over silently. A folder that is not a git repository is walked
 * directly, its top-level .gitignore honoured.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import ignore from 'ignore'
import type { GitRunner } from './git'
import { pathIgnored, pathRuleHits, scanText, type Hit } from './detect'

export const FILE_SIZE_CAP = 2 * 1024 * 1024

export interface FileHit extends Hit {
  path: string
}

export interface Skipped {
  path: string
  reason: string
}

export interface TreeScan {
  hits: FileHit[]
  /** Files whose name alone makes them a credential (a PKCS#12 keystore). */
  pathHits: { path: string; ruleId: string }[]
  scanned: number
  skipped: Skipped[]
  skippedCount: number
}

const toPosix = (p: string) => p.split(sep).join('/')

/** Binary: a NUL byte in the first 8 KB, as git decides. */
function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0)
}

async function readText(abs: string, size: number): Promise<string | 'binary' | 'unreadable'> {
  try {
    const fh = await open(abs, 'r')
    try {
      const buf = Buffer.alloc(size)
      await fh.read(buf, 0, size, 0)
      return isBinary(buf) ? 'binary' : buf.toString('utf8')
    } finally {
      await fh.close()
    }
  } catch {
    return 'unreadable'
  }
}

export interface ScanFilesOptions {
  signal?: AbortSignal
  onFile?: (scanned: number) => void
  /** Sees the text of every file read (the env-file and debug-flag checks look at some). */
  onText?: (path: string, text: string) => void
}

/** Scans `paths` (relative to `root`), bounded to 8 reads at a time. */
export async function scanFiles(root: string, paths: readonly string[], opts: ScanFilesOptions = {}): Promise<TreeScan> {
  const out: TreeScan = { hits: [], pathHits: [], scanned: 0, skipped: [], skippedCount: 0 }
  const skip = (path: string, reason: string) => {
    out.skippedCount++
    if (out.skipped.length < 200) out.skipped.push({ path, reason })
  }
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      if (opts.signal?.aborted) return
      const path = paths[next++]!
      for (const ruleId of pathRuleHits(path)) out.pathHits.push({ path, ruleId })
      if (pathIgnored(path) && !opts.onText) continue
      const abs = join(root, path)
      let size: number
      try {
        const s = await stat(abs)
        if (!s.isFile()) continue
        size = s.size
      } catch {
        continue // listed by git but gone from the disk (deleted, not yet committed)
      }
      if (size > FILE_SIZE_CAP) {
        skip(path, `larger than ${FILE_SIZE_CAP / 1024 / 1024} MB (${(size / 1024 / 1024).toFixed(1)} MB)`)
        continue
      }
      const text = await readText(abs, size)
      if (text === 'binary') {
        skip(path, 'binary file')
        continue
      }
      if (text === 'unreadable') {
        skip(path, 'could not be read (permissions?)')
        continue
      }
      out.scanned++
      opts.onFile?.(out.scanned)
      opts.onText?.(path, text)
      if (pathIgnored(path)) continue
      for (const h of scanText(text, path)) out.hits.push({ ...h, path })
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return out
}

export interface RepoFiles {
  git: boolean
  /** Tracked and untracked-not-ignored files, relative, POSIX separators. */
  files: string[]
  /** Tracked files only (what a clone gets). */
  tracked: Set<string>
}

/** The files of a repository (git decides) or of a plain folder (walked, .gitignore honoured). */
export async function listFiles(git: GitRunner | undefined, root: string, signal?: AbortSignal): Promise<RepoFiles> {
  if (git) {
    const inside = await git.run(['rev-parse', '--is-inside-work-tree'], { cwd: root, signal })
    if (inside.code === 0 && inside.stdout.trim() === 'true') {
      const all = await git.run(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, signal })
      const cached = await git.run(['ls-files', '-z', '--cached'], { cwd: root, signal })
      if (all.code !== 0) throw new Error(`git ls-files failed: ${all.stderr.trim()}`)
      const files = [...new Set(all.stdout.split('\0').filter(Boolean))]
      return { git: true, files, tracked: new Set(cached.stdout.split('\0').filter(Boolean)) }
    }
  }
  return { git: false, files: await walk(root, signal), tracked: new Set() }
}

const NEVER = new Set(['.git', 'node_modules', '.hg', '.svn'])

async function walk(root: string, signal?: AbortSignal): Promise<string[]> {
  const ig = ignore()
  try {
    ig.add(await readFile(join(root, '.gitignore'), 'utf8'))
  } catch {
    /* no .gitignore */
  }
  const out: string[] = []
  const visit = async (dir: string): Promise<void> => {
    if (signal?.aborted || out.length > 200_000) return
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (NEVER.has(e.name)) continue
      const rel = toPosix(relative(root, join(dir, e.name)))
      if (ig.ignores(e.isDirectory() ? `${rel}/` : rel)) continue
      if (e.isDirectory()) await visit(join(dir, e.name))
      else if (e.isFile()) out.push(rel)
    }
  }
  await visit(root)
  return out
}

/** Every file under `dir` (a build folder: nothing in it is ignored), relative to `root`. */
export async function listBuildFiles(root: string, dir: string, limit = 50_000): Promise<string[]> {
  const out: string[] = []
  const visit = async (d: string): Promise<void> => {
    if (out.length >= limit) return
    let entries
    try {
      entries = await readdir(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'cache') continue
      const abs = join(d, e.name)
      if (e.isDirectory()) await visit(abs)
      else if (e.isFile() && out.length < limit) out.push(toPosix(relative(root, abs)))
    }
  }
  await visit(dir)
  return out
}
