/**
 * SPF check_host() (RFC 7208) for one connecting IP, sender and HELO name.
 * The evaluator is mailauth's (7.1.0 passes all 203 cases of the RFC 7208
 * suite with `strict: true`; tests/conformance/spf.test.ts runs them through
 * our DNS client and the fixture server), resolving through the engine's
 * Resolver seam so --dns-server, timeouts and the fixtures all apply.
 */
import { spf } from 'mailauth/lib/spf/index.js'
import type { Resolver } from '../types'
import { mailauthResolver } from './dns'

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror'

export interface SpfEvaluation {
  result: SpfResult
  /** The domain whose record was evaluated. */
  domain: string
  ip: string
  sender: string
  helo: string
  /** mailauth's comment (`domain of … designates … as permitted sender`). */
  comment: string
  /** The record it evaluated, when one was found. */
  record?: string
  /** The explanation (exp=) the domain publishes, on fail. Third-party text. */
  explanation?: string
  /** The Received-SPF header a receiver would add. */
  header: string
  lookups?: { limit: number; count: number; void: number }
}

export interface SpfEvalInput {
  ip: string
  /** MAIL FROM address (`user@domain`), or empty for a bounce (then the HELO identity is checked). */
  sender?: string
  helo?: string
  timeoutMs?: number
  signal?: AbortSignal
  /** Whole evaluation limit (RFC 7208 §4.6.4 suggests at least 20 s). Default 20 s. */
  maxElapsedMs?: number
}

const RESULTS = new Set<SpfResult>(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'])

export async function evaluateSpf(resolver: Resolver, input: SpfEvalInput): Promise<SpfEvaluation> {
  const helo = input.helo ?? ''
  const sender = input.sender ?? ''
  let r: Awaited<ReturnType<typeof spf>>
  try {
    r = await spf({
      ip: input.ip,
      sender,
      helo,
      mta: 'launch-ready.local',
      resolver: mailauthResolver(resolver, { ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}), ...(input.signal ? { signal: input.signal } : {}) }) as never,
      strict: true,
      maxElapsedTime: input.maxElapsedMs ?? 20_000,
    })
  } catch (e) {
    // Never a pass: anything the evaluator could not finish is a temporary error, with the reason.
    const comment = `the SPF evaluation stopped: ${e instanceof Error ? e.message : String(e)}`
    const domain = (sender.split('@')[1] ?? helo).toLowerCase()
    return { result: 'temperror', domain, ip: input.ip, sender, helo, comment, header: `Received-SPF: temperror (${comment}) client-ip=${input.ip};` }
  }
  const raw = String(r.status.result)
  const result: SpfResult = RESULTS.has(raw as SpfResult) ? (raw as SpfResult) : 'temperror'
  return {
    result,
    domain: r.domain,
    ip: input.ip,
    sender,
    helo,
    comment: r.status.comment ?? '',
    ...(r.rr ? { record: r.rr } : {}),
    ...(r.explanation ? { explanation: r.explanation } : {}),
    header: r.header,
    ...(r.lookups ? { lookups: { limit: r.lookups.limit, count: r.lookups.count, void: r.lookups.void } } : {}),
  }
}

/** One plain sentence for a result, for the app and the CLI. */
export function describeSpfResult(e: SpfEvaluation): string {
  const who = `${e.ip}${e.sender ? ` sending as ${e.sender}` : e.helo ? ` introducing itself as ${e.helo}` : ''}`
  switch (e.result) {
    case 'pass':
      return `${e.domain} allows ${who}: SPF passes.`
    case 'fail':
      return `${e.domain} says ${who} is not allowed: receivers may reject the message.`
    case 'softfail':
      return `${e.domain} says ${who} is probably not allowed: the message is likely to land in spam.`
    case 'neutral':
      return `${e.domain} makes no statement about ${who}: SPF neither helps nor hurts.`
    case 'none':
      return `${e.domain} publishes no SPF record, so receivers cannot tell whether ${who} may send for it.`
    case 'permerror':
      return `${e.domain}'s SPF record is broken, so receivers treat SPF as failed for every message (${e.comment || 'permanent error'}).`
    case 'temperror':
      return `SPF for ${e.domain} could not be evaluated because DNS did not answer in time or failed (${e.comment || 'temporary error'}).`
  }
}
