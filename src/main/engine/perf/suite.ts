/**
 * perfSuite: perf.ttfb, perf.latency and perf.payload. (perf.load is explicit
 * only: it runs from perf.startLoad or `launch-ready load`, never in an audit.)
 * Requests are sequential and spaced so an audit never bursts at the site.
 */
import type { CheckSuite, SuiteContext } from '../types'
import type { Finding } from '../../../shared/model'
import { makeFinding } from '../finding'
import { TTFB_TARGET_MS, VERTICAL_INFO } from '../../../shared/verticals'
import { criticalRoutes, publicPages, skipReason, type RouteSpec } from './routes'
import { measureUrl, type AuthSpec, type UrlMeasurement } from './measure'
import { latencyFinding, payloadFinding, ttfbFinding } from './findings'
import { lookupFromResolver } from './lookup'
import type { LookupFn } from './wire'

export interface PerfSuiteOptions {
  /** Requests per page or route (default 20). */
  samples?: number
  /** Pause between requests in ms (default 100). */
  spacingMs?: number
  timeoutMs?: number
  /** Replaces the canonical https://[www.]domain origin (the CLI, staging). */
  baseUrl?: string
  /** Extra public pages to measure for TTFB. */
  pages?: string[]
  /** Measure only these pages (no homepage discovery). */
  pagesOnly?: boolean
  /** Overrides the lookup built from ctx.resolver. */
  lookup?: LookupFn
}

export const PERF_SUITE_IDS = ['perf.ttfb', 'perf.latency', 'perf.payload'] as const

export function createPerfSuite(opts: PerfSuiteOptions = {}): CheckSuite {
  const samples = Math.max(1, Math.min(200, opts.samples ?? 20))
  const spacingMs = opts.spacingMs ?? 100
  const timeoutMs = opts.timeoutMs ?? 10_000
  const pagesOf = (ctx: SuiteContext) => (opts.pagesOnly ? [...(opts.pages ?? [])] : [...new Set([...publicPages(ctx.target, opts.baseUrl), ...(opts.pages ?? [])])])
  const wants = (ctx: SuiteContext, id: string) => !ctx.only || ctx.only.has(id)
  return {
    id: 'perf',
    checkIds: PERF_SUITE_IDS,
    plan(ctx) {
      return (wants(ctx, 'perf.ttfb') ? pagesOf(ctx).length : 0) + (wants(ctx, 'perf.latency') ? criticalRoutes(ctx.target, opts.baseUrl).length : 0) + (wants(ctx, 'perf.payload') ? 1 : 0)
    },
    async run(ctx, sink) {
      const lookup = opts.lookup ?? lookupFromResolver(ctx.resolver)
      const net = { lookup, ...(ctx.extraCa?.length ? { ca: ctx.extraCa } : {}), timeoutMs, signal: ctx.signal, deadline: ctx.deadline, spacingMs, samples }
      const measured: UrlMeasurement[] = []
      const emit = (f: Finding) => sink.finding(f)
      const now = () => ctx.clock.monotonic()
      const doPayload = wants(ctx, 'perf.payload')

      if (wants(ctx, 'perf.ttfb') || doPayload) {
        for (const url of pagesOf(ctx)) {
          if (ctx.signal.aborted) return
          const show = wants(ctx, 'perf.ttfb')
          if (show) sink.start('perf.ttfb', url)
          const t0 = now()
          const m = await measureUrl({ ...net, url, samples: show ? samples : 1 })
          measured.push(m)
          if (show) emit(ttfbFinding(m, TTFB_TARGET_MS, now() - t0))
        }
      }
      if (wants(ctx, 'perf.latency') || doPayload) {
        const info = VERTICAL_INFO[ctx.target.vertical]
        for (const r of criticalRoutes(ctx.target, opts.baseUrl)) {
          if (ctx.signal.aborted) return
          const show = wants(ctx, 'perf.latency')
          if (show) sink.start('perf.latency', r.url)
          const t0 = now()
          const skip = skipReason(r)
          if (skip) {
            if (show) emit(makeFinding('perf.latency', r.url, 'skipped', { title: `“${r.label}” was not run`, summary: skip, evidence: { route: r.label, method: r.method, url: r.url, targetMs: info.p95TargetMs } }))
            continue
          }
          let auth: AuthSpec | undefined
          if (r.credential) {
            const value = await ctx.secrets?.get(r.credential)
            if (!value) {
              if (show) emit(makeFinding('perf.latency', r.url, 'error', { title: `“${r.label}”: could not check`, summary: `The credential “${r.credential}” is not in the keychain, so we cannot sign in to measure “${r.label}”. Add it under Credentials.`, evidence: { route: r.label, credential: r.credential, reason: 'credential missing' } }))
              continue
            }
            auth = { kind: r.authKind ?? 'bearer', value, name: r.credential, ...(r.authHeader ? { header: r.authHeader } : {}) }
          }
          const m = await measureUrl({ ...net, url: r.url, method: r.method, ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}), ...(auth ? { auth } : {}), samples: show ? samples : 1 })
          measured.push(m)
          if (show) emit(latencyFinding(m, r, info.p95TargetMs, now() - t0))
        }
      }
      if (doPayload && !ctx.signal.aborted) {
        const target = opts.pagesOnly && opts.pages?.[0] ? new URL(opts.pages[0]).host : ctx.target.domain
        sink.start('perf.payload', target)
        emit(payloadFinding(target, measured, 0))
      }
    },
  }
}

export const perfSuite: CheckSuite = createPerfSuite()
export type { RouteSpec }
