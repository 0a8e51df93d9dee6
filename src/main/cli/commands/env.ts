/**
 * `launch-ready env [PATH] [--env NAME=FILE ...] [--config FILE] [--json]`:
 * the environment-variable inventory (variables × environments, where the
 * code reads each) and the deploy.env-* findings, for CI. Names only: values
 * in the imported files are dropped as they are read.
 */
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { exitCodeFor } from '../exit'
import { UsageError } from '../types'
import { EnvInventory, type EnvEnvironment } from '../../../shared/model'
import { nodeGit } from '../../engine/secrets/git'
import { codeVariables, EnvImportError, parseEnvExport } from '../../engine/deploy/inventory'
import { envFindings, envRows } from '../../engine/deploy/findings'

const USAGE = 'launch-ready env [PATH] [--env NAME=FILE ...] [--config FILE] [--json]'
const HELP = `${USAGE}

Lists the environment variables the code at PATH (default: this folder) needs —
its .env.example and every process.env / import.meta.env read — against what each
environment has, and reports variables with no owner, purpose or store, and
variables an environment (production above all) lacks.

  --env NAME=FILE      an environment's variables, as your host's CLI prints them:
                       a .env dump (vercel env pull, render), JSON (netlify env:list
                       --json, heroku config --json, railway variables --json,
                       fly secrets list --json). Names only: values are dropped.
                       Repeat for each environment (production, preview, …).
  --config FILE        a .launchready.json export: its inventory's owners, purposes
                       and stores (and its imported environments)
  --json               { meta, inventory, findings } as JSON

Exit codes: 0 nothing at severity high or above fails, 1 something does, 2 bad usage.
`

export async function runEnv(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('env', argv, { env: { type: 'string', multiple: true }, config: { type: 'string' }, json: { type: 'boolean' } }, { help: HELP, usage: `${USAGE}\n` }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  const notes: string[] = []
  let inv: EnvInventory
  let repo: string
  try {
    if (parsed.positionals.length > 1) throw new UsageError('give one folder')
    repo = resolve(parsed.positionals[0] ?? '.')
    inv = { variables: [], environments: [] }
    if (v.config) {
      let raw: unknown
      try {
        raw = JSON.parse(readFileSync(v.config, 'utf8'))
      } catch (e) {
        throw new UsageError(`--config: cannot read ${v.config} as JSON (${(e as Error).message})`)
      }
      const project = (raw as { project?: { envInventory?: unknown } }).project ?? raw
      const parsedInv = EnvInventory.safeParse((project as { envInventory?: unknown }).envInventory ?? {})
      if (!parsedInv.success) throw new UsageError(`--config: ${v.config} has an envInventory that does not have the expected shape`)
      inv = parsedInv.data
    }
    for (const spec of (v.env as string[] | undefined) ?? []) {
      const m = /^([A-Za-z][\w-]{0,59})=(.+)$/.exec(spec)
      if (!m) throw new UsageError(`--env ${spec}: write it as NAME=FILE, e.g. --env production=prod.env`)
      let text: string
      try {
        text = readFileSync(m[2]!, 'utf8')
      } catch {
        throw new UsageError(`--env ${m[1]}: cannot read ${m[2]}`)
      }
      let imp
      try {
        imp = parseEnvExport(text, basename(m[2]!))
      } catch (e) {
        if (e instanceof EnvImportError) throw new UsageError(`--env ${m[1]}: ${e.message}`)
        throw e
      }
      if (imp.droppedValues) notes.push(`${m[1]}: ${imp.droppedValues} value${imp.droppedValues === 1 ? ' was' : 's were'} in ${basename(m[2]!)} and ${imp.droppedValues === 1 ? 'was' : 'were'} dropped; only names are kept.`)
      const env: EnvEnvironment = { name: m[1]!, source: basename(m[2]!), importedAt: new Date().toISOString(), names: imp.names }
      inv.environments = [...inv.environments.filter((e) => e.name !== env.name), env]
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready env: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  const code = await codeVariables(nodeGit(), repo)
  const rows = envRows(code, inv)
  const findings = envFindings(rows, inv, basename(repo) || repo)
  for (const n of notes) err.write(`${n}\n`)
  if (v.json) {
    out.write(`${JSON.stringify({ meta: { command: 'env', version: process.env.npm_package_version ?? '0.1.0', path: repo, environments: inv.environments.map((e) => ({ name: e.name, source: e.source, count: e.names.length })), notes }, inventory: rows, findings }, null, 2)}\n`)
  } else {
    const envs = inv.environments.map((e) => e.name)
    const width = Math.min(40, Math.max(8, ...rows.map((r) => r.name.length)))
    out.write(`${'Variable'.padEnd(width)}  ${envs.map((e) => e.padEnd(Math.max(4, e.length))).join('  ')}  Owner · Store · Used in\n`)
    for (const r of rows) out.write(`${r.name.padEnd(width)}  ${envs.map((e) => (r.present[e] ? 'yes' : '—').padEnd(Math.max(4, e.length))).join('  ')}  ${r.owner || '?'} · ${r.store || '?'} · ${r.uses[0] ?? (r.inExample ? '.env.example' : '')}\n`)
    out.write('\n')
    for (const f of findings) out.write(`${f.status.toUpperCase().padEnd(5)} ${f.title}\n      ${f.summary}\n`)
  }
  return exitCodeFor(findings)
}

registerCommand({ name: 'env', usage: USAGE, summary: 'List the environment variables the code needs against what each environment has.', run: (argv) => runEnv(argv) })
