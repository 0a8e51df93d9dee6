/**
 * The environment-variable inventory: which variables the code needs (its
 * .env.example and the process.env / import.meta.env reads in the source),
 * and which each environment has, from the files hosts' CLIs print (a .env
 * dump, JSON as `netlify env:list --json`, `heroku config --json`,
 * `railway variables --json` or `fly secrets list --json` write). Names only:
 * a value in an import is dropped on the spot, and said so.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { GitRunner } from '../secrets/git'
import { listFiles } from '../secrets/tree'

export interface CodeVariable {
  name: string
  /** Where the code reads it (file:line, the first few). */
  uses: string[]
  /** Named in .env.example / .env.sample / .env.template. */
  inExample: boolean
  /** The comment above it in the example file, a purpose to start from. */
  hint?: string
  /** NEXT_PUBLIC_*, VITE_*, REACT_APP_*, PUBLIC_*, EXPO_PUBLIC_*, NUXT_PUBLIC_*: shipped to every visitor's browser. */
  public: boolean
}

/** Set by the platform or the bundler, never by the founder. */
const PLATFORM = new Set(['NODE_ENV', 'PATH', 'HOME', 'PWD', 'CI', 'TZ', 'LANG', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'VERCEL', 'VERCEL_ENV', 'VERCEL_URL', 'NETLIFY', 'RENDER', 'FLY_APP_NAME', 'RAILWAY_ENVIRONMENT', 'DYNO', 'npm_package_version'])
export const PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_)/
const SECRET_WORD = /SECRET|PRIVATE|PASSWORD|PASSWD|SERVICE_ROLE|(?:^|_)TOKEN(?:$|_)|API_KEY_SECRET|_SK(?:$|_)|SIGNING/

/** A public-prefixed name that says it holds a secret (NEXT_PUBLIC_STRIPE_SECRET_KEY). */
export const secretLookingPublic = (name: string): boolean => PUBLIC_PREFIX.test(name) && SECRET_WORD.test(name.replace(PUBLIC_PREFIX, ''))

