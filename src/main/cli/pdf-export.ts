/**
 * `audit --pdf FILE`: the handover PDF from the report engine
 * (src/main/report), loaded only when asked for so the audit itself starts
 * fast and stays small. Undefined when this build has no PDF renderer.
 */
import type { Project, Run } from '../../shared/model'

export type PdfWriter = (project: Project, runs: Run[], file: string) => Promise<void>

export async function pdfExport(): Promise<PdfWriter | undefined> {
  const { buildReport, writeHandoverPdf } = await import('../report')
  return async (project, runs, file) => {
    await writeHandoverPdf(buildReport(project, runs, { appVersion: process.env.npm_package_version ?? '0.1.0' }), file)
  }
}
