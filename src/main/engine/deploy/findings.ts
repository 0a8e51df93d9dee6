/**
 * deploy.env-inventory (every variable has an owner, a purpose and a store)
 * and deploy.env-parity (production, above all, has every variable the code
 * reads; preview has nothing production lacks; no public-prefixed variable
 * says it holds a secret). Names only, everywhere.
 */
import type { EnvInventory, Finding } from '../../../shared/model'
import type { EnvTableRow } from '../../../shared/contract/deploy'
import { errorFinding, makeFinding } from '../finding'
import { secretLookingPublic, type CodeVariable } from './inventory'

const list = (xs: readonly string[], n = 8) => (xs.length > n ? `${xs.slice(0, n).join(', ')} and ${xs.length - n} more` : xs.join(', '))
export const isProduction = (name: string) => /^(?:prod|production|live|main)$/i.test(name.trim())
export const isPreview = (name: string) => /^(?:preview|staging|stage|dev|development|test)$/i.test(name.trim())

/** One row of the inventory table: a variable, its owner, purpose and store, where the code reads it, which environment has it. */
export type EnvRow = EnvTableRow

/** The table: every variable the code, the example file, the inventory or an environment names. */
export function envRows(code: readonly CodeVariable[], inv: EnvInventory): EnvRow[] {
  const names = new Set<string>([...code.map((c) => c.name), ...inv.variables.map((v) => v.name), ...inv.environments.flatMap((e) => e.names)])
  return [...names].sort().map((name) => {
    const c = code.find((x) => x.name === name)
    const v = inv.variables.find((x) => x.name === name)
    return {
      name,
      owner: v?.owner ?? '',
      purpose: v?.purpose || c?.hint || '',
      store: v?.store ?? '',
      uses: c?.uses ?? [],
      inExample: c?.inExample ?? false,
      public: c?.public ?? /^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_)/.test(name),
      present: Object.fromEntries(inv.environments.map((e) => [e.name, e.names.includes(name)])),
    }
  })
}

export function envFindings(rows: readonly EnvRow[], inv: EnvInventory, target: string): Finding[] {
  const out: Finding[] = []
  // deploy.env-inventory: the variables the example or the imported lists name (the code's reads count too).
  const incomplete = rows.filter((r) => !r.owner.trim() || !r.purpose.trim() || !r.store.trim())
  if (!rows.length) out.push(errorFinding('deploy.env-inventory', target, 'No variable was found: no .env.example in the repository, no read of process.env in its code, and no environment imported. Choose the code folder or import an environment.'))
  else if (incomplete.length)
    out.push(
      makeFinding('deploy.env-inventory', target, 'fail', {
        title: `${incomplete.length} of ${rows.length} environment variables have no owner, purpose or store`,
        summary: `Nobody can rotate or fix what nobody owns: ${list(incomplete.map((r) => r.name))} ${incomplete.length === 1 ? 'has' : 'have'} a gap.`,
        evidence: { variables: incomplete.map((r) => ({ name: r.name, missing: [!r.owner.trim() && 'owner', !r.purpose.trim() && 'purpose', !r.store.trim() && 'store'].filter(Boolean) })), total: rows.length },
        fix: [{ text: 'Fill in the owner (who can change it), the purpose (what breaks without it) and the store (host env, secret manager, CI secret) for each, in Stage 4’s inventory table.' }],
      }),
    )
  else out.push(makeFinding('deploy.env-inventory', target, 'pass', { title: 'Every environment variable has an owner', summary: `${rows.length} variables, each with an owner, a purpose and where it is stored.`, evidence: { total: rows.length } }))

  // deploy.env-parity
  const prod = inv.environments.find((e) => isProduction(e.name))
  const needed = rows.filter((r) => r.uses.length || r.inExample).map((r) => r.name)
  if (!prod) {
    out.push(errorFinding('deploy.env-parity', target, inv.environments.length ? `None of the imported environments (${inv.environments.map((e) => e.name).join(', ')}) is production, so what production lacks cannot be said. Import production’s list (e.g. vercel env pull --environment=production, heroku config --json).` : 'No environment is imported yet, so what production lacks cannot be said. Export the variable names from your host and import them in Stage 4 (or --env production=FILE).'))
  } else {
    const missing = needed.filter((n) => !prod.names.includes(n))
    const previewOnly = inv.environments.filter((e) => e !== prod && isPreview(e.name)).flatMap((e) => e.names.filter((n) => !prod.names.includes(n)).map((n) => ({ env: e.name, name: n })))
    if (missing.length || previewOnly.length)
      out.push(
        makeFinding('deploy.env-parity', `${target} (${prod.name})`, 'fail', {
          title: missing.length ? `Production lacks ${missing.length} variable${missing.length === 1 ? '' : 's'} the app reads` : `Production lacks ${previewOnly.length} variable${previewOnly.length === 1 ? '' : 's'} preview has`,
          summary: `${missing.length ? `The code reads ${list(missing)}, which ${prod.name} does not set: those features fail there (or use a default nobody chose).` : ''}${missing.length && previewOnly.length ? ' ' : ''}${previewOnly.length ? `${list([...new Set(previewOnly.map((p) => `${p.name} (in ${p.env})`))])} ${previewOnly.length === 1 ? 'is' : 'are'} set in preview but not in production: what works in preview may break after release.` : ''}`,
          evidence: { environment: prod.name, missing, previewOnly, uses: Object.fromEntries(missing.map((n) => [n, rows.find((r) => r.name === n)?.uses ?? []])) },
          fix: [{ text: `Add ${list([...new Set([...missing, ...previewOnly.map((p) => p.name)])])} to ${prod.name} in your host’s environment settings (the values from whoever owns each), then redeploy.` }],
        }),
      )
    else out.push(makeFinding('deploy.env-parity', `${target} (${prod.name})`, 'pass', { title: 'Production has every variable the app reads', summary: `${needed.length} variables the code or the example file need, all set in ${prod.name}${inv.environments.length > 1 ? ', and preview has none production lacks' : ''}.`, evidence: { environment: prod.name, needed: needed.length } }))
  }
  for (const r of rows.filter((x) => secretLookingPublic(x.name)))
    out.push(
      makeFinding('deploy.env-parity', r.name, 'warn', {
        title: `${r.name} is public by its prefix but named like a secret`,
        summary: `Variables starting with ${/^[A-Z]+_(?:PUBLIC_)?/.exec(r.name)?.[0] ?? 'a public prefix'} are built into the JavaScript every visitor downloads. If ${r.name} holds a secret key, it is public now.`,
        severity: 'high',
        evidence: { name: r.name, uses: r.uses },
        fix: [{ text: `Rename it without the public prefix and read it only on the server (an API route); if it ever held a real secret, rotate that secret.` }],
      }),
    )
  return out
}
