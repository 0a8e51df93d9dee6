/**
 * `launch-ready workflow [DOMAIN] [--config FILE] [--with LIST] [--out PATH] [--gitlab]`:
 * writes the CI file that automates the checks the founder chose (secret scan,
 * audit, email authentication, smoke test, p95 guard), pinned, validated
 * against the published GitHub workflow schema before it is written.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { UsageError } from '../types'
import { siteDomain } from '../site-domain'
import { VERTICALS, type Vertical } from '../../../shared/verticals'
import { loadConfig, projectForDomain } from '../audit-config'
import { AUTOMATIONS, generateWorkflow, type Automation } from '../../engine/deploy/workflow'
import { validateGithubWorkflow } from '../../engine/deploy/validate'

const USAGE = 'launch-ready workflow [DOMAIN] [--config FILE] [--with secrets,audit,email,smoke,perf] [--out PATH] [--gitlab]'
const HELP = `${USAGE}

Writes a GitHub Actions workflow (or, with --gitlab, a .gitlab-ci.yml) that runs
the checks you choose: the secret scan on every push (SARIF to code scanning),
the audit and the email check every morning and on demand, the smoke test after a
deploy (deployment_status, or a manual run with the version) and a p95 guard on
the key routes. Actions are pinned to commit SHAs and the CLI to this version.

  --config FILE   a .launchready.json export or the audit's config (domain, vertical,
                  criticalUrls: the key routes of the p95 guard)
  --with LIST     the automations, comma-separated (default: all of ${AUTOMATIONS.join(', ')})
  --out PATH      write the file there (e.g. .github/workflows/launch-ready.yml);
                  default: print it
  --gitlab        the GitLab CI equivalent instead

Exit codes: 0 written (or printed), 1 the file did not validate, 2 bad usage.
`

export async function runWorkflow(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('workflow', argv, { config: { type: 'string' }, with: { type: 'string' }, out: { type: 'string' }, gitlab: { type: 'boolean' }, vertical: { type: 'string' } }, { help: HELP, usage: `${USAGE}\n` }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let text: string
  try {
    if (parsed.positionals.length > 1) throw new UsageError('give one domain')
    const domain = parsed.positionals[0] ? siteDomain(parsed.positionals[0]) : undefined
    if (!domain && !v.config) throw new UsageError('give the domain (or --config FILE), e.g. launch-ready workflow acme.com --out .github/workflows/launch-ready.yml')
    const project = v.config ? loadConfig(v.config, domain).project : projectForDomain(domain!)
    const vertical = (v.vertical ?? project.vertical) as Vertical
    if (!VERTICALS.includes(vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
    const chosen = (v.with ?? AUTOMATIONS.join(',')).split(',').map((s) => s.trim()).filter(Boolean)
    const unknown = chosen.filter((c) => !(AUTOMATIONS as readonly string[]).includes(c))
    if (unknown.length) throw new UsageError(`--with: unknown ${unknown.join(', ')} (choose from ${AUTOMATIONS.join(', ')})`)
    if (v.out && !existsSync(dirname(v.out))) throw new UsageError(`--out: the folder ${dirname(v.out)} does not exist (create it first, e.g. mkdir -p .github/workflows)`)
    const routes = project.criticalFlows.filter((f) => f.method === 'GET').map((f) => f.url)
    const w = generateWorkflow({ domain: project.domain, version: process.env.npm_package_version ?? '0.1.0', automations: chosen as Automation[], routes, vertical })
    text = v.gitlab ? w.gitlab : w.github
    if (!v.gitlab) {
      const problems = await validateGithubWorkflow(text)
      if (problems.length) {
        err.write(`launch-ready workflow: the generated workflow does not validate (this is a bug; nothing was written):\n  ${problems.join('\n  ')}\n`)
        return 1
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready workflow: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  if (v.out) {
    writeFileSync(v.out, text)
    err.write(`Wrote ${v.out}. Commit it; ${v.gitlab ? 'set EXPECT_VERSION from your deploy job to run the smoke test.' : 'the smoke test runs when your host reports a successful deployment (deployment_status), or from Actions → Run workflow with a version.'}\n`)
  } else out.write(text)
  return 0
}

registerCommand({ name: 'workflow', usage: USAGE, summary: 'Write the CI workflow that runs the secret scan, the audit, the smoke test and a p95 guard.', run: (argv) => runWorkflow(argv) })
