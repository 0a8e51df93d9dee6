/* Channels of the secrets area (Stages 1 and 4); see src/shared/contract/index.ts. The scan itself is a run (runs.start with the secrets.* checks). */
import { z } from 'zod'
import { channel } from './define'
import { SecretIgnore, type Project } from '../model'

const ProjectId = z.string().min(1).max(100)

export const secretsChannels = {
  /** Opens a folder dialog for the repository or the build folder and saves the choice; null when cancelled. */
  'secrets.chooseFolder': channel<Project | null>()(z.object({ projectId: ProjectId, field: z.enum(['repoPath', 'buildDir']) })),
  /** Sets (or clears, with an empty path) the repository or build folder by path; the folder must exist. */
  'secrets.setFolder': channel<Project>()(z.object({ projectId: ProjectId, field: z.enum(['repoPath', 'buildDir']), path: z.string().trim().max(4096) })),
  /** Marks a found value as not a secret (by fingerprint, with the reason); it is no longer reported. */
  'secrets.ignore': channel<Project>()(SecretIgnore.omit({ at: true }).extend({ projectId: ProjectId })),
  'secrets.unignore': channel<Project>()(z.object({ projectId: ProjectId, fingerprint: z.string().min(1).max(1100) })),
}
