/**
 * Runs the load test on a worker thread when a built worker entry is given
 * (the desktop app), otherwise in this thread (the CLI, tests). Host names are
 * resolved here with the injected lookup, so the worker needs no DNS settings.
 */
import net from 'node:net'
import { Worker } from 'node:worker_threads'
import { runLoad, type LoadOptions, type LoadProgress, type LoadResult } from './load'
import { resolveHost } from './wire'

export type SerializableLoadOptions = Omit<LoadOptions, 'headersFor' | 'lookup' | 'signal' | 'onProgress'> & {
  headers: Record<string, Record<string, string>>
  addresses: Record<string, string>
}

export interface WorkerLoadData {
  kind: 'launch-ready/load'
  opts: SerializableLoadOptions
}

export async function runLoadOffThread(o: LoadOptions, workerEntry?: string | URL): Promise<LoadResult> {
  if (!workerEntry) return runLoad(o)
  const { headersFor, lookup, signal, onProgress, ...rest } = o
  const addresses: Record<string, string> = {}
  const headers: Record<string, Record<string, string>> = {}
  for (const raw of o.urls) {
    const u = new URL(raw)
    const host = u.hostname.replace(/^\[|\]$/g, '')
    if (!net.isIP(host) && !addresses[host.toLowerCase()]) addresses[host.toLowerCase()] = (await resolveHost(host, lookup)).address
    headers[u.href] = headersFor?.(u) ?? {}
  }
  const data: WorkerLoadData = { kind: 'launch-ready/load', opts: { ...rest, headers, addresses } }
  const worker = new Worker(workerEntry, { workerData: data })
  return new Promise<LoadResult>((resolve, reject) => {
    let settled = false
    const onAbort = () => worker.postMessage({ type: 'cancel' })
    if (signal?.aborted) onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      fn()
      void worker.terminate()
    }
    worker.on('message', (m: { type: string; p?: LoadProgress; r?: LoadResult; message?: string }) => {
      if (m.type === 'progress' && m.p) onProgress?.(m.p)
      else if (m.type === 'result' && m.r) settle(() => resolve(m.r!))
      else if (m.type === 'error') settle(() => reject(new Error(m.message)))
    })
    worker.on('error', (e) => settle(() => reject(e)))
    worker.on('exit', (code) => settle(() => reject(new Error(`the load test worker stopped unexpectedly (exit code ${code})`))))
  })
}
