/**
 * Renders the PDF on a worker thread when a built worker entry is given (the
 * desktop app), otherwise in this thread (the CLI, tests). Same output either
 * way. The worker is kept for later exports (fonts load once) and never keeps
 * the process alive; if it dies, pending jobs fail with the reason and the
 * next export starts a new one.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ReportModel } from '../../../shared/report-model'
import { renderHandoverPdf, type LoadedImages, type RenderProgress } from './document'
import type { PdfJob, PdfWorkerMessage } from './worker'

/** The app's build emits the worker beside the main bundle (electron-vite input `report-pdf-worker`). */
export function builtPdfWorker(): URL | undefined {
  try {
    const u = new URL('./report-pdf-worker.js', import.meta.url)
    return u.protocol === 'file:' && existsSync(fileURLToPath(u)) ? u : undefined
  } catch {
    return undefined
  }
}

interface Pending {
  resolve(r: { pdf: Buffer; pages: Record<string, number> }): void
  reject(e: Error): void
  progress?: RenderProgress
}

interface Pool {
  worker: Worker
  pending: Map<number, Pending>
}

const pools = new Map<string, Pool>()
let nextId = 1

function poolFor(entry: string | URL): Pool {
  const key = String(entry)
  const existing = pools.get(key)
  if (existing) return existing
  const url = typeof entry === 'string' && entry.startsWith('file:') ? new URL(entry) : entry
  const worker = new Worker(url)
  worker.unref()
  const pool: Pool = { worker, pending: new Map() }
  const failAll = (e: Error) => {
    pools.delete(key)
    for (const p of pool.pending.values()) p.reject(e)
    pool.pending.clear()
  }
  worker.on('message', (m: PdfWorkerMessage) => {
    const p = pool.pending.get(m.id)
    if (!p) return
    if (m.type === 'progress') p.progress?.(m.phase, m.fraction)
    else {
      pool.pending.delete(m.id)
      if (m.type === 'result') p.resolve({ pdf: Buffer.from(m.pdf), pages: m.pages })
      else p.reject(new Error(m.message))
    }
  })
  worker.on('error', (e) => failAll(e))
  worker.on('exit', (code) => failAll(new Error(`the PDF worker stopped unexpectedly (exit code ${code})`)))
  pools.set(key, pool)
  return pool
}

/** Stops the kept workers (app quit, tests). */
export async function closePdfWorkers(): Promise<void> {
  const all = [...pools.values()]
  pools.clear()
  await Promise.all(all.map((p) => p.worker.terminate()))
}

export async function renderPdfOffThread(
  model: ReportModel,
  images: LoadedImages,
  progress: RenderProgress | undefined,
  workerEntry?: string | URL,
): Promise<{ pdf: Buffer; pages: Record<string, number> }> {
  if (!workerEntry) return renderHandoverPdf(model, images, progress)
  const pool = poolFor(workerEntry)
  const id = nextId++
  const job: PdfJob = { kind: 'launch-ready/report-pdf', id, model, images: [...images.entries()] }
  return new Promise((resolve, reject) => {
    // Referenced while a job runs, so a CLI waiting on it does not exit early.
    pool.worker.ref()
    const done = () => {
      if (pool.pending.size === 0) pool.worker.unref()
    }
    pool.pending.set(id, {
      resolve: (r) => {
        resolve(r)
        done()
      },
      reject: (e) => {
        reject(e)
        done()
      },
      ...(progress ? { progress } : {}),
    })
    pool.worker.postMessage(job)
  })
}
