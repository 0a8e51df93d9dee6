/**
 * Stage 7 handlers: the handover pack's preview and its export to PDF,
 * Markdown or JSON at a path the user picks. Rendering is async in main with
 * progress events; the model is redacted against every value in the vault
 * before anything is rendered, so no export can carry a credential.
 */
import type { PartialHandlers } from './dispatch'
import type { ServiceContext } from './context'
import type { ReportExportResult, ReportFormat, ReportPreview } from '../../shared/contract/report'
import type { Project, Run } from '../../shared/model'
import type { ReportModel, Screenshot } from '../../shared/report-model'
import { UserFacingError } from '../../shared/result'
import { buildReport, builtPdfWorker, countPdfPages, loadImages, redactModel, renderReport, reportSections, writeAtomic, type ImageReader } from '../report'
import { evidenceStore } from './evidence'
import { mainHostOf } from '../../shared/audit-data'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { VERTICAL_INFO } from '../../shared/verticals'
import type { OpsView } from '../../shared/contract/monitor'
import { HistoryStore } from '../engine/monitor/store'
import { opsView } from '../engine/monitor/ops'

/** A capture of the live homepage (the Electron shell supplies it; absent in plain Node). */
export type HomepageCapture = (url: string, signal: AbortSignal) => Promise<{ data: Buffer; mime: 'image/png' } | null>

export interface ReportServiceDeps {
  /** Reads an evidence image by id (default: the app's evidence store under the data dir). */
  readImage?: ImageReader
  captureHomepage?: HomepageCapture
  /** Time limit of the homepage capture, ms (default 15 s). */
  captureTimeoutMs?: number
  now?: () => Date
  /**
   * Built PDF worker entry (src/main/report/pdf/worker.ts). With it the PDF renders on a
   * worker thread; without it, in this thread. Default: `report-pdf-worker.js` beside the
   * running main bundle, when the build emits it.
   */
  pdfWorker?: string | URL
}

const EXT: Record<ReportFormat, string> = { pdf: 'pdf', md: 'md', json: 'json' }
const LABEL: Record<ReportFormat, string> = { pdf: 'PDF', md: 'Markdown', json: 'JSON' }
const HOMEPAGE_ID = 'homepage-capture'

