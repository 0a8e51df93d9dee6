/**
 * The SPF record to publish for the project's providers: the current record's
 * own terms kept, the missing provider includes merged in, one strict `all`
 * at the end, and the lookup count checked against 10 — with, when it does
 * not fit, which terms to drop and what each would save.
 */
import type { SpfTreeNode } from '../../../shared/audit-data'
import type { SpfProposalView } from '../../../shared/contract/email'
import { includeIsProvider, type EmailProvider } from './providers'
import { parseSpf, type SpfTerm } from './spf-record'
import { SPF_LOOKUP_LIMIT } from './spf-tree'

/** The proposal (its shape is the contract's, so the app shows it as built). */
export type SpfProposal = SpfProposalView

/** Lookups a term costs with everything under it, from the tree when we walked it. */
function termCost(t: SpfTerm, tree: SpfTreeNode | undefined): number {
  if (!t.dnsLookup) return 0
  if (t.kind === 'include' && t.target && tree) {
    const child = tree.children.find((c) => c.via === 'include' && c.domain === t.target!.toLowerCase().replace(/\.$/, ''))
    if (child) return 1 + child.totalLookups
  }
  return 1
}

export function proposeSpf(current: string | null, tree: SpfTreeNode | undefined, providers: EmailProvider[], domain: string, measuredCost: Record<string, number> = {}): SpfProposal {
  const parsed = current ? parseSpf(current) : null
  const dead = new Set((tree?.children ?? []).filter((c) => c.via === 'include' && c.record === null && !/could not|did not answer|DNS server answered/i.test(c.error ?? '')).map((c) => c.domain))
  const kept = (parsed?.terms ?? []).filter((t) => t.kind !== 'all' && t.kind !== 'redirect' && t.kind !== 'ptr' && !t.error && !(t.kind === 'include' && t.target && dead.has(t.target.toLowerCase().replace(/\.$/, ''))))
  const notes: string[] = []
  if (parsed?.terms.some((t) => t.kind === 'ptr')) notes.push('We left out “ptr”: it is slow, unreliable and receivers may ignore it. If it covered a server of yours, add that server’s address as ip4:… instead.')
  if (dead.size) notes.push(`We left out ${[...dead].map((x) => `include:${x}`).join(', ')}: ${dead.size === 1 ? 'that domain has' : 'those domains have'} no SPF record, which breaks SPF for every message.`)
  if (parsed?.errors.length) notes.push(`We left out terms that are not valid SPF: ${parsed.errors.map((e) => e.term).join(', ')}.`)
  if (parsed?.redirect && !parsed.all) notes.push(`Your record hands over to ${parsed.redirect.target} (redirect=). We kept your other terms but replaced the redirect with an explicit “~all”; if ${parsed.redirect.target} lists servers you still use, copy its includes in.`)
  const added: string[] = []
  const costs = new Map<string, number>()
  for (const t of kept) costs.set(t.text, termCost(t, tree))
  for (const p of providers) {
    const present = kept.some((t) => t.kind === 'include' && t.target && includeIsProvider(t.target, p))
    if (present) continue
    if (p.spfMode === 'bounce') {
      notes.push(`${p.name} sends with its own return-path address, so it does not need to be in this record; SPF passes on the domain it sets up for you. Make sure its DKIM records are added (steps below).`)
      continue
    }
    const inc = p.spfIncludes[0]!
    added.push(inc)
    costs.set(`include:${inc}`, measuredCost[inc] ?? p.spfCost)
  }
  const qualifier = parsed?.all && (parsed.all.qualifier === '-' || parsed.all.qualifier === '~') ? parsed.all.qualifier : '~'
  const terms = [...kept.map((t) => t.text), ...added.map((i) => `include:${i}`), `${qualifier}all`]
  const record = `v=spf1 ${terms.join(' ')}`
  const lookups = [...costs.values()].reduce((a, b) => a + b, 0)
  const withinLimit = lookups <= SPF_LOOKUP_LIMIT
  const dropSuggestions: SpfProposal['dropSuggestions'] = []
  if (!withinLimit) {
    const candidates = [...costs.entries()].filter(([term, c]) => c > 0 && !added.some((a) => term === `include:${a}`))
    candidates.sort((a, b) => b[1] - a[1])
    for (const [term, saves] of candidates) {
      const t = kept.find((k) => k.text === term)
      const known = t?.kind === 'include' && t.target ? providers.find((p) => includeIsProvider(t.target!, p)) : undefined
      if (known) continue
      const reason =
        t?.kind === 'a' || t?.kind === 'mx'
          ? `Replace “${term}” with the addresses it stands for (ip4:… / ip6:…): same servers, no lookup.`
          : t?.kind === 'exists'
            ? `Drop “${term}” unless you know what it is for.`
            : `Drop “${term}” if you no longer send email through it (it costs ${saves} lookup${saves === 1 ? '' : 's'}).`
      dropSuggestions.push({ term, saves, reason })
    }
    notes.push(`This record needs ${lookups} lookups; receivers stop at ${SPF_LOOKUP_LIMIT} and then treat SPF as failed. Remove what you no longer use until it is ${SPF_LOOKUP_LIMIT} or fewer.`)
  }
  if (record.length > 255) notes.push(`The record is ${record.length} characters long. DNS stores text in pieces of at most 255 characters: most DNS providers split it for you; if yours asks, split it into quoted pieces with no space added.`)
  const unchanged = current !== null && current.trim().replace(/\s+/g, ' ').toLowerCase() === record.toLowerCase()
  if (unchanged) notes.push(`The SPF record at ${domain} already covers your providers; nothing to change.`)
  return { record, lookups, withinLimit, added, dropSuggestions, notes, unchanged }
}