const READS: RegExp[] = [
  /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /\bprocess\.env\[\s*['"`]([A-Za-z_][A-Za-z0-9_]*)['"`]\s*\]/g,
  /\bimport\.meta\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /\bDeno\.env\.get\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
  /\bos\.(?:environ(?:\.get)?\(?\[?|getenv\()\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
  /\bENV(?:\.fetch\()?\[?\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/g,
]
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro|py|rb|go|php)$/
const EXAMPLE = /(?:^|\/)\.env\.(?:example|sample|template|dist)$/

export function readsIn(text: string): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = []
  const starts: number[] = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  const lineOf = (idx: number) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= idx) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
  for (const re of READS) for (const m of text.matchAll(re)) if (!PLATFORM.has(m[1]!)) out.push({ name: m[1]!, line: lineOf(m.index!) })
  return out
}

export interface ExampleEntry {
  name: string
  hint?: string
}

/** Names (and the comment above each) of an .env.example. */
export function parseExample(text: string): ExampleEntry[] {
  const out: ExampleEntry[] = []
  let comment: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) {
      comment = undefined
      continue
    }
    if (line.startsWith('#')) {
      comment = line.replace(/^#+\s*/, '') || comment
      continue
    }
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)
    if (m) out.push({ name: m[1]!, ...(comment ? { hint: comment } : {}) })
    comment = undefined
  }
  return out
}

/** Every variable the repository's code needs. */
export async function codeVariables(git: GitRunner | undefined, repo: string, signal?: AbortSignal): Promise<CodeVariable[]> {
  const { files } = await listFiles(git, repo, signal)
  const byName = new Map<string, CodeVariable>()
  const get = (name: string) => {
    let v = byName.get(name)
    if (!v) byName.set(name, (v = { name, uses: [], inExample: false, public: PUBLIC_PREFIX.test(name) }))
    return v
  }
  for (const f of files) {
    const isExample = EXAMPLE.test(f)
    if (!isExample && (!SOURCE.test(f) || /(?:^|\/)(?:node_modules|dist|build|\.next|out|vendor)\//.test(f))) continue
    let text: string
    try {
      text = await readFile(join(repo, f), 'utf8')
    } catch {
      continue
    }
    if (text.length > 2 * 1024 * 1024) continue
    if (isExample) {
      for (const e of parseExample(text)) {
        const v = get(e.name)
        v.inExample = true
        if (e.hint && !v.hint) v.hint = e.hint
      }
      continue
    }
    for (const r of readsIn(text)) {
      const v = get(r.name)
      if (v.uses.length < 5) v.uses.push(`${f}:${r.line}`)
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
}

export class EnvImportError extends Error {}

export interface EnvImport {
  names: string[]
  /** How many values the file carried (dropped, never kept). */
  droppedValues: number
  format: 'dotenv' | 'json-object' | 'json-list' | 'heroku-text'
}

/** Names from a host's export; values are counted and dropped. Throws EnvImportError with the line when it cannot read it. */
export function parseEnvExport(text: string, file = 'the file'): EnvImport {
  const trimmed = text.trim()
  if (!trimmed) throw new EnvImportError(`${file} is empty.`)
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let j: unknown
    try {
      j = JSON.parse(trimmed)
    } catch (e) {
      throw new EnvImportError(`${file} looks like JSON but does not parse: ${(e as Error).message}.`)
    }
    if (Array.isArray(j)) {
      // fly secrets list --json: [{ "Name": "X", "Digest": … }], or a list of { key, value } / { name, value }.
      const names: string[] = []
      let dropped = 0
      for (const item of j) {
        if (typeof item === 'string') names.push(item)
        else if (item && typeof item === 'object') {
          const o = item as Record<string, unknown>
          const n = o.Name ?? o.name ?? o.key ?? o.Key
          if (typeof n !== 'string') throw new EnvImportError(`${file}: an entry has no name (expected "name", "key" or "Name").`)
          names.push(n)
          if (o.value !== undefined || o.Value !== undefined) dropped++
        }
      }
      return { names: [...new Set(names)].sort(), droppedValues: dropped, format: 'json-list' }
    }
    if (j && typeof j === 'object') {
      const o = j as Record<string, unknown>
      // { "envs": [...] } (vercel env ls --json) or a plain { KEY: value } (netlify, heroku, railway).
      const list = Array.isArray(o.envs) ? (o.envs as Record<string, unknown>[]) : undefined
      if (list) return { names: [...new Set(list.map((e) => String(e.key ?? e.name ?? '')).filter(Boolean))].sort(), droppedValues: list.filter((e) => e.value !== undefined).length, format: 'json-list' }
      const names = Object.keys(o)
      return { names: names.sort(), droppedValues: names.filter((k) => o[k] !== null && o[k] !== '').length, format: 'json-object' }
    }
    throw new EnvImportError(`${file}: JSON that is neither an object of variables nor a list.`)
  }
  const names: string[] = []
  let dropped = 0
  let heroku = false
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (!line || line.startsWith('#')) continue
    if (/^===\s/.test(line)) {
      heroku = true // heroku config: "=== app Config Vars"
      continue
    }
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(=|:)\s*(.*)$/.exec(line)
    if (!m || (m[2] === ':' && !heroku && !/^[A-Z_][A-Z0-9_]*$/.test(m[1]!))) throw new EnvImportError(`${file}, line ${i + 1}: expected NAME=value (or NAME: value in heroku config), got “${line.slice(0, 40)}${line.length > 40 ? '…' : ''}”.`)
    if (m[2] === ':') heroku = true
    names.push(m[1]!)
    if (m[3]!.trim() && m[3]!.trim() !== '""' && m[3]!.trim() !== "''") dropped++
  }
  if (!names.length) throw new EnvImportError(`${file} has no variables in it.`)
  return { names: [...new Set(names)].sort(), droppedValues: dropped, format: heroku ? 'heroku-text' : 'dotenv' }
}
