/**
 * The dns suite: every dns.* check of the catalog, and the run's DNS map
 * artifact. Answers come from ctx.resolver (memoised per run, shared with the
 * surface walk); the authoritative servers are asked directly on port 53 (or
 * `ctx.portMap[53]`); public resolvers only for dns.propagation, and only
 * when the system resolver is in use (never for a chosen or fixture server).
 */
import { makeFinding } from '../finding'
import { publishArtifact } from '../run/artifacts'
import type { CheckSuite, SuiteContext } from '../types'
import { hostsOf } from '../web/surface'
import { checker, wants } from '../web/util'
import { caaFinding, checkExpected, expectedFinding, nsConsistencyFinding, propagationFinding, type PropagationOptions } from './checks-authority'
import { cnameAtApexFinding, danglingFinding, nameState, privateAddressFinding, resolvesFinding, ttlFinding, type NameState } from './checks-resolve'
import { dnsMap } from './map'
import { norm } from './query'

export interface DnsSuiteOptions extends PropagationOptions {
  /** Per-query timeout, ms (default 3000). */
  timeoutMs?: number
}

export const DNS_IDS = ['dns.apex.resolves', 'dns.www.resolves', 'dns.subdomain.resolves', 'dns.cname-at-apex', 'dns.dangling', 'dns.private-address', 'dns.ttl', 'dns.ns-consistency', 'dns.propagation', 'dns.expected', 'dns.caa'] as const

export function createDnsSuite(opts: DnsSuiteOptions = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 3000
  return {
    id: 'dns',
    checkIds: DNS_IDS,
    plan: (ctx) => DNS_IDS.filter((id) => wants(ctx, id)).length + (wants(ctx, 'dns.subdomain.resolves') ? Math.max(0, ctx.target.subdomains.length - 1) : 0),
    async run(ctx: SuiteContext, sink) {
      const apex = norm(ctx.target.domain)
      const www = `www.${apex}`
      const check = checker(ctx, sink)
      const hosts = hostsOf(ctx)
      const statesP = Promise.all(hosts.map((h) => nameState(ctx, h.host, timeoutMs)))
      const stateOf = async (name: string): Promise<NameState> => (await statesP).find((s) => s.name === name)!
      const configured = hosts.filter((h) => h.kind === 'configured')
      publishArtifact(
        ctx,
        'dnsMap',
        (async () => {
          const states = await statesP
          const present = states.filter((s) => s.name === apex || s.name === www || hosts.find((h) => h.host === s.name)?.kind === 'configured' || (s.a.ok && s.a.res.answers.length > 0))
          return dnsMap(ctx, present.map((s) => s.name), await checkExpected(ctx, timeoutMs), timeoutMs)
        })(),
      )
      await Promise.all([
        check('dns.apex.resolves', apex, async () => resolvesFinding(ctx, 'dns.apex.resolves', await stateOf(apex), 'your main site')),
        check('dns.www.resolves', www, async () => resolvesFinding(ctx, 'dns.www.resolves', await stateOf(www), 'the www address')),
        ...(configured.length
          ? configured.map((h) => check('dns.subdomain.resolves', h.host, async () => resolvesFinding(ctx, 'dns.subdomain.resolves', await stateOf(h.host), `the ${h.host.split('.')[0]} subdomain`)))
          : [check('dns.subdomain.resolves', apex, () => makeFinding('dns.subdomain.resolves', apex, 'skipped', { title: 'No subdomains configured', summary: 'The project lists no subdomains (like app. or api.), so there is nothing to check here.', evidence: {} }))]),
        check('dns.cname-at-apex', apex, () => cnameAtApexFinding(ctx, apex, timeoutMs)),
        check('dns.dangling', apex, async () => danglingFinding(ctx, await statesP, timeoutMs)),
        check('dns.private-address', apex, async () => privateAddressFinding(ctx, await statesP)),
        check('dns.ttl', apex, async () => ttlFinding(ctx, (await statesP).filter((s) => s.name === apex || s.name === www || configured.some((h) => h.host === s.name)), timeoutMs)),
        check('dns.ns-consistency', apex, () => nsConsistencyFinding(ctx, timeoutMs)),
        check('dns.propagation', apex, () => propagationFinding(ctx, timeoutMs, opts)),
        check('dns.expected', apex, () => expectedFinding(ctx, timeoutMs)),
        check('dns.caa', apex, () => caaFinding(ctx, timeoutMs)),
      ])
    },
  }
}
