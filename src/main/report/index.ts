/**
 * The handover pack's one rendering path, used by the app's report service,
 * the CLI (`launch-ready report`, `launch-ready audit --pdf`) and the tests:
 * model -> PDF / Markdown / JSON, written atomically.
 */
import { renameSync, writeFileSync, rmSync } from 'node:fs'
import type { ReportModel } from '../../shared/report-model'
import { toMarkdown } from './markdown'
import { toJson } from './json'
import type { LoadedImages } from './pdf/document'
import { renderPdfOffThread } from './pdf/run'

export { buildReport, type BuildOptions } from './build'
export { toMarkdown } from './markdown'
export { toJson, parseReportJson } from './json'
export { reportSections, redactModel } from './sections'
export { renderHandoverPdf, type LoadedImages } from './pdf/document'
export { builtPdfWorker, closePdfWorkers, renderPdfOffThread } from './pdf/run'

export type ReportFormat = 'pdf' | 'md' | 'json'

/** Reads an evidence image's bytes by id; null when it is gone. */
export type ImageReader = (id: string) => Promise<{ data: Buffer; mime: string } | null>

/** Loads the images the Screenshots section shows; formats a PDF cannot embed are noted, never fatal. */
export async function loadImages(model: ReportModel, read?: ImageReader): Promise<LoadedImages> {
  const out: LoadedImages = new Map()
  if (!read) return out
  for (const s of model.screenshots) {
    try {
      const img = await read(s.id)
      if (!img) continue
      if (img.mime === 'image/png') out.set(s.id, { data: img.data, format: 'png' })
      else if (img.mime === 'image/jpeg') out.set(s.id, { data: img.data, format: 'jpg' })
      else out.set(s.id, { unsupported: img.mime.replace('image/', '').toUpperCase() })
    } catch {
      // An unreadable image is reported in the pack ("could not be read"), never fatal.
    }
  }
  return out
}

export interface RenderOptions {
  images?: LoadedImages
  onProgress?: (fraction: number, phase: string) => void
  /** Built PDF worker entry: render on a worker thread so the caller's event loop stays free. */
  pdfWorker?: string | URL
}

export interface Rendered {
  data: Buffer
  /** PDF only: the page on which each section starts. */
  pages?: Record<string, number>
}

export async function renderReport(model: ReportModel, format: ReportFormat, opts: RenderOptions = {}): Promise<Rendered> {
  if (format === 'md') return { data: Buffer.from(toMarkdown(model), 'utf8') }
  if (format === 'json') return { data: Buffer.from(toJson(model), 'utf8') }
  const { pdf, pages } = await renderPdfOffThread(model, opts.images ?? new Map(), (phase, fraction) => opts.onProgress?.(fraction, phase), opts.pdfWorker)
  return { data: pdf, pages }
}

/** Pages in a PDF made by react-pdf (its page objects). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
}

/** Writes through a temporary file and a rename, so a crash never leaves half a pack at `path`. */
export function writeAtomic(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, data)
    renameSync(tmp, path)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
}

/**
 * Renders the PDF handover pack and writes it to `path`. For `launch-ready
 * audit --pdf FILE`: build the model with `buildReport(project, runs)` first.
 */
export async function writeHandoverPdf(model: ReportModel, path: string, opts: RenderOptions = {}): Promise<{ bytes: number; pages: Record<string, number> }> {
  const r = await renderReport(model, 'pdf', opts)
  writeAtomic(path, r.data)
  return { bytes: r.data.length, pages: r.pages ?? {} }
}
