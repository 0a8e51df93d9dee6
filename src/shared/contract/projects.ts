import { z } from 'zod'
import { channel } from './define'
import { Project, ProjectDraft, ProjectPatch, type ProjectSummary } from '../model'

const ProjectId = z.object({ id: z.string().min(1).max(100) })

export interface ImportOutcome {
  project: Project
  /** Set when an imported project's id collided and a copy was made. */
  renamedFrom?: string
}

export const projectChannels = {
  'projects.list': channel<ProjectSummary[]>()(z.void()),
  'projects.get': channel<Project>()(ProjectId),
  'projects.create': channel<Project>()(ProjectDraft),
  /** Starts the offline demo site inside the app and returns the project pointed at it (the same one each time). */
  'projects.createDemo': channel<Project>()(z.void()),
  'projects.update': channel<Project>()(ProjectId.extend({ patch: ProjectPatch })),
  'projects.duplicate': channel<Project>()(ProjectId),
  'projects.rename': channel<Project>()(ProjectId.extend({ name: z.string().trim().min(1).max(120) })),
  /** Deletes, keeping an undo copy for the session; returns a token for `projects.restore`. */
  'projects.delete': channel<{ undoToken: string }>()(ProjectId),
  'projects.restore': channel<Project>()(z.object({ undoToken: z.string().min(1).max(200) })),
  /** Asks where to save and writes a `.launchready.json`; `null` when the user cancelled. */
  'projects.export': channel<{ path: string } | null>()(ProjectId),
  /** Asks for a `.launchready.json` and imports it; a bad file changes nothing. `null` when cancelled. */
  'projects.import': channel<ImportOutcome | null>()(z.void()),
  /** Stores an evidence image for a checklist item; returns its reference. */
  'projects.addEvidenceImage': channel<{ id: string; name: string; mime: string }>()(
    ProjectId.extend({
      name: z.string().min(1).max(255),
      mime: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
      /** Base64 image data, at most 5 MB decoded. */
      dataBase64: z.string().max(7_000_000),
    }),
  ),
  'projects.readEvidenceImage': channel<{ dataUrl: string }>()(
    ProjectId.extend({ imageId: z.string().min(1).max(100) }),
  ),
}
