/**
 * The app's stored documents, their versions and migrations. The same code
 * runs under electron-store in the app and conf in plain Node.
 *
 * projects.json
 *   v1 (0.0.x previews): `{ version: 1, projects: ProjectV1[] }`, an array,
 *      with the wizard position as `currentStage` on each project.
 *   v2 (now): `{ schemaVersion: 2, projects: { [id]: Project } }`.
 * runs.json
 *   v1 (now): `{ schemaVersion: 1, runs: { [projectId]: Run[] } }`, newest first.
 */
import { z } from 'zod'
import { Project, Run } from '../../shared/model'

export const PROJECTS_VERSION = 2
export const RUNS_VERSION = 1
/** Run history kept per project. */
export const MAX_RUNS = 20

export const ProjectsDoc = z.object({
  schemaVersion: z.literal(PROJECTS_VERSION),
  projects: z.record(z.string(), Project),
})
export type ProjectsDoc = z.infer<typeof ProjectsDoc>

export const RunsDoc = z.object({
  schemaVersion: z.literal(RUNS_VERSION),
  runs: z.record(z.string(), z.array(Run)),
})
export type RunsDoc = z.infer<typeof RunsDoc>

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** v1 -> v2: the array becomes a map by id; `currentStage` moves into `wizard.stage`. */
export function migrateProjectsV1(raw: Record<string, unknown>): Record<string, unknown> {
  const list = Array.isArray(raw.projects) ? raw.projects : []
  const projects: Record<string, unknown> = {}
  for (const p of list) {
    if (!isObject(p) || typeof p.id !== 'string') throw new Error('a project in the file has no id')
    const { currentStage, ...rest } = p
    const stage = typeof currentStage === 'number' && currentStage >= 1 && currentStage <= 7 ? Math.trunc(currentStage) : 1
    projects[p.id] = { ...rest, wizard: isObject(rest.wizard) ? rest.wizard : { stage } }
  }
  return { schemaVersion: 2, projects }
}

export function migrateProjects(raw: unknown): unknown {
  if (!isObject(raw)) throw new Error('the file does not hold a Launch Ready project list')
  let doc = raw
  const version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : typeof doc.version === 'number' ? doc.version : undefined
  if (version === undefined) throw new Error('the file has no schema version')
  if (version > PROJECTS_VERSION) {
    throw new Error(`the file was written by a newer version of Launch Ready (format ${version}); this version reads format ${PROJECTS_VERSION}`)
  }
  if (version === 1) doc = migrateProjectsV1(doc)
  return doc
}

export function migrateRuns(raw: unknown): unknown {
  if (!isObject(raw)) throw new Error('the file does not hold a run history')
  const version = raw.schemaVersion
  if (typeof version !== 'number') throw new Error('the file has no schema version')
  if (version > RUNS_VERSION) throw new Error(`the file was written by a newer version of Launch Ready (format ${version})`)
  return raw
}

export const emptyProjects = (): ProjectsDoc => ({ schemaVersion: PROJECTS_VERSION, projects: {} })
export const emptyRuns = (): RunsDoc => ({ schemaVersion: RUNS_VERSION, runs: {} })
