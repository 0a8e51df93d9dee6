import type { Result } from '../result'
import { channels, events, type ChannelName, type EventName, type LaunchReadyApi } from './index'

/** How the API reaches main: ipcRenderer in the preload, a Playwright binding in the harness. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

/**
 * Builds `window.launchReady` from the contract: one method per channel, one
 * `onX` per event, inputs validated before they leave the renderer (main
 * validates again). Nothing else is reachable.
 */
export function buildApi(transport: Transport): LaunchReadyApi {
  const api: Record<string, Record<string, unknown>> = {}
  const ns = (name: string) => (api[name] ??= {})
  for (const name of Object.keys(channels) as ChannelName[]) {
    const [area, method] = name.split('.') as [string, string]
    const schema = channels[name].input
    ns(area)[method] = async (input?: unknown): Promise<Result<unknown>> => {
      const parsed = schema.safeParse(input)
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalid-input',
            message: parsed.error.issues[0]?.message ?? 'That input is not valid.',
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        }
      }
      return transport.invoke(name, input)
    }
  }
  for (const name of Object.keys(events)) {
    const [area, evt] = name.split('.') as [string, string]
    ns(area)[`on${evt[0]!.toUpperCase()}${evt.slice(1)}`] = (listener: (p: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function')
      return transport.subscribe(name as EventName, (payload) => listener(payload))
    }
  }
  for (const v of Object.values(api)) Object.freeze(v)
  return Object.freeze(api) as unknown as LaunchReadyApi
}