/** Every credential value in the vault, to scrub from exports. A locked or missing keychain gives none (names are never secret). */
async function vaultValues(ctx: ServiceContext): Promise<string[]> {
  try {
    const list = await ctx.vault.list()
    const values = await Promise.all(list.map((c) => ctx.vault.get(c.name).catch(() => undefined)))
    return values.filter((v): v is string => typeof v === 'string' && v.length > 0)
  } catch {
    return []
  }
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'project'

export function reportHandlers(ctx: ServiceContext, deps: ReportServiceDeps = {}): PartialHandlers<'report.preview' | 'report.export'> {
  const now = deps.now ?? (() => new Date())
  const busy = new Set<string>()
  const evidence = evidenceStore(ctx.dataDir)
  const pdfWorker = deps.pdfWorker ?? builtPdfWorker()
  const readImage: ImageReader = deps.readImage ?? (async (id) => evidence.read(id))
  // The uptime watch's four numbers, from its history file when there is one.
  const opsFor = (project: Project): { ops?: OpsView } => {
    const file = join(ctx.dataDir, 'monitor', `${project.id.replace(/[^\w-]/g, '_')}.db`)
    if (!existsSync(file)) return {}
    const store = new HistoryStore(file)
    try {
      return { ops: opsView(store, project.monitor.urls, now().getTime(), VERTICAL_INFO[project.vertical].p95TargetMs, project.monitor.failuresToDown) }
    } catch {
      return {}
    } finally {
      store.close()
    }
  }

  const model = async (project: Project, runs: Run[], extra: Screenshot[] = []): Promise<ReportModel> =>
    redactModel(buildReport(project, runs, { now: now(), appVersion: ctx.version, extraScreenshots: extra, ...opsFor(project) }), await vaultValues(ctx))

  async function capture(project: Project): Promise<{ shot: Screenshot; data: Buffer } | null> {
    if (!deps.captureHomepage) return null
    const host = mainHostOf(project, ctx.runs.list(project.id))
    const ac = new AbortController()
    const timer = setTimeout(() => ac.abort(), deps.captureTimeoutMs ?? 15_000)
    try {
      const img = await deps.captureHomepage(`https://${host}/`, ac.signal)
      return img ? { shot: { id: HOMEPAGE_ID, name: `${host}.png`, mime: img.mime, caption: `The live homepage, https://${host}/, when the pack was made` }, data: img.data } : null
    } catch (e) {
      ctx.log.warn('homepage capture failed', e instanceof Error ? e.message : e)
      return null
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    'report.preview': async ({ projectId }): Promise<ReportPreview> => {
      const project = ctx.projects.get(projectId)
      // The preview holds section names, counts and gaps only, all from data the renderer already
      // has, so it does not read the keychain on every edit; exports always do.
      const m = buildReport(project, ctx.runs.list(projectId), { now: now(), appVersion: ctx.version })
      return { product: m.cover.product, domain: m.cover.domain, verdict: m.cover.verdict, reasons: m.cover.reasons, runs: m.runs.count, sections: reportSections(m), notRecorded: m.notRecorded }
    },

    'report.export': async ({ projectId, format }, call): Promise<ReportExportResult | null> => {
      const project = ctx.projects.get(projectId)
      if (busy.has(projectId)) throw new UserFacingError('busy', 'The handover pack is already being exported. Wait for it to finish.')
      busy.add(projectId)
      let path: string | null
      try {
        path = await ctx.dialogs.chooseSavePath({ title: `Save the handover pack (${LABEL[format]})`, defaultName: `${slug(project.name)}-handover.${EXT[format]}`, extensions: [EXT[format]] })
      } catch (e) {
        busy.delete(projectId)
        throw e
      }
      if (!path) {
        busy.delete(projectId)
        return null
      }
      const started = Date.now()
      const progress = (phase: 'collecting' | 'rendering' | 'writing' | 'done' | 'failed', fraction: number, message: string) =>
        call.emit('report.progress', { projectId, format, phase, fraction, message })
      try {
        progress('collecting', 0.05, 'Collecting the project, its audits and evidence…')
        await ctx.projects.flush()
        const shot = format === 'pdf' ? await capture(project) : null
        const m = await model(project, ctx.runs.list(projectId), shot ? [shot.shot] : [])
        const images = format === 'pdf' ? await loadImages(m, async (id) => (id === HOMEPAGE_ID && shot ? { data: shot.data, mime: shot.shot.mime } : readImage(id))) : undefined
        progress('rendering', 0.2, `Laying out the ${LABEL[format]} pack…`)
        const out = await renderReport(m, format, {
          ...(images ? { images } : {}),
          ...(pdfWorker ? { pdfWorker } : {}),
          onProgress: (f) => progress('rendering', 0.2 + 0.7 * f, 'Laying out the pages…'),
        })
        progress('writing', 0.95, 'Saving the file…')
        try {
          writeAtomic(path, out.data)
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          throw new UserFacingError('write-failed', `The pack could not be saved there (${code ?? 'error'}). Pick a folder you can write to.`)
        }
        const pages = format === 'pdf' ? countPdfPages(out.data) : undefined
        progress('done', 1, `Saved the ${LABEL[format]} pack.`)
        return { path, format, bytes: out.data.length, ...(pages ? { pages } : {}), ms: Date.now() - started }
      } catch (e) {
        progress('failed', 1, e instanceof UserFacingError ? e.message : 'The pack could not be made. Nothing was saved.')
        throw e
      } finally {
        busy.delete(projectId)
      }
    },
  }
}
