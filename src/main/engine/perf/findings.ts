/** Turns measurements into findings in SPEC.md's shape, in plain words with numbers and units. */
import { errorFinding, makeFinding } from '../finding'
import type { Finding, FixStep } from '../../../shared/model'
import { fmtMs, fromValues, histogram, r2, summarize, type LatencySummary } from './stats'
import type { PhaseSample, UrlMeasurement } from './measure'

export const API_PAYLOAD_LIMIT = 1024 * 1024

const median = (xs: number[]): number | undefined => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  return v.length ? v[Math.ceil(v.length / 2) - 1] : undefined
}
const opt = (v: number | undefined) => (v === undefined ? undefined : r2(v))

function split(samples: PhaseSample[], pick: (s: PhaseSample) => number) {
  const part = (xs: PhaseSample[]) => ({
    ...summarize(fromValues(xs.map(pick))),
    dnsMs: opt(median(xs.filter((s) => s.cold).map((s) => s.dnsMs ?? NaN))),
    connectMs: opt(median(xs.filter((s) => s.cold).map((s) => s.connectMs ?? NaN))),
    tlsMs: opt(median(xs.filter((s) => s.cold).map((s) => s.tlsMs ?? NaN))),
    waitMs: opt(median(xs.map((s) => s.waitMs))),
  })
  return { cold: part(samples.filter((s) => s.cold)), warm: part(samples.filter((s) => !s.cold)) }
}

/** Median time per phase, for the breakdown chart. */
export function phaseBreakdown(samples: PhaseSample[]) {
  return {
    dnsMs: opt(median(samples.filter((s) => s.cold).map((s) => s.dnsMs ?? NaN))) ?? 0,
    connectMs: opt(median(samples.filter((s) => s.cold).map((s) => s.connectMs ?? NaN))) ?? 0,
    tlsMs: opt(median(samples.filter((s) => s.cold).map((s) => s.tlsMs ?? NaN))) ?? 0,
    waitMs: opt(median(samples.map((s) => s.waitMs))) ?? 0,
    downloadMs: opt(median(samples.map((s) => s.totalMs - s.ttfbMs))) ?? 0,
  }
}

export function timingEvidence(m: UrlMeasurement, pick: (s: PhaseSample) => number, targetMs: number) {
  const values = m.samples.map(pick)
  const sum: LatencySummary = summarize(fromValues(values))
  return {
    url: m.url,
    ...(m.finalUrl !== m.url ? { finalUrl: m.finalUrl } : {}),
    method: m.method,
    status: m.status,
    targetMs,
    ...sum,
    errors: m.errors.length,
    ...(m.errors.length ? { errorMessages: [...new Set(m.errors)].slice(0, 5) } : {}),
    ...split(m.samples, pick),
    phases: phaseBreakdown(m.samples),
    samplesMs: values.map(r2),
    histogram: histogram(values),
    ...(m.redirects.length ? { redirects: m.redirects } : {}),
    ...(m.auth ? { auth: m.auth } : {}),
    ...(m.remoteAddress ? { remoteAddress: m.remoteAddress } : {}),
  }
}

const oneIn20 = 'one request in 20'

