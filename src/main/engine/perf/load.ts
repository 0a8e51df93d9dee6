/**
 * The bounded load sanity test. Closed loop: virtual users ramp from 1 to N,
 * each with its own keep-alive connection, sending back to back. Open model:
 * requests arrive at a constant (ramped) rate whatever the server does, and
 * each latency is measured from the moment the request was due, so queueing
 * delay is counted instead of hidden (coordinated omission).
 *
 * Safety: a hard cap on requests and on time, automatic abort when the error
 * rate passes 20% or p95 passes 10x the single-user baseline, cancellable by
 * an AbortSignal. Callers enforce "own hosts only" and the typed confirmation.
 */
import { buildRequest, originKey, originOf, TimeoutError, WireConnection, type Origin } from './wire'
import { Samples, r2, summarize } from './stats'
import type { LoadOptions, LoadProgress, LoadResult, LoadStep, SeriesPoint, StopReason } from './load-types'

export type { LoadOptions, LoadProgress, LoadResult, LoadStep, SeriesPoint, StopReason } from './load-types'

interface Target {
  url: URL
  origin: Origin
  key: string
  req: Buffer
}

class Bucket {
  lat = new Samples(256)
  /** Requests finished in this bucket, whatever the outcome. */
  done = 0
  errors = 0
  timeouts = 0
  peak = 0
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.urls.length === 0) throw new Error('no URL to test')
  const users = Math.max(1, Math.floor(o.users))
  const timeoutMs = o.timeoutMs ?? 10_000
  const open = o.rate !== undefined && o.rate > 0
  const ramp = o.ramp !== false
  const steps = ramp ? Math.max(1, Math.min(o.steps ?? Math.min(users, 10), users, Math.max(1, Math.floor(o.durationS * 2)))) : 1
  const abortCfg = o.abort === false ? undefined : { errorRate: 0.2, latencyFactor: 10, minLatencyMs: 100, ...(o.abort ?? {}) }
  const targets: Target[] = o.urls.map((u) => {
    const url = new URL(u)
    const origin = originOf(url)
    return { url, origin, key: originKey(origin), req: buildRequest(url, { headers: o.headersFor?.(url) ?? {} }) }
  })
  const net = { ...(o.lookup ? { lookup: o.lookup } : {}), ...(o.ca ? { ca: o.ca } : {}), timeoutMs }

  const all = new Samples(4096)
  const statusTally = new Uint32Array(600)
  const errorMessages = new Set<string>()
  let issued = 0
  let done = 0
  let errors = 0
  let timeouts = 0
  let inFlight = 0
  let stop: StopReason | undefined
  let stopMessage: string | undefined
  const onAbortSignal = () => {
    stop ??= 'cancelled'
  }
  o.signal?.addEventListener('abort', onAbortSignal, { once: true })
  if (o.signal?.aborted) stop = 'cancelled'

  // Single-user baseline: a few sequential requests on one connection.
  let baselineMs: number | null = null
  const nBase = o.baselineSamples ?? 10
  if (nBase > 0 && !stop) {
    o.onProgress?.({ phase: 'baseline', elapsedS: 0, users: 1, requests: 0, errors: 0, timeouts: 0, p95Ms: null, rps: 0 })
    const base = new Samples()
    const conns = new Map<string, WireConnection>()
    for (let i = 0; i < nBase && !stop; i++) {
      const t = targets[i % targets.length]!
      const t0 = performance.now()
      try {
        let c = conns.get(t.key)
        if (!c || !c.usable) {
          c = await WireConnection.open(t.origin, net)
          conns.set(t.key, c)
        }
        const res = await c.send(t.req, { timeoutMs })
        if (i > 0 || nBase === 1) base.add(performance.now() - t0)
        if (res.status >= 500) errorMessages.add(`status ${res.status}`)
      } catch (e) {
        conns.get(t.key)?.close()
        conns.delete(t.key)
        errorMessages.add(e instanceof Error ? e.message : String(e))
      }
    }
    for (const c of conns.values()) c.close()
    if (base.count === 0 && !stop) {
      o.signal?.removeEventListener('abort', onAbortSignal)
      throw new Error(`the site did not answer a single request: ${[...errorMessages][0] ?? 'no answer'}`)
    }
    if (base.count > 0) baselineMs = r2(base.percentile(50))
  }

  const t0 = performance.now()
  const elapsed = () => performance.now() - t0
  const stepMs = (o.durationS * 1000) / steps
  const stepBuckets: Bucket[] = []
  const stepMeta: { users: number; rate?: number; startS: number }[] = []
  const seconds: Bucket[] = []
  const secondUsers: number[] = []
  let activeUsers = 0
  let curStep = 0
  let curRate = 0
  const secondOf = (t: number) => Math.max(0, Math.floor((t - t0) / 1000))
  const bucketAt = (arr: Bucket[], i: number) => (arr[i] ??= new Bucket())

  const record = (endT: number, latency: number, status: number) => {
    done++
    all.add(latency)
    const step = bucketAt(stepBuckets, curStep)
    const sec = bucketAt(seconds, secondOf(endT))
    step.lat.add(latency)
    sec.lat.add(latency)
    step.done++
    sec.done++
    statusTally[status] = (statusTally[status] ?? 0) + 1
    if (status >= 400) {
      errors++
      step.errors++
      sec.errors++
    }
  }
  const recordError = (endT: number, e: unknown) => {
    done++
    errors++
    const step = bucketAt(stepBuckets, curStep)
    const sec = bucketAt(seconds, secondOf(endT))
    step.done++
    sec.done++
    step.errors++
    sec.errors++
    if (e instanceof TimeoutError) {
      timeouts++
      step.timeouts++
      sec.timeouts++
    }
    if (errorMessages.size < 10) errorMessages.add(e instanceof Error ? e.message : String(e))
  }
  const noteInFlight = () => {
    const b = bucketAt(stepBuckets, curStep)
    if (inFlight > b.peak) b.peak = inFlight
  }

  /** One request on a per-user set of connections; `dueAt` is when it should have started. */
  const fire = async (conns: Map<string, WireConnection>, t: Target, dueAt: number) => {
    inFlight++
    noteInFlight()
    try {
      let c = conns.get(t.key)
      if (!c || !c.usable) {
        c?.close()
        c = await WireConnection.open(t.origin, net)
        conns.set(t.key, c)
      }
      const res = await c.send(t.req, { timeoutMs })
      const end = performance.now()
      record(end, end - dueAt, res.status)
    } catch (e) {
      conns.get(t.key)?.close()
      conns.delete(t.key)
      recordError(performance.now(), e)
    } finally {
      inFlight--
    }
  }

  /** Callback form of fire() for the closed loop's hot path: the next request is written as soon as the answer is read. */
  const sendOpts = { timeoutMs }
  const fireCb = (conns: Map<string, WireConnection>, t: Target, dueAt: number, next: (failed: boolean) => void) => {
    inFlight++
    noteInFlight()
    const onRes = (res: { status: number }) => {
      inFlight--
      const end = performance.now()
      record(end, end - dueAt, res.status)
      next(false)
    }
    const onErr = (e: Error) => {
      inFlight--
      conns.get(t.key)?.close()
      conns.delete(t.key)
      recordError(performance.now(), e)
      next(true)
    }
    const c = conns.get(t.key)
    if (c && c.usable) c.sendCb(t.req, sendOpts, onRes, onErr)
    else {
      c?.close()
      WireConnection.open(t.origin, net).then((nc) => {
        conns.set(t.key, nc)
        nc.sendCb(t.req, sendOpts, onRes, onErr)
      }, onErr)
    }
  }

  const workers: Promise<void>[] = []
  const closeAll: Map<string, WireConnection>[] = []
  let spawned = 0
  const spawnUser = (id: number) => {
    const conns = new Map<string, WireConnection>()
    closeAll.push(conns)
    workers.push(
      new Promise<void>((resolve) => {
        let i = id
        const loop = (): void => {
          if (stop || id >= activeUsers) return resolve()
          if (issued >= o.maxRequests) {
            stop ??= 'request-cap'
            return resolve()
          }
          issued++
          fireCb(conns, targets[i++ % targets.length]!, performance.now(), (failed) => {
            // After a failure, continue on a fresh tick; when nothing works at all, do not spin.
            if (failed) setTimeout(loop, errors > 3 && done === errors ? 50 : 0)
            else loop()
          })
        }
        loop()
      }),
    )
  }

  // Open model: arrivals queue up when every slot is busy; latency counts from the due time.
  const queue: number[] = []
  let qHead = 0
  const idle: Map<string, WireConnection>[] = []
  let arrivals = 0
  const runSlot = async (conns: Map<string, WireConnection>) => {
    while (!stop && qHead < queue.length) {
      const due = queue[qHead++]!
      await fire(conns, targets[arrivals++ % targets.length]!, due)
    }
    idle.push(conns)
  }
  let nextDue = t0
  const pump = () => {
    const now = performance.now()
    while (!stop && nextDue <= now && curRate > 0) {
      if (issued >= o.maxRequests) {
        stop ??= 'request-cap'
        break
      }
      issued++
      queue.push(nextDue)
      nextDue += 1000 / curRate
    }
    if (qHead > 4096 && qHead * 2 > queue.length) {
      queue.splice(0, qHead)
      qHead = 0
    }
    while (idle.length > 0 && qHead < queue.length) void runSlot(idle.pop()!)
  }
  if (open) {
    for (let i = 0; i < users; i++) {
      const conns = new Map<string, WireConnection>()
      idle.push(conns)
      closeAll.push(conns)
    }
  }

  let lastProgress = 0
  const interval = o.progressIntervalMs ?? 500
  const emit = (phase: LoadProgress['phase']) => {
    const s = secondOf(performance.now()) - 1
    const point = s >= 0 && seconds[s] ? pointOf(s) : undefined
    o.onProgress?.({
      phase,
      elapsedS: r2(elapsed() / 1000),
      users: open ? bucketAt(stepBuckets, curStep).peak : activeUsers,
      ...(open ? { rate: r2(curRate) } : {}),
      requests: done,
      errors,
      timeouts,
      p95Ms: point?.p95Ms ?? null,
      rps: point?.rps ?? 0,
      ...(point ? { point } : {}),
    })
  }
  const pointOf = (s: number): SeriesPoint => {
    const b = seconds[s] ?? new Bucket()
    const n = b.lat.count
    return {
      tS: s + 1,
      users: secondUsers[s] ?? activeUsers,
      requests: b.done,
      errors: b.errors,
      timeouts: b.timeouts,
      p50Ms: n ? r2(b.lat.percentile(50)) : null,
      p95Ms: n ? r2(b.lat.percentile(95)) : null,
      rps: b.done,
    }
  }
  const checkAbort = () => {
    if (!abortCfg || stop) return
    const b = stepBuckets[curStep]
    if (!b) return
    if (b.done >= 20 && b.errors / b.done > abortCfg.errorRate) {
      stop = 'error-rate'
      stopMessage = `More than ${Math.round(abortCfg.errorRate * 100)}% of requests failed`
      return
    }
    if (baselineMs !== null && b.lat.count >= 20) {
      const limit = Math.max(abortCfg.latencyFactor * baselineMs, abortCfg.minLatencyMs)
      const p95 = b.lat.percentile(95)
      if (p95 > limit) {
        stop = 'latency'
        stopMessage = `p95 reached ${Math.round(p95)} ms, more than ${abortCfg.latencyFactor}x the single-user ${Math.round(baselineMs)} ms`
      }
    }
  }

  // Main schedule: one step at a time, ticking for progress, abort checks and arrivals.
  for (curStep = 0; curStep < steps && !stop; curStep++) {
    const level = ramp && steps > 1 ? Math.round(1 + ((users - 1) * curStep) / (steps - 1)) : users
    const stepStart = t0 + curStep * stepMs
    bucketAt(stepBuckets, curStep)
    if (open) {
      curRate = ramp && steps > 1 ? (o.rate! * (curStep + 1)) / steps : o.rate!
      if (curStep === 0) nextDue = performance.now()
      stepMeta[curStep] = { users, rate: r2(curRate), startS: r2((stepStart - t0) / 1000) }
    } else {
      activeUsers = level
      while (spawned < activeUsers) spawnUser(spawned++)
      stepMeta[curStep] = { users: level, startS: r2((stepStart - t0) / 1000) }
    }
    const stepEnd = stepStart + stepMs
    while (!stop && performance.now() < stepEnd) {
      if (open) pump()
      const s = secondOf(performance.now())
      secondUsers[s] = open ? bucketAt(stepBuckets, curStep).peak : activeUsers
      checkAbort()
      if (performance.now() - lastProgress >= interval) {
        lastProgress = performance.now()
        emit('running')
      }
      await sleep(open ? 1 : Math.min(50, Math.max(1, stepEnd - performance.now())))
    }
  }
  stop ??= 'completed'
  activeUsers = 0
  curRate = 0
  // Let requests in flight finish (bounded by their own timeout), then close everything.
  const drainUntil = performance.now() + Math.min(timeoutMs, 5000)
  while (inFlight > 0 && performance.now() < drainUntil) await sleep(5)
  for (const m of closeAll) for (const c of m.values()) c.close()
  await Promise.race([Promise.allSettled(workers), sleep(100)])
  o.signal?.removeEventListener('abort', onAbortSignal)
  const durationMs = elapsed()
  emit('done')

  const stepsOut: LoadStep[] = stepMeta.map((m, i) => {
    const b = stepBuckets[i] ?? new Bucket()
    const dur = Math.min(stepMs, Math.max(1, durationMs - i * stepMs)) / 1000
    const requests = b.done
    return { ...m, ...summarize(b.lat), peakInFlight: b.peak, requests, errors: b.errors, timeouts: b.timeouts, rps: r2(requests / dur) }
  })
  let bottleneckUsers: number | null = null
  let bottleneckReason: LoadResult['bottleneckReason']
  for (const s of stepsOut) {
    if (s.errors > 0 || (s.p95Ms !== null && s.p95Ms > o.targetMs)) {
      bottleneckUsers = open ? s.peakInFlight : s.users
      bottleneckReason = s.errors > 0 ? 'errors' : 'latency'
      break
    }
  }
  const series: SeriesPoint[] = []
  for (let s = 0; s < seconds.length; s++) series.push(pointOf(s))
  const requests = done
  const statusCounts: Record<string, number> = {}
  statusTally.forEach((n, st) => {
    if (n) statusCounts[String(st)] = n
  })
  return {
    mode: open ? 'open' : 'closed',
    urls: o.urls,
    users,
    durationS: o.durationS,
    ...(open ? { rate: o.rate! } : {}),
    targetMs: o.targetMs,
    baselineMs,
    ...summarize(all),
    requests,
    errors,
    timeouts,
    errorRate: requests ? r2((errors / requests) * 100) / 100 : 0,
    statusCounts,
    errorMessages: [...errorMessages].slice(0, 5),
    throughputRps: r2(requests / Math.max(0.001, durationMs / 1000)),
    steps: stepsOut,
    series,
    bottleneckUsers,
    ...(bottleneckReason ? { bottleneckReason } : {}),
    stoppedBy: stop,
    ...(stopMessage ? { stopMessage } : {}),
    durationMs: r2(durationMs),
    ...(o.keepSamples ? { latenciesMs: Float64Array.from(all.values()) } : {}),
  }
}
