/** Small shared helpers for the web (http/tls/edge) and DNS check families. */
import type { Finding } from '../../../shared/model'
import { errorFinding } from '../finding'
import type { ProgressSink, SuiteContext } from '../types'

/** The per-operation timeout, clamped to what is left of the run's deadline (at least 1 ms). */
export function opTimeout(ctx: Pick<SuiteContext, 'clock' | 'deadline'>, timeoutMs: number): number {
  return Math.max(1, Math.min(timeoutMs, ctx.deadline - ctx.clock.now()))
}

/** Runs `fn` over `items` with at most `limit` at once, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

/** Memoises one value per run in `ctx.shared`. */
export function shared<T>(ctx: Pick<SuiteContext, 'shared'>, key: string, make: () => Promise<T>): Promise<T> {
  let p = ctx.shared.get(key) as Promise<T> | undefined
  if (!p) {
    p = make()
    // A failed memo must not surface as an unhandled rejection; each awaiting check reports it.
    p.catch(() => {})
    ctx.shared.set(key, p)
  }
  return p
}

export const errMsg = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Whether a check is wanted in this run (`ctx.only`). */
export const wants = (ctx: Pick<SuiteContext, 'only'>, id: string): boolean => !ctx.only || ctx.only.has(id)

/** `example.com` is inside `example.com` and `a.example.com`. */
export function inDomain(host: string, apex: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  const a = apex.toLowerCase().replace(/\.$/, '')
  return h === a || h.endsWith(`.${a}`)
}

/** Starts a check, runs it, and reports exactly one finding for the same check and target (an error if it throws). */
export function checker(ctx: SuiteContext, sink: ProgressSink) {
  return async (id: string, target: string, fn: () => Finding | Promise<Finding>): Promise<void> => {
    if (!wants(ctx, id)) return
    sink.start(id, target)
    const t0 = ctx.clock.monotonic()
    let f: Finding
    try {
      f = await fn()
    } catch (e) {
      f = errorFinding(id, target, `This check stopped unexpectedly: ${errMsg(e)}`)
    }
    sink.finding({ ...f, target, durationMs: f.durationMs || ctx.clock.monotonic() - t0 })
  }
}
