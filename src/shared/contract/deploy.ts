/* Channels of the deploy area (Stage 4: the environment inventory, the smoke test, the CI workflow); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel } from './define'
import type { Finding, Project } from '../model'

const ProjectId = z.string().min(1).max(100)
const EnvName = z.string().trim().min(1, 'Name the environment (production, preview…).').max(60).regex(/^[A-Za-z][\w-]*$/, 'An environment name is letters, digits, - and _ (production, preview).')

export interface EnvTableRow {
  name: string
  owner: string
  purpose: string
  store: string
  uses: string[]
  inExample: boolean
  public: boolean
  present: Record<string, boolean>
}

export interface EnvTable {
  rows: EnvTableRow[]
  environments: { name: string; source: string; importedAt?: string; count: number }[]
  findings: Finding[]
  /** Whether the code was read (a code folder is set and readable). */
  codeRead: boolean
}

export const Automation = z.enum(['secrets', 'audit', 'email', 'smoke', 'perf'])

export const deployChannels = {
  /** Reads the code's variables (when the code folder is set), lays the inventory over them, and records deploy.env-* as a run. */
  'deploy.inventory': channel<EnvTable>()(z.object({ projectId: ProjectId, record: z.boolean().optional() })),
  /** Opens a file dialog for a host's export and keeps the names only; reports how many values were dropped. */
  'deploy.importEnv': channel<{ project: Project; names: number; droppedValues: number } | null>()(z.object({ projectId: ProjectId, environment: EnvName })),
  /** An environment's names typed or pasted by hand (a dotenv or JSON text is read the same way: names only). */
  'deploy.setEnvNames': channel<{ project: Project; names: number; droppedValues: number }>()(z.object({ projectId: ProjectId, environment: EnvName, text: z.string().max(500_000) })),
  'deploy.removeEnv': channel<Project>()(z.object({ projectId: ProjectId, environment: EnvName })),
  /** Runs the post-deploy smoke test now (bounded by one deadline) and records it as a run. */
  'deploy.smoke': channel<{ runId: string; findings: Finding[] }>()(z.object({ projectId: ProjectId, expectVersion: z.string().trim().max(200).optional() })),
  /** The CI file for the chosen automations, validated. */
  'deploy.workflow': channel<{ text: string; problems: string[]; fileName: string }>()(z.object({ projectId: ProjectId, automations: z.array(Automation).min(1, 'Choose at least one check to automate.'), kind: z.enum(['github', 'gitlab']) })),
  /** Asks where to save the CI file and writes it; null when cancelled. */
  'deploy.saveWorkflow': channel<{ path: string } | null>()(z.object({ projectId: ProjectId, automations: z.array(Automation).min(1, 'Choose at least one check to automate.'), kind: z.enum(['github', 'gitlab']) })),
}
