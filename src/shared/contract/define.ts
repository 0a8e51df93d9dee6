import type { z } from 'zod'
import type { Result } from '../result'

/**
 * One IPC channel: a zod schema for what the renderer sends, and the type of
 * what comes back (carried as a phantom type; results are `Result<T>`).
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I
  /** Phantom: never read at run time. */
  readonly _output?: O
}

export const channel = <O>() => <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input })

/** A main -> renderer event with the schema of its payload. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly payload: P
}
export const event = <P extends z.ZodType>(payload: P): EventDef<P> => ({ payload })

export type ChannelMap = Record<string, ChannelDef>
export type EventMap = Record<string, EventDef>

export type InputOf<C extends ChannelDef> = z.input<C['input']>
export type ParsedInputOf<C extends ChannelDef> = z.output<C['input']>
export type OutputOf<C extends ChannelDef> = C extends ChannelDef<z.ZodType, infer O> ? O : never
export type PayloadOf<E extends EventDef> = z.output<E['payload']>

type Ns<K> = K extends `${infer A}.${string}` ? A : never
type Method<K, A extends string> = K extends `${A}.${infer B}` ? B : never
type EventMethod<K, A extends string> = K extends `${A}.${infer B}` ? `on${Capitalize<B>}` : never

/** The preload's `window.launchReady`: `api.projects.list()`, `api.runs.onProgress(cb)`. */
export type ApiOf<C extends ChannelMap, E extends EventMap> = {
  [A in Ns<keyof C> | Ns<keyof E>]: {
    [K in keyof C as Method<K, A>]: C[K] extends ChannelDef
      ? undefined extends InputOf<C[K]>
        ? (input?: InputOf<C[K]>) => Promise<Result<OutputOf<C[K]>>>
        : (input: InputOf<C[K]>) => Promise<Result<OutputOf<C[K]>>>
      : never
  } & {
    [K in keyof E as EventMethod<K, A>]: E[K] extends EventDef
      ? (listener: (payload: PayloadOf<E[K]>) => void) => () => void
      : never
  }
}
