/**
 * Stage 4's deploy area: the environment-variable inventory (the code's
 * variables from the project's code folder, environments imported from the
 * host's export — names only, values dropped here and never stored), the
 * post-deploy smoke test, and the CI workflow file. deploy.env-* and
 * deploy.smoke results are kept as runs (kinds `env` and `smoke`), so the
 * risk report and the pack include them.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { EnvEnvironment, Project } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import type { EnvTable } from '../../shared/contract/deploy'
import { nodeGit } from '../engine/secrets/git'
import { codeVariables, EnvImportError, parseEnvExport, type CodeVariable } from '../engine/deploy/inventory'
import { envFindings, envRows } from '../engine/deploy/findings'
import { createSmokeSuite } from '../engine/deploy/smoke'
import { generateWorkflow, type Automation } from '../engine/deploy/workflow'
import { validateGithubWorkflow } from '../engine/deploy/validate'
import { runAudit } from '../engine/run'
import { engineDepsFor, toAuditTarget } from '../engine/run/engine-deps'
import type { EngineDeps } from '../engine/types'

type DeployChannel = 'deploy.inventory' | 'deploy.importEnv' | 'deploy.setEnvNames' | 'deploy.removeEnv' | 'deploy.smoke' | 'deploy.workflow' | 'deploy.saveWorkflow'

export interface DeployServiceDeps {
  engineFor?: (p: Project) => (EngineDeps & { close?(): void }) | Promise<EngineDeps & { close?(): void }>
  portMap?: Readonly<Record<number, number>>
  smokeDeadlineMs?: number
}

export function deployHandlers(ctx: ServiceContext, deps: DeployServiceDeps = {}): PartialHandlers<DeployChannel> {
  const engineFor = deps.engineFor ?? ((p: Project) => engineDepsFor(p, { timeoutMs: 10_000, ...(deps.portMap ? { portMap: deps.portMap } : {}) }))

  function putEnvironment(projectId: string, env: EnvEnvironment): Project {
    const p = ctx.projects.get(projectId)
    const environments = [...p.envInventory.environments.filter((e) => e.name !== env.name), env]
    return ctx.projects.update(projectId, { envInventory: { ...p.envInventory, environments } })
  }

  function importText(projectId: string, environment: string, text: string, source: string) {
    let imp
    try {
      imp = parseEnvExport(text, source)
    } catch (e) {
      if (e instanceof EnvImportError) throw new UserFacingError('invalid-input', e.message, [{ path: 'text', message: e.message }])
      throw e
    }
    const project = putEnvironment(projectId, { name: environment, source, importedAt: new Date().toISOString(), names: imp.names })
    return { project, names: imp.names.length, droppedValues: imp.droppedValues }
  }

  async function workflowFor(projectId: string, automations: Automation[], kind: 'github' | 'gitlab') {
    const p = ctx.projects.get(projectId)
    const w = generateWorkflow({ domain: p.domain, version: ctx.version, automations, routes: p.criticalFlows.filter((f) => f.method === 'GET').map((f) => f.url), vertical: p.vertical })
    const text = kind === 'github' ? w.github : w.gitlab
    return { text, problems: kind === 'github' ? await validateGithubWorkflow(text) : [], fileName: kind === 'github' ? 'launch-ready.yml' : '.gitlab-ci.yml' }
  }

  return {
    'deploy.inventory': async ({ projectId, record }) => {
      const p = ctx.projects.get(projectId)
      let code: CodeVariable[] = []
      let codeRead = false
      if (p.repoPath) {
        try {
          code = await codeVariables(nodeGit(), p.repoPath)
          codeRead = true
        } catch (e) {
          ctx.log.warn('env inventory: the code folder could not be read', e instanceof Error ? e.message : e)
        }
      }
      const rows = envRows(code, p.envInventory)
      const findings = envFindings(rows, p.envInventory, p.name)
      const now = new Date().toISOString()
      // Kept as a run (the risk report, the pack) when the founder asks for the check; a redraw of the table is not one.
      if (record) ctx.runs.save({ id: randomUUID(), projectId, startedAt: now, finishedAt: now, state: 'completed', scope: { checkIds: ['deploy.env-inventory', 'deploy.env-parity'] }, findings, meta: { kind: 'env' } })
      const table: EnvTable = { rows, environments: p.envInventory.environments.map((e) => ({ name: e.name, source: e.source, ...(e.importedAt ? { importedAt: e.importedAt } : {}), count: e.names.length })), findings, codeRead }
      return table
    },
    'deploy.importEnv': async ({ projectId, environment }) => {
      ctx.projects.get(projectId)
      const path = await ctx.dialogs.chooseOpenPath({ title: `Import the ${environment} variables (names only)`, extensions: ['env', 'json', 'txt'] })
      if (path === null) return null
      if (statSync(path).size > 5 * 1024 * 1024) throw new UserFacingError('invalid-input', `${basename(path)} is larger than 5 MB: that is not an environment export.`)
      return importText(projectId, environment, readFileSync(path, 'utf8'), basename(path))
    },
    'deploy.setEnvNames': ({ projectId, environment, text }) => {
      ctx.projects.get(projectId)
      return importText(projectId, environment, text, 'typed by hand')
    },
    'deploy.removeEnv': ({ projectId, environment }) => {
      const p = ctx.projects.get(projectId)
      return ctx.projects.update(projectId, { envInventory: { ...p.envInventory, environments: p.envInventory.environments.filter((e) => e.name !== environment) } })
    },
    'deploy.smoke': async ({ projectId, expectVersion }) => {
      const project = await (ctx.demo?.refresh(ctx.projects.get(projectId)) ?? ctx.projects.get(projectId))
      const engine = await engineFor(project)
      try {
        const r = await runAudit({ suites: [createSmokeSuite()], deps: engine, target: { ...toAuditTarget(project, { discoverCommonSubdomains: false }), ...(expectVersion ? { expectVersion } : {}) }, scope: { checkIds: ['deploy.smoke'] }, deadlineMs: deps.smokeDeadlineMs ?? 60_000 })
        const runId = randomUUID()
        ctx.runs.save({ id: runId, projectId, startedAt: r.startedAt, finishedAt: r.finishedAt, state: r.state, scope: r.scope, findings: r.findings, meta: { kind: 'smoke', ...(expectVersion ? { expectVersion } : {}) } })
        return { runId, findings: r.findings }
      } finally {
        engine.close?.()
      }
    },
    'deploy.workflow': ({ projectId, automations, kind }) => workflowFor(projectId, automations, kind),
    'deploy.saveWorkflow': async ({ projectId, automations, kind }) => {
      const w = await workflowFor(projectId, automations, kind)
      if (w.problems.length) throw new UserFacingError('invalid-workflow', `The workflow did not validate, so it was not saved: ${w.problems[0]}`)
      const path = await ctx.dialogs.chooseSavePath({ title: kind === 'github' ? 'Save the workflow (put it in .github/workflows/)' : 'Save .gitlab-ci.yml', defaultName: w.fileName, extensions: ['yml', 'yaml'] })
      if (path === null) return null
      writeFileSync(path, w.text)
      return { path }
    },
  }
}
