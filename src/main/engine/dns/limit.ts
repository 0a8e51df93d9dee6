/**
 * A small concurrency gate: at most `max` exchanges in flight per resolver, the
 * rest wait in order. A burst of hundreds of UDP questions at once would
 * otherwise overflow a server's receive buffer and be lost (and their retries
 * with them). Waiting ends at once when the caller's signal aborts.
 */
export interface Limiter {
  /** Resolves with a release function (call it once) when a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void>
  readonly active: number
  readonly waiting: number
}

const aborted = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('The DNS query was cancelled.', 'AbortError')

export function createLimiter(max: number): Limiter {
  let active = 0
  const queue: (() => void)[] = []

  const releaser = () => {
    let done = false
    return () => {
      if (done) return
      done = true
      const next = queue.shift()
      // Hand the slot straight to the next waiter; `active` stays the same.
      if (next) next()
      else active--
    }
  }

  return {
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
    acquire(signal?: AbortSignal) {
      if (signal?.aborted) return Promise.reject(aborted(signal))
      if (active < max) {
        active++
        return Promise.resolve(releaser())
      }
      return new Promise<() => void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(releaser())
        }
        const onAbort = () => {
          const i = queue.indexOf(go)
          if (i >= 0) queue.splice(i, 1)
          reject(aborted(signal as AbortSignal))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        queue.push(go)
      })
    },
  }
}
