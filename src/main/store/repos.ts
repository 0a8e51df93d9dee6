/** ProjectRepo and RunRepo (src/main/services/context.ts) over durable documents. */
import type { Project, ProjectPatch, ProjectSummary, Run } from '../../shared/model'
import { UserFacingError } from '../../shared/result'
import { overallProgress } from '../../shared/roadmap'
import { buildRiskReport, currentView, viewCoverage } from '../../shared/risk'
import type { ProjectRepo, RunRepo } from '../services/context'
import type { DurableDoc } from './doc'
import { MAX_RUNS, type ProjectsDoc, type RunsDoc } from './schema'

/** The verdict and open blocker/high counts the project list shows, from the same risk report as Stage 1. */
function verdictOf(p: Project, history: Run[]): Pick<ProjectSummary, 'verdict' | 'open'> {
  const view = currentView(history)
  const coverage = viewCoverage(history)
  const report = buildRiskReport(view.findings, p.vertical, p.acceptedRisks, coverage.complete ? {} : { incomplete: coverage.reason ?? '' })
  const openOf = (sev: string) => [...report.mustFix, ...report.defer].filter((r) => (r.finding.status === 'fail' || r.finding.status === 'error') && r.finding.severity === sev).length
  return { verdict: report.verdict.kind, open: { blocker: openOf('blocker'), high: openOf('high') } }
}

export function projectRepo(doc: DurableDoc<ProjectsDoc>, runs: DurableDoc<RunsDoc>, now: () => Date = () => new Date()): ProjectRepo {
  const get = (id: string): Project => {
    const p = doc.data.projects[id]
    if (!p) throw new UserFacingError('not-found', 'That project no longer exists. It may have been deleted in another window.')
    return p
  }
  const put = (p: Project): Project => {
    doc.update((d) => ({ ...d, projects: { ...d.projects, [p.id]: p } }))
    return p
  }
  return {
    list(): ProjectSummary[] {
      return Object.values(doc.data.projects)
        .map((p) => {
          // Audit runs only (perf measurements have their own panel), as runs.latest reads them.
          const history = (runs.data.runs[p.id] ?? []).filter((r) => r.meta.kind === 'audit' || r.meta.kind === 'email')
          const last = history[0]
          return {
            id: p.id,
            name: p.name,
            domain: p.domain,
            vertical: p.vertical,
            updatedAt: p.updatedAt,
            progress: overallProgress(p.checklist),
            ...(last ? { lastRunAt: last.finishedAt ?? last.startedAt } : {}),
            ...(last ? verdictOf(p, history) : {}),
          }
        })
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    },
    get,
    create(project) {
      if (doc.data.projects[project.id]) throw new UserFacingError('exists', 'A project with that id already exists.')
      return put(project)
    },
    update(id, patch: ProjectPatch) {
      const current = get(id)
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return put({ ...current, ...defined, id: current.id, createdAt: current.createdAt, updatedAt: now().toISOString() })
    },
    remove(id) {
      get(id)
      doc.update((d) => {
        const { [id]: _gone, ...rest } = d.projects
        return { ...d, projects: rest }
      })
    },
    flush: async () => {
      doc.flushSync()
      runs.flushSync()
    },
  }
}

export function runRepo(doc: DurableDoc<RunsDoc>): RunRepo {
  return {
    list: (projectId) => doc.data.runs[projectId] ?? [],
    get(runId) {
      for (const list of Object.values(doc.data.runs)) {
        const r = list.find((x) => x.id === runId)
        if (r) return r
      }
      return undefined
    },
    save(run: Run) {
      doc.update((d) => {
        const list = d.runs[run.projectId] ?? []
        const i = list.findIndex((x) => x.id === run.id)
        const next = i >= 0 ? list.map((x, j) => (j === i ? run : x)) : [run, ...list]
        next.sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        return { ...d, runs: { ...d.runs, [run.projectId]: next.slice(0, MAX_RUNS) } }
      })
    },
    removeAll(projectId) {
      doc.update((d) => {
        const { [projectId]: _gone, ...rest } = d.runs
        return { ...d, runs: rest }
      })
    },
  }
}