/** perf.ttfb for one public page. */
export function ttfbFinding(m: UrlMeasurement, targetMs: number, durationMs: number): Finding {
  const target = new URL(m.url).host + new URL(m.url).pathname.replace(/\/$/, '')
  if (m.samples.length === 0) {
    return errorFinding('perf.ttfb', m.url, `We could not load ${target}: ${m.errors[0] ?? 'no answer'}.`, durationMs)
  }
  const ev = timingEvidence(m, (s) => s.ttfbMs, targetMs)
  if ((m.status ?? 0) >= 400) {
    return errorFinding('perf.ttfb', m.url, `${target} answered with status ${m.status}, so its speed says little about what visitors see. Check the address.`, durationMs, ev)
  }
  const p50 = ev.p50Ms!
  const p95 = ev.p95Ms!
  const setup = ev.cold.samples ? (ev.cold.p50Ms ?? 0) - (ev.cold.waitMs ?? 0) : 0
  const failing = p95 > targetMs
  const errNote = m.errors.length ? ` ${m.errors.length} of ${m.samples.length + m.errors.length} requests failed.` : ''
  const fix: FixStep[] = failing
    ? [
        { text: 'Let your CDN cache the public page for a few minutes and refresh it in the background. Set this response header on public (not logged-in) pages:', value: 'Cache-Control: public, max-age=0, s-maxage=300, stale-while-revalidate=60' },
        { text: `The server itself takes about ${fmtMs(ev.warm.waitMs ?? ev.cold.waitMs)} before the first byte on a warm connection. If that is most of the time, render the page statically or cache the data it needs.` },
        ...(setup > targetMs / 2
          ? [{ text: `Opening a connection costs about ${fmtMs(setup)} (DNS, connect, TLS). A CDN close to your visitors cuts this; also check that DNS answers come from a fast provider.` }]
          : []),
      ]
    : []
  return makeFinding('perf.ttfb', m.url, failing ? 'fail' : m.errors.length ? 'warn' : 'pass', {
    title: failing ? `${target} is slow to start loading` : `${target} starts loading quickly`,
    summary: failing
      ? `Half your visitors wait more than ${fmtMs(p50)} before ${target} starts to appear, and ${oneIn20} waits more than ${fmtMs(p95)} (target ${targetMs} ms).${errNote}`
      : `${target} starts arriving within ${fmtMs(p95)} for 19 visitors in 20, inside the ${targetMs} ms target.${errNote}`,
    impact: failing ? 'First-time visitors see a blank page longer and some leave before it appears; search engines rank slow pages lower.' : undefined,
    evidence: ev,
    fix,
    durationMs,
  })
}

/** perf.latency for one critical route. */
export function latencyFinding(
  m: UrlMeasurement,
  route: { label: string; fromVertical: boolean },
  targetMs: number,
  durationMs: number,
): Finding {
  const what = `“${route.label}” (${m.method} ${new URL(m.url).pathname})`
  if (m.samples.length === 0) {
    return errorFinding('perf.latency', m.url, `We could not measure ${what}: ${m.errors[0] ?? 'no answer'}.`, durationMs)
  }
  const ev = { ...timingEvidence(m, (s) => s.totalMs, targetMs), route: route.label }
  const st = m.status ?? 0
  if (m.auth?.withheldFrom?.length) {
    return errorFinding('perf.latency', m.url, `${what} redirected to another site (${m.auth.withheldFrom.join(', ')}); we never send your credential there, so we could not measure the signed-in route.`, durationMs, ev)
  }
  if (m.auth && m.redirects.length && /log-?in|sign-?in|auth|session/i.test(new URL(m.finalUrl).pathname)) {
    return errorFinding('perf.latency', m.url, `${what} sent us to ${new URL(m.finalUrl).pathname}: the credential “${m.auth.name}” was not accepted (it may have expired), so we measured the sign-in page instead.`, durationMs, ev)
  }
  if (st === 401 || st === 403) {
    const why = m.auth ? `the credential “${m.auth.name}” was not accepted (it may have expired)` : 'it needs a signed-in user and no credential is set for it'
    return errorFinding('perf.latency', m.url, `${what} answered ${st}: ${why}, so we measured an error page, not the real route.`, durationMs, ev)
  }
  if (st === 404 && route.fromVertical) {
    return makeFinding('perf.latency', m.url, 'skipped', {
      title: `“${route.label}” is not at the usual address`,
      summary: `${what} answered 404. Add the real address of this flow in the project's critical flows to measure it.`,
      evidence: ev,
      durationMs,
    })
  }
  if (st >= 400) {
    return errorFinding('perf.latency', m.url, `${what} answered with status ${st}, so its timing is not meaningful. Check the address and method.`, durationMs, ev)
  }
  const p50 = ev.p50Ms!
  const p95 = ev.p95Ms!
  const failing = p95 > targetMs
  const errNote = m.errors.length ? ` ${m.errors.length} of ${m.samples.length + m.errors.length} requests failed.` : ''
  const wait = ev.phases.waitMs
  return makeFinding('perf.latency', m.url, failing ? 'fail' : m.errors.length ? 'warn' : 'pass', {
    title: failing ? `“${route.label}” is slower than your ${targetMs} ms target` : `“${route.label}” answers within target`,
    summary: failing
      ? `Half your users wait more than ${fmtMs(p50)} for ${what}, and ${oneIn20} takes more than ${fmtMs(p95)} (target ${targetMs} ms).${errNote}`
      : `${what} answers within ${fmtMs(p95)} for 19 requests in 20 (target ${targetMs} ms); half take under ${fmtMs(p50)}.${errNote}`,
    impact: failing ? 'Users feel the app is sluggish on a flow they use every visit; past about half a second it feels broken and they retry or leave.' : undefined,
    evidence: ev,
    fix: failing
      ? [
          { text: `Most of the time (about ${fmtMs(wait)}) is spent waiting for the server. Find the slow database queries behind this route (add an index, remove repeated per-item queries) with your framework's query log or APM.` },
          { text: 'Cache repeated reads for a short time per user (private cache or in-memory/Redis), and move slow work such as sending email or calling other services off the request into a background job.' },
          { text: 'Check that the app and its database run in the same region; a cross-region database adds a round trip to every query.' },
        ]
      : [],
    durationMs,
  })
}

