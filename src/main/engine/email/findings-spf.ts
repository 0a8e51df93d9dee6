/** The email.spf.* findings, in plain words, from the SPF lint and the proposed record. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import { providerTabs, recordSteps } from './fix-steps'
import { includeIsProvider, type EmailProvider } from './providers'
import type { SpfProposal } from './spf-build'
import { SPF_LOOKUP_LIMIT, SPF_VOID_LIMIT, treeLines, type SpfLint } from './spf-tree'

export interface SpfFindingInput {
  lint: SpfLint
  proposal: SpfProposal
  dnsProvider: string
  /** Providers the project lists that we know, and names we do not recognise. */
  configured: EmailProvider[]
  unknown: string[]
  /** Bounce-domain providers: what their return-path name publishes (null when we could not check). */
  bounce: Record<string, { name: string; ok: boolean | null; required: boolean }>
  durationMs: number
}

const IMPACT = 'Signup confirmations and password resets are the emails that land in spam first when SPF is wrong.'

/** Whether the record as published breaks SPF for every message (a permerror receivers will hit). */
export function spfBroken(l: SpfLint): string | null {
  if (l.records.length > 1) return `${l.domain} publishes ${l.records.length} SPF records`
  if (l.syntaxErrors.some((e) => e.domain === l.domain)) return `the SPF record of ${l.domain} has a syntax error`
  if (l.totalLookups > SPF_LOOKUP_LIMIT) return `the SPF record needs ${l.totalLookups} DNS lookups (the limit is ${SPF_LOOKUP_LIMIT})`
  if (l.totalVoid > SPF_VOID_LIMIT) return `the SPF record has ${l.totalVoid} lookups that find nothing (the limit is ${SPF_VOID_LIMIT})`
  if (l.missing.length) return `${l.missing[0]!.from} ${l.missing[0]!.via === 'include' ? 'includes' : 'hands over to'} ${l.missing[0]!.to}, which has no SPF record`
  if (l.loops.length) return `the SPF record includes itself in a loop (${l.loops[0]!.from} → ${l.loops[0]!.to})`
  if (l.mxOverLimit.length) return `an “mx” term points at more than ${SPF_LOOKUP_LIMIT} mail servers`
  return null
}

