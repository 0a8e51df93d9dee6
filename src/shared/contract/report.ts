/* Channels of the report area (Stage 7 handover pack); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel, event } from './define'
import type { ReportSectionInfo, Verdict } from '../report-model'

const ProjectId = z.string().min(1).max(100)
export const REPORT_FORMATS = ['pdf', 'md', 'json'] as const
export const ReportFormat = z.enum(REPORT_FORMATS)
export type ReportFormat = z.infer<typeof ReportFormat>

/** What Stage 7 shows before exporting: the pack's sections and its gaps. */
export interface ReportPreview {
  product: string
  domain: string
  verdict: Verdict
  reasons: string[]
  runs: number
  sections: ReportSectionInfo[]
  /** What the founder still has to write down. */
  notRecorded: string[]
}

export interface ReportExportResult {
  path: string
  format: ReportFormat
  bytes: number
  /** PDF only. */
  pages?: number
  ms: number
}

export const reportChannels = {
  /** The sections the pack would hold now, with its verdict and gaps. */
  'report.preview': channel<ReportPreview>()(z.object({ projectId: ProjectId })),
  /** Asks where to save, then writes the pack; progress arrives as report.progress. `null` when the user cancelled. */
  'report.export': channel<ReportExportResult | null>()(z.object({ projectId: ProjectId, format: ReportFormat })),
}

export const reportEvents = {
  'report.progress': event(
    z.object({
      projectId: z.string(),
      format: ReportFormat,
      phase: z.enum(['collecting', 'rendering', 'writing', 'done', 'failed']),
      /** 0..1 */
      fraction: z.number(),
      /** One plain line for the live region. */
      message: z.string(),
    }),
  ),
}
