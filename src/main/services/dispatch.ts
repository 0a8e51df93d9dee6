import { channels, type ChannelName, type EventName, type Out, type ParsedIn, type Payload } from '../../shared/contract'
import { UserFacingError, type Result } from '../../shared/result'

/** Sends a main -> renderer event (to every trusted window, or the harness page). */
export type Emit = <K extends EventName>(event: K, payload: Payload<K>) => void

export interface CallContext {
  emit: Emit
}

export type Handler<K extends ChannelName> = (input: ParsedIn<K>, ctx: CallContext) => Promise<Out<K>> | Out<K>
export type HandlerMap = { [K in ChannelName]: Handler<K> }
export type PartialHandlers<K extends ChannelName> = { [P in K]: Handler<P> }

export interface Logger {
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

/**
 * The one way a call reaches a handler, from Electron's ipcMain or the test
 * harness: validate the input against the contract, run the handler, and turn
 * anything thrown into `{ ok: false }`. Never throws.
 */
export async function dispatch(
  handlers: HandlerMap,
  name: string,
  raw: unknown,
  ctx: CallContext,
  log: Logger,
): Promise<Result<unknown>> {
  if (!Object.hasOwn(channels, name)) {
    return { ok: false, error: { code: 'unknown-channel', message: `There is no operation called ${name}.` } }
  }
  const key = name as ChannelName
  const parsed = channels[key].input.safeParse(raw)
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
  try {
    const handler = handlers[key] as (input: unknown, ctx: CallContext) => unknown
    const value = await handler(parsed.data, ctx)
    return { ok: true, value }
  } catch (e) {
    if (e instanceof UserFacingError) {
      return { ok: false, error: e.issues ? { code: e.code, message: e.message, issues: e.issues } : { code: e.code, message: e.message } }
    }
    log.error(`handler ${name} failed`, e instanceof Error ? e.stack : e)
    return {
      ok: false,
      error: { code: 'internal', message: 'Something went wrong on our side. Your data is unchanged; please try again.' },
    }
  }
}