export function spfFindings(i: SpfFindingInput): Finding[] {
  const { lint, proposal } = i
  const d = lint.domain
  const at = { durationMs: i.durationMs }
  const ev = { records: lint.records, tree: treeLines(lint.tree), totalLookups: lint.totalLookups, voidLookups: lint.totalVoid }
  // Never hand over a record to paste that would itself break SPF: over 10 lookups, say what to remove first.
  const publish = proposal.withinLimit
    ? recordSteps(i.dnsProvider, d, d, 'TXT', proposal.record, lint.records.length === 1 ? { replace: lint.records[0]! } : {})
    : [{ text: `A record with everything your providers need would take ${proposal.lookups} DNS lookups; receivers stop at ${SPF_LOOKUP_LIMIT}. Remove what you no longer use first:` }, ...proposal.dropSuggestions.map((s) => ({ text: s.reason }))]
  const out: Finding[] = []
  const rootError = lint.rootLookup.status === 'error'
  if (rootError) {
    const reason = lint.rootLookup.reason ?? `We could not read the DNS records of ${d}.`
    for (const id of ['email.spf.present', 'email.spf.syntax', 'email.spf.lookups', 'email.spf.all', 'email.spf.authorizes']) out.push(errorFinding(id, d, reason, i.durationMs))
    return out
  }
  const none = lint.records.length === 0
  // email.spf.present
  if (none) {
    out.push(makeFinding('email.spf.present', d, 'fail', { ...at, title: `Anyone can send email pretending to be ${d}`, summary: `${d} publishes no SPF record, so receivers cannot tell your real email services from impostors, and your own emails are more likely to land in spam.`, impact: IMPACT, evidence: { ...ev, lookup: lint.rootLookup.status }, fix: [...publish, ...proposal.notes.map((text) => ({ text }))] }))
  } else if (lint.records.length > 1) {
    out.push(makeFinding('email.spf.present', d, 'fail', { ...at, title: `${d} has ${lint.records.length} SPF records, so SPF fails for every email`, summary: `Receivers treat more than one SPF record as a permanent error, so every email from ${d} fails SPF until they are merged into one.`, impact: IMPACT, evidence: ev, fix: [{ text: `Delete all ${lint.records.length} TXT records at ${d} that start with “v=spf1”, then add this single merged one:`, value: proposal.record }, ...providerTabs(i.dnsProvider, d, d)] }))
  } else {
    out.push(makeFinding('email.spf.present', d, 'pass', { ...at, title: `${d} publishes one SPF record`, summary: `Receivers can read which services may send email as ${d}.`, evidence: ev }))
  }
  const skip = (id: string, title: string) => out.push(makeFinding(id, d, 'skipped', { ...at, title, summary: `There is no SPF record at ${d} to check yet; add the one suggested under “One SPF record is published”.`, evidence: ev }))
  // email.spf.syntax
  if (none) skip('email.spf.syntax', 'SPF syntax: nothing to check yet')
  else {
    const own = lint.syntaxErrors.filter((e) => e.domain === d)
    const theirs = lint.syntaxErrors.filter((e) => e.domain !== d)
    const hints: string[] = []
    if (lint.ptrAt.length) hints.push(`The “ptr” mechanism is used (${lint.ptrAt.join(', ')}); RFC 7208 says not to: it is slow and some receivers skip it.`)
    for (const s of lint.longStrings) hints.push(`A text piece at ${s.domain} is ${s.length} characters; DNS allows at most 255 per piece.`)
    for (const b of lint.bigAnswers) hints.push(`The TXT answer for ${b.domain} is ${b.bytes} bytes, over 512: receivers without EDNS have to retry over TCP, and some give up. Remove unused TXT records (old verification codes) at ${b.domain}.`)
    for (const m of lint.missing) hints.unshift(`${m.via === 'include' ? `include:${m.to}` : `redirect=${m.to}`} points at a domain with no SPF record, so receivers stop there with a permanent error and SPF fails.`)
    if (lint.missing.length && !own.length && !theirs.length) {
      const m = lint.missing[0]!
      out.push(makeFinding('email.spf.syntax', d, 'fail', { ...at, title: `Your SPF record points at a record that does not exist`, summary: hints[0]!, impact: IMPACT, evidence: { ...ev, missing: lint.missing, hints }, fix: [{ text: `Remove ${m.via === 'include' ? `include:${m.to}` : `redirect=${m.to}`} (a typo, or a service you no longer use), or correct it to the include your provider documents.` }, ...publish] }))
    } else if (own.length || theirs.length) {
      const first = (own[0] ?? theirs[0])!
      out.push(makeFinding('email.spf.syntax', d, 'fail', { ...at, title: own.length ? `The SPF record of ${d} has a mistake, so SPF fails for every email` : `An SPF record you include has a mistake`, summary: own.length ? `Receivers stop at the first invalid term and treat SPF as failed: ${first.message}` : `${first.domain} (included from your record) has an invalid term, so SPF fails when receivers reach it: ${first.message}`, impact: IMPACT, evidence: { ...ev, errors: lint.syntaxErrors, hints }, fix: own.length ? [...publish, ...proposal.notes.map((text) => ({ text }))] : [{ text: `Remove include:${first.domain} if you no longer use that service, or contact its support about the broken record.` }] }))
    } else if (hints.length) {
      out.push(makeFinding('email.spf.syntax', d, 'warn', { ...at, title: `The SPF record of ${d} is valid but fragile`, summary: hints[0]!, evidence: { ...ev, hints }, fix: [...hints.slice(1).map((text) => ({ text })), ...publish] }))
    } else {
      out.push(makeFinding('email.spf.syntax', d, 'pass', { ...at, title: `The SPF record of ${d} is valid`, summary: 'Every term follows the SPF rules (RFC 7208).', evidence: ev }))
    }
  }
  // email.spf.lookups
  if (none) skip('email.spf.lookups', 'SPF lookups: nothing to check yet')
  else {
    const over = lint.totalLookups > SPF_LOOKUP_LIMIT
    const voidOver = lint.totalVoid > SPF_VOID_LIMIT
    const stuck = lint.problems.filter((p) => /could not|did not answer|DNS server answered/i.test(p.message))
    const evL = { ...ev, overLimitAt: lint.overLimitAt, loops: lint.loops, mxOverLimit: lint.mxOverLimit, problems: lint.problems }
    const dropFix = proposal.withinLimit ? publish : publish.length > 1 ? publish : []
    if (over || voidOver || lint.loops.length || lint.mxOverLimit.length) {
      const why = over
        ? `Your SPF record needs ${lint.totalLookups} DNS lookups; receivers stop at ${SPF_LOOKUP_LIMIT}${lint.overLimitAt ? ` (the total goes past ${SPF_LOOKUP_LIMIT} inside ${lint.overLimitAt})` : ''} and treat SPF as failed.`
        : voidOver
          ? `${lint.totalVoid} lookups in your SPF record find nothing; receivers allow ${SPF_VOID_LIMIT} and then treat SPF as failed.`
          : lint.loops.length
            ? `Your SPF record includes ${lint.loops[0]!.to} in a loop, so receivers give up with an error.`
            : `An “mx” term in your SPF record points at ${lint.mxOverLimit[0]!.hosts} mail servers; at most ${SPF_LOOKUP_LIMIT} are allowed.`
      out.push(makeFinding('email.spf.lookups', d, 'fail', { ...at, title: `SPF for ${d} is over its limits, so it fails for every email`, summary: why, impact: IMPACT, evidence: evL, fix: dropFix.length ? dropFix : [{ text: 'Remove includes of services you no longer use, and replace “a” and “mx” terms with the ip4:/ip6: addresses they stand for.' }] }))
    } else if (stuck.length) {
      out.push(errorFinding('email.spf.lookups', d, `We could not follow the whole SPF record, so we cannot say whether it stays within ${SPF_LOOKUP_LIMIT} lookups: ${stuck[0]!.message}`, i.durationMs, evL))
    } else {
      const status = lint.totalLookups >= 9 ? 'warn' : 'pass'
      out.push(makeFinding('email.spf.lookups', d, status, { ...at, title: status === 'warn' ? `SPF for ${d} is close to its lookup limit` : `SPF for ${d} stays within its lookup limits`, summary: `It uses ${lint.totalLookups} of ${SPF_LOOKUP_LIMIT} DNS lookups and ${lint.totalVoid} of ${SPF_VOID_LIMIT} empty ones.${status === 'warn' ? ' Adding one more email service will break it.' : ''}`, evidence: evL }))
    }
  }
  // email.spf.all
  if (none) skip('email.spf.all', 'SPF “all” rule: nothing to check yet')
  else {
    const all = lint.all
    const q = all ? (/^[+\-~?]/.test(all) ? all[0] : '+') : null
    if (q === '+' || q === '?') {
      const text = q === '+' ? `Your SPF record ends in “${all}”, which tells receivers that any server in the world may send as ${d}.` : `Your SPF record ends in “${all}”, which tells receivers to make no judgement about servers you did not list.`
      out.push(makeFinding('email.spf.all', d, 'fail', { ...at, title: q === '+' ? `Your SPF record lets anyone send as ${d}` : `Your SPF record does not protect ${d}`, summary: text, impact: 'Scammers can send “reset your password” emails that look like yours.', evidence: { ...ev, all }, fix: publish }))
    } else if (!all && !lint.redirect) {
      out.push(makeFinding('email.spf.all', d, 'fail', { ...at, title: `Your SPF record does not say what to do with other servers`, summary: `The record has no “all” rule at the end, so mail from servers you did not list gets a neutral result instead of failing.`, impact: 'Scammers can send email as you without SPF stopping them.', evidence: { ...ev, all: null }, fix: publish }))
    } else {
      out.push(makeFinding('email.spf.all', d, 'pass', { ...at, title: `SPF tells receivers to distrust other servers`, summary: all ? `The record ends in “${all}”: mail from servers you did not list ${q === '-' ? 'fails' : 'is marked suspicious'}.` : `The record hands over to ${lint.redirect} (redirect=), whose rules decide.`, evidence: { ...ev, all, redirect: lint.redirect } }))
    }
  }
  out.push(authorizesFinding(i, ev, publish))
  return out
}

