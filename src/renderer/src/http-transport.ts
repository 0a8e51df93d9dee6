/**
 * The browser shell's transport (src/main/shell/server.ts): each call a
 * same-origin `POST /api/<channel>` with the JSON input, answered with the
 * contract's Result; events from one Server-Sent Events stream. The session
 * cookie the shell set at sign-in rides along; nothing else is reachable.
 */
import type { Transport } from '../../shared/contract/api'
import type { EventName } from '../../shared/contract'
import type { Result } from '../../shared/result'

export function httpTransport(): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let source: EventSource | undefined
  const ensureStream = (event: string) => {
    source ??= new EventSource('/api/events')
    if (!listeners.has(event)) {
      listeners.set(event, new Set())
      source.addEventListener(event, (e) => {
        let payload: unknown
        try {
          payload = JSON.parse((e as MessageEvent<string>).data)
        } catch {
          return
        }
        for (const l of listeners.get(event) ?? []) l(payload)
      })
    }
    return listeners.get(event)!
  }
  return {
    async invoke(channel, input): Promise<Result<unknown>> {
      let res: Response
      try {
        res = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: input === undefined ? '' : JSON.stringify(input), credentials: 'same-origin' })
      } catch {
        return { ok: false, error: { code: 'unreachable', message: 'Launch Ready is not running any more. Start it again (npm start) and reload this page.' } }
      }
      try {
        return (await res.json()) as Result<unknown>
      } catch {
        return { ok: false, error: { code: res.status === 403 ? 'forbidden' : 'internal', message: res.status === 403 ? 'This browser is not signed in to Launch Ready: open the address it printed when it started.' : 'Launch Ready answered something unexpected; reload the page.' } }
      }
    },
    subscribe(event: EventName, listener) {
      const set = ensureStream(event)
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
  }
}
