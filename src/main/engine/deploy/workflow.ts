/**
 * "What I would automate", as a CI file the founder can commit: a GitHub
 * Actions workflow (and the GitLab CI equivalent) running, with pinned
 * versions, the secret scan on every push (SARIF to code scanning), the audit
 * on a schedule and on demand, the email-authentication check, the smoke test
 * after a deploy (deployment_status, or a manual run with the version) and a
 * p95 guard on the key routes. Actions are pinned to full commit SHAs (with
 * the tag in a comment), the CLI to this app's version; values come in
 * through env, never interpolated into scripts; secrets are named as
 * repository secrets, never inlined.
 */
import { stringify } from 'yaml'

import { AUTOMATIONS, AUTOMATION_WORDS, type Automation } from '../../../shared/automations'

export { AUTOMATIONS, AUTOMATION_WORDS, type Automation }

/** Actions pinned to a full commit SHA (the tag they were at when this app was built). */
export const PINNED = {
  checkout: { uses: 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  uploadArtifact: { uses: 'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  uploadSarif: { uses: 'github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e', tag: 'v4.36.2' },
} as const

export interface WorkflowInput {
  domain: string
  /** This app's version: the CLI the workflow runs is pinned to it. */
  version: string
  automations: readonly Automation[]
  /** Key routes for the p95 guard (full https:// addresses). */
  routes: string[]
  vertical: string
  /** Cron for the audit and email checks (default every morning, off the hour). */
  cron?: string
}

export interface GeneratedWorkflow {
  github: string
  gitlab: string
  /** Repository secrets or variables the file expects (none for the public checks). */
  secrets: string[]
  /** The shell commands of each job, for testing them. */
  commands: Record<Automation, string[]>
}

const CLI = 'npx --yes "$LAUNCH_READY"'
const ONLY = (events: string[]) => events.map((e) => `github.event_name == '${e}'`).join(' || ')

export function commandsFor(a: Automation, input: WorkflowInput): string[] {
  switch (a) {
    case 'secrets':
      return [`${CLI} secrets . --sarif launch-ready-secrets.sarif`]
    case 'audit':
      return [`${CLI} audit "$DOMAIN" --json > launch-ready-audit.json`]
    case 'email':
      return [`${CLI} spf "$DOMAIN"`]
    case 'smoke':
      return [`${CLI} smoke "$DOMAIN" --expect-version "$EXPECT_VERSION"`]
    case 'perf':
      return [`${CLI} perf ${(input.routes.length ? input.routes : [`https://${input.domain}/`]).map((r) => `"${r}"`).join(' ')} --vertical "$VERTICAL" --json > launch-ready-perf.json || true`, `jq -e '[.findings[] | select(.status == "fail" or .status == "error")] | length == 0' launch-ready-perf.json`]
  }
}

const step = (name: string, run: string, extra: Record<string, unknown> = {}) => ({ name, ...extra, run })
const setupNode = { uses: PINNED.setupNode.uses, with: { 'node-version': 20 } }

export function generateWorkflow(input: WorkflowInput): GeneratedWorkflow {
  const chosen = AUTOMATIONS.filter((a) => input.automations.includes(a))
  const commands = Object.fromEntries(AUTOMATIONS.map((a) => [a, commandsFor(a, input)])) as Record<Automation, string[]>
  const scheduled = ONLY(['schedule', 'workflow_dispatch'])
  const jobs: Record<string, unknown> = {}
  if (chosen.includes('secrets'))
    jobs.secrets = {
      name: 'Secret scan',
      if: ONLY(['push', 'pull_request', 'workflow_dispatch']),
      'runs-on': 'ubuntu-24.04',
      permissions: { contents: 'read', 'security-events': 'write' },
      steps: [
        { uses: PINNED.checkout.uses, with: { 'fetch-depth': 0 } },
        setupNode,
        step('Scan the code, its whole history, env files and build', commands.secrets[0]!),
        { name: 'Upload to code scanning', if: 'always()', uses: PINNED.uploadSarif.uses, with: { sarif_file: 'launch-ready-secrets.sarif', category: 'launch-ready-secrets' } },
      ],
    }
  if (chosen.includes('audit'))
    jobs.audit = {
      name: 'Launch audit',
      if: scheduled,
      'runs-on': 'ubuntu-24.04',
      steps: [setupNode, step('Run every launch check', commands.audit[0]!), { name: 'Keep the results', if: 'always()', uses: PINNED.uploadArtifact.uses, with: { name: 'launch-ready-audit', path: 'launch-ready-audit.json' } }],
    }
  if (chosen.includes('email')) jobs.email = { name: 'Email authentication', if: scheduled, 'runs-on': 'ubuntu-24.04', steps: [setupNode, step('Check SPF (and its lookup limit)', commands.email[0]!)] }
  if (chosen.includes('smoke'))
    jobs.smoke = {
      name: 'Smoke test after deploy',
      if: "(github.event_name == 'deployment_status' && github.event.deployment_status.state == 'success') || (github.event_name == 'workflow_dispatch' && inputs.version != '')",
      'runs-on': 'ubuntu-24.04',
      env: { EXPECT_VERSION: '${{ github.event.deployment.sha || inputs.version }}' },
      steps: [setupNode, step('Pages, health and the live version', commands.smoke[0]!)],
    }
  if (chosen.includes('perf'))
    jobs.perf = {
      name: 'p95 guard on key routes',
      if: `${scheduled} || (github.event_name == 'deployment_status' && github.event.deployment_status.state == 'success')`,
      'runs-on': 'ubuntu-24.04',
      steps: [setupNode, step('Measure the key routes', commands.perf[0]!), step('Fail when a route is over its target', commands.perf[1]!)],
    }
  const on: Record<string, unknown> = {}
  if (chosen.includes('secrets')) Object.assign(on, { push: null, pull_request: null })
  if (chosen.some((a) => a === 'audit' || a === 'email' || a === 'perf')) on.schedule = [{ cron: input.cron ?? '17 6 * * *' }]
  on.workflow_dispatch = chosen.includes('smoke') ? { inputs: { version: { description: 'The release to smoke-test (a tag, a version or a commit SHA); empty to skip the smoke test', required: false, type: 'string', default: '' } } } : null
  if (chosen.includes('smoke') || chosen.includes('perf')) on.deployment_status = null
  const doc = {
    name: 'Launch Ready',
    on,
    permissions: { contents: 'read' },
    concurrency: { group: 'launch-ready-${{ github.ref }}', 'cancel-in-progress': false },
    env: { LAUNCH_READY: `launch-ready@${input.version}`, DOMAIN: input.domain, VERTICAL: input.vertical },
    jobs,
  }
  const header = `# Written by Launch Ready ${input.version}: ${chosen.map((a) => AUTOMATION_WORDS[a]).join('; ')}.\n# Actions are pinned to full commit SHAs: ${Object.values(PINNED).map((p) => `${p.uses.split('@')[0]} ${p.tag}`).join(', ')}.\n`
  const github = header + stringify(doc, { lineWidth: 0, nullStr: '' }).replace(/@([0-9a-f]{40})$/gm, (m, sha: string) => `${m} # ${Object.values(PINNED).find((p) => p.uses.endsWith(sha))?.tag ?? ''}`)
  const gl: Record<string, unknown> = {
    variables: { LAUNCH_READY: `launch-ready@${input.version}`, DOMAIN: input.domain, VERTICAL: input.vertical },
    default: { image: 'node:20-bookworm' },
    stages: ['scan', 'check', 'after-deploy'],
  }
  const onSchedule = [{ if: '$CI_PIPELINE_SOURCE == "schedule" || $CI_PIPELINE_SOURCE == "web"' }]
  if (chosen.includes('secrets')) gl.secrets = { stage: 'scan', variables: { GIT_DEPTH: '0' }, script: commands.secrets, artifacts: { when: 'always', paths: ['launch-ready-secrets.sarif'] }, rules: [{ if: '$CI_PIPELINE_SOURCE == "push" || $CI_PIPELINE_SOURCE == "merge_request_event" || $CI_PIPELINE_SOURCE == "web"' }] }
  if (chosen.includes('audit')) gl.audit = { stage: 'check', script: commands.audit, artifacts: { when: 'always', paths: ['launch-ready-audit.json'] }, rules: onSchedule }
  if (chosen.includes('email')) gl.email = { stage: 'check', script: commands.email, rules: onSchedule }
  if (chosen.includes('smoke')) gl.smoke = { stage: 'after-deploy', script: commands.smoke, rules: [{ if: '$EXPECT_VERSION' }] }
  if (chosen.includes('perf')) gl.perf = { stage: 'after-deploy', before_script: ['apt-get update -qq && apt-get install -y -qq jq'], script: commands.perf, rules: [...onSchedule, { if: '$EXPECT_VERSION' }] }
  const gitlab = `# Written by Launch Ready ${input.version}. Set EXPECT_VERSION (e.g. from your deploy job: a trigger or a downstream pipeline) to run the smoke test and the p95 guard after a deploy.\n${stringify(gl, { lineWidth: 0 })}`
  return { github, gitlab, secrets: [], commands }
}
