/**
 * Worker-thread entry of the PDF renderer: react-pdf lays out synchronously
 * for about a second per pack, which would freeze the app's main process, so
 * the desktop app renders here (built as `report-pdf-worker.js` beside the
 * main bundle). The worker stays up between exports so fonts load once.
 * Job in: the model and image bytes; out: progress, then the PDF bytes.
 */
import { parentPort } from 'node:worker_threads'
import type { ReportModel } from '../../../shared/report-model'
import { renderHandoverPdf, type LoadedImages } from './document'

export interface PdfJob {
  kind: 'launch-ready/report-pdf'
  id: number
  model: ReportModel
  images: [string, { data: Uint8Array; format: 'png' | 'jpg' } | { unsupported: string }][]
}

export type PdfWorkerMessage =
  | { type: 'progress'; id: number; phase: 'layout' | 'done'; fraction: number }
  | { type: 'result'; id: number; pdf: Uint8Array; pages: Record<string, number> }
  | { type: 'error'; id: number; message: string }

const port = parentPort
if (!port) throw new Error('the PDF worker must run on a worker thread')
const post = (m: PdfWorkerMessage) => port.postMessage(m)

// One job at a time, in order: layout is synchronous anyway.
let queue: Promise<void> = Promise.resolve()
port.on('message', (job: PdfJob) => {
  if (job?.kind !== 'launch-ready/report-pdf') return
  queue = queue.then(async () => {
    try {
      const images: LoadedImages = new Map(job.images.map(([id, img]) => [id, 'data' in img ? { data: Buffer.from(img.data), format: img.format } : img]))
      const { pdf, pages } = await renderHandoverPdf(job.model, images, (phase, fraction) => post({ type: 'progress', id: job.id, phase, fraction }))
      post({ type: 'result', id: job.id, pdf, pages })
    } catch (e) {
      post({ type: 'error', id: job.id, message: e instanceof Error ? e.message : String(e) })
    }
  })
})
