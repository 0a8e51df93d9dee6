#!/usr/bin/env node
/**
 * npm run refresh:secret-rules [-- --from FILE | --url URL]
 * Replaces src/main/engine/secrets/rules/gitleaks.json with the rules of
 * gitleaks' default configuration (config/gitleaks.toml, MIT), translated from
 * Go's regex dialect to JavaScript's (scripts/lib/go-regex.mjs). Every rule is
 * compiled before anything is written; a file with a rule that does not
 * translate or compile is refused and the vendored copy kept.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from 'smol-toml'
import { goToJs } from './lib/go-regex.mjs'

const UPSTREAM = 'https://raw.githubusercontent.com/gitleaks/gitleaks/master/config/gitleaks.toml'
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main', 'engine', 'secrets', 'rules')
const { values } = parseArgs({ options: { from: { type: 'string' }, url: { type: 'string' }, commit: { type: 'string' } } })

let text
let source
try {
  if (values.from) {
    text = readFileSync(values.from, 'utf8')
    source = `a copy read from ${values.from}${values.commit ? ` (gitleaks commit ${values.commit})` : ''}`
  } else {
    const url = values.url ?? UPSTREAM
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000) })
    if (!res.ok) throw new Error(`${url} answered ${res.status}`)
    text = await res.text()
    source = url
  }
} catch (e) {
  console.error(`Could not get the rules: ${e instanceof Error ? e.message : e}. The vendored copy is unchanged; pass --from FILE with a copy of gitleaks' config/gitleaks.toml.`)
  process.exit(1)
}

const problems = []
const js = (re, where) => {
  if (re === undefined) return undefined
  try {
    const out = goToJs(re)
    new RegExp(out)
    return out
  } catch (e) {
    problems.push(`${where}: ${e instanceof Error ? e.message : e}`)
    return undefined
  }
}
const allow = (a, where) => ({
  ...(a.description ? { description: a.description } : {}),
  condition: (a.condition ?? 'OR').toUpperCase(),
  regexTarget: a.regexTarget ?? 'secret',
  regexes: (a.regexes ?? []).map((r, i) => js(r, `${where} regexes[${i}]`)),
  paths: (a.paths ?? []).map((r, i) => js(r, `${where} paths[${i}]`)),
  stopwords: (a.stopwords ?? []).map((s) => String(s).toLowerCase()),
  ...(a.commits?.length ? { commits: a.commits } : {}),
})

let config
try {
  config = parse(text)
} catch (e) {
  console.error(`The file is not valid TOML, so the vendored rules are unchanged: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
}
const rules = (config.rules ?? []).map((r) => ({
  id: r.id,
  description: r.description ?? '',
  ...(r.regex !== undefined ? { regex: js(r.regex, `${r.id} regex`) } : {}),
  ...(r.path !== undefined ? { path: js(r.path, `${r.id} path`) } : {}),
  ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
  ...(r.entropy ? { entropy: r.entropy } : {}),
  keywords: (r.keywords ?? []).map((k) => String(k).toLowerCase()),
  allowlists: (r.allowlists ?? []).map((a, i) => allow(a, `${r.id} allowlists[${i}]`)),
  ...(r.skipReport ? { skipReport: true } : {}),
}))
const globalAllow = config.allowlist ? allow(config.allowlist, 'global allowlist') : { condition: 'OR', regexTarget: 'secret', regexes: [], paths: [], stopwords: [] }
if (rules.length < 100) problems.push(`only ${rules.length} rules (expected the full default set)`)
for (const r of rules) if (!r.id || (!r.regex && !r.path)) problems.push(`rule ${r.id ?? '?'} has neither a regex nor a path`)
if (problems.length) {
  console.error(`The rules were not replaced (${problems.length} problem(s)):\n  ${problems.slice(0, 20).join('\n  ')}`)
  process.exit(1)
}

const out = { source, refreshed: new Date().toISOString().slice(0, 10), minVersion: config.minVersion ?? null, allowlist: globalAllow, rules }
const target = join(dir, 'gitleaks.json')
writeFileSync(`${target}.tmp`, `${JSON.stringify(out, null, 1)}\n`)
renameSync(`${target}.tmp`, target)
console.log(`Wrote ${rules.length} rules to ${target}.`)
