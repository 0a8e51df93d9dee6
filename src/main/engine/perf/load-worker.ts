/**
 * Worker-thread entry for the load test, so the generator's busy loop never
 * shares an event loop with the app's IPC. Bundle this file as its own entry
 * (electron-vite: `import path from './load-worker?modulePath'`) and pass its
 * path to runLoadOffThread(). It receives only plain data: resolved addresses
 * and per-URL headers, never functions.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { runLoad } from './load'
import net from 'node:net'
import type { WorkerLoadData } from './load-runner'

const data = workerData as WorkerLoadData | undefined
if (!isMainThread && parentPort && data?.kind === 'launch-ready/load') {
  const port = parentPort
  const ac = new AbortController()
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'cancel') ac.abort()
  })
  const { headers, addresses, ...opts } = data.opts
  runLoad({
    ...opts,
    headersFor: (u) => headers[u.href] ?? {},
    lookup: async (hostname) => {
      const address = addresses[hostname.toLowerCase()]
      if (!address) throw new Error(`${hostname} was not resolved before the test started`)
      return { address, family: net.isIPv6(address) ? 6 : 4 }
    },
    signal: ac.signal,
    onProgress: (p) => port.postMessage({ type: 'progress', p }),
  }).then(
    (r) => port.postMessage({ type: 'result', r }),
    (e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  )
}