const isApi = (m: UrlMeasurement) => /json|xml|graphql/i.test(m.contentType ?? '') || /\/api(\/|$)|\/graphql/.test(new URL(m.finalUrl).pathname)
const kb = (b: number | undefined) => (b === undefined ? 'unknown' : b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : b >= 1024 ? `${Math.round(b / 1024)} KB` : `${b} bytes`)

/** perf.payload: one finding for the site with every measured response's sizes. */
export function payloadFinding(target: string, ms: UrlMeasurement[], durationMs: number): Finding {
  const rows = ms
    .filter((m) => m.wireBytes !== undefined)
    .map((m) => ({
      url: m.finalUrl,
      api: isApi(m),
      contentType: m.contentType ?? null,
      encoding: m.contentEncoding ?? 'none',
      compressedBytes: m.contentEncoding ? m.wireBytes! : null,
      uncompressedBytes: m.decodedBytes ?? null,
      wireBytes: m.wireBytes!,
      truncated: m.truncated === true,
    }))
  if (rows.length === 0) return errorFinding('perf.payload', target, 'No response could be measured, so payload sizes are unknown.', durationMs)
  const big = rows.filter((r) => r.api && ((r.uncompressedBytes ?? r.wireBytes) > API_PAYLOAD_LIMIT || r.truncated))
  const biggest = [...rows].sort((a, b) => (b.uncompressedBytes ?? b.wireBytes) - (a.uncompressedBytes ?? a.wireBytes))[0]!
  return makeFinding('perf.payload', target, big.length ? 'fail' : 'pass', {
    title: big.length ? `${big.length} API response${big.length > 1 ? 's are' : ' is'} over 1 MB` : 'API responses stay under 1 MB',
    summary: big.length
      ? `${new URL(big[0]!.url).pathname} sends ${kb(big[0]!.uncompressedBytes ?? big[0]!.wireBytes)} of data per request, which is slow on phones and mobile networks.`
      : `The largest response we measured is ${new URL(biggest.url).pathname} at ${kb(biggest.uncompressedBytes ?? biggest.wireBytes)}${biggest.compressedBytes !== null ? ` (${kb(biggest.compressedBytes)} compressed)` : ''}.`,
    impact: big.length ? 'Users on mobile data wait for every screen that uses it and pay for the data.' : undefined,
    evidence: { responses: rows, limitBytes: API_PAYLOAD_LIMIT },
    fix: big.length
      ? [
          { text: 'Return one page of results at a time (for example 50 items with a cursor for the next page) instead of everything.' },
          { text: 'Send only the fields the screen shows, and make sure JSON responses are compressed (br or gzip) by the server or CDN.' },
        ]
      : [],
    durationMs,
  })
}
