/// <reference lib="dom" />
/*
 * Bundled by esbuild into an init script the harness adds to every page. It
 * builds `window.launchReady` from the SAME contract as the preload
 * (src/shared/contract/api.ts); the transport goes to a Playwright binding
 * that dispatches to the real main-process handlers in the test process.
 */
import './zod-config'
import { buildApi, type Transport } from '../../../src/shared/contract/api'
import type { Result } from '../../../src/shared/result'

type Listener = (payload: unknown) => void
const w = window as unknown as {
  __lrInvoke(channel: string, input: unknown): Promise<Result<unknown>>
}

const listeners = new Map<string, Set<Listener>>()

const transport: Transport = {
  invoke: (channel, input) => w.__lrInvoke(channel, input),
  subscribe(event, listener) {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  },
}

Object.defineProperty(window, 'launchReady', { value: buildApi(transport), enumerable: true })
/** Called by the harness (page.evaluate) to deliver a main -> renderer event. */
Object.defineProperty(window, '__lrDeliver', {
  value: (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) {
      try {
        l(payload)
      } catch (e) {
        console.error(e)
      }
    }
  },
})
