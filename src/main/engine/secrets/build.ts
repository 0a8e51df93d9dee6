/**
 * The local production build (dist/, build/, .next/, out/ or the folder the
 * project names): source maps it would ship, credentials in its files, and
 * debug flags — a development React build or NODE_ENV left at development.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { listBuildFiles, scanFiles, type Skipped } from './tree'
import { toOccurrence, type Occurrence } from './occurrence'

export const BUILD_DIRS = ['dist', 'build', '.next', 'out'] as const

export interface BuildProblem {
  file: string
  what: 'source-map' | 'debug'
  detail: string
}

export interface BuildScan {
  dirs: string[]
  files: number
  occurrences: Occurrence[]
  problems: BuildProblem[]
  skipped: Skipped[]
}

const DEBUG_SIGNS: { re: RegExp; detail: string }[] = [
  { re: /react(?:-dom)?\.development\.js|react-dom-client\.development/, detail: 'a development build of React (slower, with debug warnings)' },
  { re: /["']?NODE_ENV["']?\s*:\s*["']development["']/, detail: 'NODE_ENV is set to “development” in the shipped code' },
  { re: /process\.env\.NODE_ENV\s*=\s*["']development["']/, detail: 'NODE_ENV is set to “development” in the shipped code' },
]

/** The build folders to look at: the project's, else the usual ones that exist in the repo. */
export function buildDirs(repo: string | undefined, buildDir: string | undefined): string[] {
  if (buildDir) {
    const abs = isAbsolute(buildDir) || !repo ? buildDir : join(repo, buildDir)
    return [abs]
  }
  if (!repo) return []
  return BUILD_DIRS.map((d) => join(repo, d)).filter((d) => existsSync(d) && statSync(d).isDirectory())
}

export async function scanBuild(dirs: readonly string[], root: string, signal?: AbortSignal): Promise<BuildScan> {
  const out: BuildScan = { dirs: dirs.map((d) => relative(root, d) || d), files: 0, occurrences: [], problems: [], skipped: [] }
  for (const dir of dirs) {
    const files = await listBuildFiles(root, dir)
    out.files += files.length
    for (const f of files) if (/\.(?:js|mjs|cjs|css)\.map$/.test(f)) out.problems.push({ file: f, what: 'source-map', detail: 'a source map: it gives anyone your original source code' })
    const text = files.filter((f) => /\.(?:m?js|cjs|html?|json|txt|css)$/.test(f))
    const onText = (file: string, body: string) => {
      if (!/\.(?:m?js|cjs|html?)$/.test(file)) return
      const sign = DEBUG_SIGNS.find((s) => s.re.test(body))
      if (sign && !out.problems.some((p) => p.what === 'debug' && p.detail === sign.detail)) out.problems.push({ file, what: 'debug', detail: sign.detail })
    }
    const scan = await scanFiles(root, text, { signal, onText })
    out.skipped.push(...scan.skipped)
    for (const h of scan.hits) out.occurrences.push(toOccurrence('secrets.build-output', 'build', h, { file: h.path }))
  }
  return out
}
