/**
 * Reads a repository's whole history in one `git log` stream: every commit on
 * every ref, the added lines of each file's patch (deleted and renamed files
 * included: their content was added somewhere), and for merge commits the
 * dense combined diff — the lines that differ from every parent, which is
 * where a secret typed into a conflict resolution lives. Plain `git log -p`
 * prints no patch for a merge, which is why scanners built on it miss those.
 * Blobs over the size cap are treated as binary by git itself and reported as
 * skipped. Each file's added lines are scanned as one fragment.
 */
import type { GitRunner } from './git'
import { scanText, pathIgnored, type Hit } from './detect'

export const HISTORY_SIZE_CAP = 2 * 1024 * 1024

export interface CommitInfo {
  sha: string
  /** ISO date of the author date. */
  date: string
  author: string
  merge: boolean
}

export interface HistoryHit extends Hit {
  commit: CommitInfo
  path: string
}

export interface HistoryStats {
  commits: number
  merges: number
  /** Files changed (commit × path pairs) whose added lines were scanned. */
  patches: number
  /** Binary or over-cap blobs git did not diff, by path (first 50). */
  skipped: { path: string; commit: string; reason: string }[]
  skippedCount: number
}

const FORMAT = '--format=%x00%H%x1f%at%x1f%aN%x1f%P'

export function historyArgs(): string[] {
  return ['-c', `core.bigFileThreshold=${HISTORY_SIZE_CAP}`, 'log', '--all', '--full-history', '-p', '-U0', '--diff-merges=dense-combined', '--no-ext-diff', '--no-textconv', '--no-color', FORMAT]
}

function unquote(p: string): string {
  if (!p.startsWith('"')) return p
  try {
    return JSON.parse(p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)))) as string
  } catch {
    return p.slice(1, -1)
  }
}

/** Parses the stream incrementally; `push` text as it arrives, `end` once. */
export class HistoryParser {
  readonly stats: HistoryStats = { commits: 0, merges: 0, patches: 0, skipped: [], skippedCount: 0 }
  private carry = ''
  private commit: CommitInfo | undefined
  private path: string | undefined
  private parents = 1
  private newLine = 0
  private added: string[] = []
  private lines: number[] = []
  /** Set by a `--- ` line: only the line right after it can be a `+++ ` header (an added line may start with ++). */
  private header = false

  constructor(
    private readonly onHit: (h: HistoryHit) => void,
    private readonly onCommit?: (count: number) => void,
  ) {}

  push(text: string): void {
    const data = this.carry + text
    let start = 0
    for (let nl = data.indexOf('\n', start); nl !== -1; nl = data.indexOf('\n', start)) {
      this.line(data.slice(start, nl))
      start = nl + 1
    }
    this.carry = data.slice(start)
  }

  end(): void {
    if (this.carry) this.line(this.carry)
    this.carry = ''
    this.flush()
  }

  private flush(): void {
    if (this.commit && this.path && this.added.length && !pathIgnored(this.path)) {
      this.stats.patches++
      const commit = this.commit
      const path = this.path
      const lines = this.lines
      for (const h of scanText(this.added.join('\n'), path)) this.onHit({ ...h, line: lines[h.line - 1] ?? h.line, commit, path })
    }
    this.added = []
    this.lines = []
  }

  private line(l: string): void {
    const c = l.charCodeAt(0)
    if (c === 0) {
      this.flush()
      this.path = undefined
      const [sha = '', at = '0', author = '', parents = ''] = l.slice(1).split('\x1f')
      const n = parents ? parents.split(' ').length : 0
      this.parents = Math.max(1, n)
      this.commit = { sha, date: new Date(Number(at) * 1000).toISOString(), author, merge: n > 1 }
      this.stats.commits++
      if (n > 1) this.stats.merges++
      this.onCommit?.(this.stats.commits)
      return
    }
    if (c === 43 /* + */ || c === 32 /* space */ || c === 45 /* - */) {
      if (this.path === undefined) return
      const header = this.header
      this.header = false
      if (header && l.startsWith('+++ ')) {
        this.flush()
        const p = l.slice(4)
        this.path = p === '/dev/null' ? '' : unquote(p).replace(/^b\//, '')
        return
      }
      if (l.startsWith('--- ') && this.newLine === 0) {
        this.header = true
        return
      }
      const prefix = l.slice(0, this.parents)
      if (prefix.includes('-')) return
      this.newLine++
      if (prefix.includes('+')) {
        this.added.push(l.slice(this.parents))
        this.lines.push(this.newLine - 1)
      }
      return
    }
    if (c === 64 /* @ */ && l.startsWith('@@')) {
      // `@@ -a,b +c,d @@` or, for a merge, `@@@ -a,b -c,d +e,f @@@`: new lines start at the + number.
      const m = /\+(\d+)/.exec(l)
      this.newLine = m ? Number(m[1]) : 0
      return
    }
    if (c === 100 /* d */ && (l.startsWith('diff --git ') || l.startsWith('diff --cc ') || l.startsWith('diff --combined '))) {
      this.flush()
      this.newLine = 0
      // The path is confirmed by `+++`; until then (binary files have none) take it from the header.
      this.path = l.startsWith('diff --git ') ? unquote(l.slice(l.lastIndexOf(' b/') + 3)) : unquote(l.slice(l.indexOf(' ', 6) + 1))
      return
    }
    if (c === 66 /* B */ && l.startsWith('Binary files ') && this.commit && this.path) {
      this.stats.skippedCount++
      if (this.stats.skipped.length < 50) this.stats.skipped.push({ path: this.path, commit: this.commit.sha, reason: `binary, or larger than ${HISTORY_SIZE_CAP / 1024 / 1024} MB` })
    }
  }
}

export interface HistoryScan {
  hits: HistoryHit[]
  stats: HistoryStats
  shallow: boolean
}

/** Scans the whole history of the repository at `cwd` (the caller has checked it is one). */
export async function scanHistory(git: GitRunner, cwd: string, opts: { signal?: AbortSignal; onCommit?: (n: number) => void } = {}): Promise<HistoryScan> {
  const shallowOut = await git.run(['rev-parse', '--is-shallow-repository'], { cwd, signal: opts.signal })
  const hits: HistoryHit[] = []
  const parser = new HistoryParser((h) => hits.push(h), opts.onCommit)
  const r = await git.stream(historyArgs(), { cwd, signal: opts.signal }, (t) => parser.push(t))
  parser.end()
  // An empty repository (no commit yet) makes `git log --all` exit 0 with nothing; other failures are real.
  if (r.code !== 0 && !/does not have any commits/.test(r.stderr)) throw new Error(`git log failed: ${r.stderr.trim().split('\n')[0] ?? `exit ${r.code}`}`)
  return { hits, stats: parser.stats, shallow: shallowOut.stdout.trim() === 'true' }
}