function authorizesFinding(i: SpfFindingInput, ev: Record<string, unknown>, publish: ReturnType<typeof recordSteps>): Finding {
  const { lint, proposal } = i
  const d = lint.domain
  const at = { durationMs: i.durationMs }
  if (i.configured.length === 0 && i.unknown.length === 0) {
    return makeFinding('email.spf.authorizes', d, 'skipped', { ...at, title: 'Tell us which services send your email', summary: 'Add your email providers to the project (for example Google Workspace and Postmark) so we can check that SPF authorises each of them.', evidence: ev })
  }
  const rows = i.configured.map((p) => {
    const included = lint.includes.some((inc) => includeIsProvider(inc, p))
    if (included) return { provider: p.name, ok: true as boolean | null, how: 'included in your SPF record' }
    if (p.spfMode === 'bounce') {
      const b = i.bounce[p.id]
      if (b) {
        if (b.ok) return { provider: p.name, ok: true as boolean | null, how: `its return-path ${b.name} authorises it` }
        if (b.ok === null) return { provider: p.name, ok: null, how: `we could not check its return-path ${b.name}` }
        return { provider: p.name, ok: b.required ? false : null, how: b.required ? `its sending subdomain ${b.name} has no SPF record, so it cannot send for you yet` : `its custom return-path ${b.name} is not set up, so SPF passes only for ${p.name}'s own domain, not yours` }
      }
      return { provider: p.name, ok: true as boolean | null, how: 'sends with its own return-path domain (SPF passes there; DKIM carries your domain)' }
    }
    return { provider: p.name, ok: false as boolean | null, how: `not in your SPF record (needs include:${p.spfIncludes[0]})` }
  })
  const broken = spfBroken(lint)
  const missing = rows.filter((r) => r.ok === false)
  const unsure = rows.filter((r) => r.ok === null)
  const evA = { ...ev, providers: rows, unknownProviders: i.unknown, proposed: proposal.record, proposedLookups: proposal.lookups }
  const fix = [...publish, ...proposal.notes.map((text) => ({ text }))]
  if (lint.records.length === 0 || broken) {
    return makeFinding('email.spf.authorizes', d, 'fail', { ...at, title: `None of your email services pass SPF`, summary: lint.records.length === 0 ? `${d} has no SPF record, so ${rows.map((r) => r.provider).join(', ') || 'your providers'} cannot pass SPF.` : `Because ${broken}, receivers fail SPF for every service, including ${rows.map((r) => r.provider).join(', ')}.`, impact: IMPACT, evidence: evA, fix })
  }
  if (missing.length) {
    return makeFinding('email.spf.authorizes', d, 'fail', { ...at, title: `Email sent through ${missing.map((m) => m.provider).join(' and ')} is likely to land in spam`, summary: `Your SPF record does not list ${missing.map((m) => m.provider).join(' or ')}, so receivers see their servers as impostors for ${d}.`, impact: IMPACT, evidence: evA, fix })
  }
  if (unsure.length || i.unknown.length) {
    const reason = unsure.length ? `We could not confirm SPF for ${unsure.map((u) => u.provider).join(', ')}: ${unsure[0]!.how}.` : `We do not know how ${i.unknown.join(', ')} sends email, so we could not check it; make sure its setup page shows SPF as verified.`
    return makeFinding('email.spf.authorizes', d, 'warn', { ...at, title: 'Some email services could not be confirmed', summary: reason, evidence: evA, fix })
  }
  return makeFinding('email.spf.authorizes', d, 'pass', { ...at, title: `SPF authorises all your email services`, summary: rows.map((r) => `${r.provider}: ${r.how}.`).join(' '), evidence: evA })
}
