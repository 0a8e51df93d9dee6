/** The email.dkim and email.dmarc.* findings, in plain words. */
import type { Finding, FixStep } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import type { DkimKey } from './dkim'
import { launchDmarcRecord, REMOVED_TAGS, type DmarcState } from './dmarc'
import { recordSteps } from './fix-steps'
import type { EmailProvider } from './providers'

const SPAM = 'Signup confirmations and password resets are likely to land in spam.'

export function dkimFinding(domain: string, keys: DkimKey[], providers: EmailProvider[], durationMs: number): Finding {
  const tried = keys.map((k) => k.selector)
  const found = keys.filter((k) => k.record !== null)
  const errors = keys.filter((k) => k.status === 'error')
  const evidence = { selectorsTried: tried, keys: found.map((k) => ({ selector: k.selector, status: k.status, keyType: k.keyType, keyBits: k.keyBits, testing: k.testing, problem: k.problem, record: k.record })), dnsErrors: errors.map((e) => `${e.name}: ${e.problem}`) }
  const providerSteps: FixStep[] = providers.flatMap((p) => p.dkimSteps.map((text) => ({ text: `${p.name}: ${text}`, provider: p.id })))
  const addSelector: FixStep = { text: `If your provider uses another selector name (the part before ._domainkey in the DNS record it gave you), add it to the project under “DKIM selectors” and check again.`, setting: 'settings-dkim' }
  const at = { durationMs, evidence }
  const usable = found.filter((k) => k.status === 'ok' || k.status === 'short' || k.status === 'testing')
  if (found.length === 0) {
    if (errors.length) return errorFinding('email.dkim', domain, `We could not look up ${errors.length} of the ${tried.length} DKIM selectors we tried (${errors[0]!.problem}), so we cannot say whether your email is signed.`, durationMs, evidence)
    return makeFinding('email.dkim', domain, 'fail', {
      ...at,
      title: `We found no DKIM signature key for ${domain}`,
      summary: `We tried ${tried.length} selectors (${tried.slice(0, 8).join(', ')}${tried.length > 8 ? ', …' : ''}) and none has a key. Without DKIM, receivers cannot verify that your emails really come from you.`,
      impact: SPAM,
      fix: [...providerSteps, addSelector],
    })
  }
  const weak = found.filter((k) => k.status === 'weak')
  const revoked = found.filter((k) => k.status === 'revoked')
  const invalid = found.filter((k) => k.status === 'invalid')
  if (weak.length || (usable.length === 0 && (revoked.length || invalid.length))) {
    const k = (weak[0] ?? revoked[0] ?? invalid[0])!
    return makeFinding('email.dkim', domain, 'fail', {
      ...at,
      title: `The DKIM key “${k.selector}” does not work`,
      summary: `${k.name}: ${k.problem ?? 'the key cannot be used.'}`,
      impact: SPAM,
      fix: [...providerSteps, { text: `Generate a new 2048-bit key in your provider's DKIM settings and replace the record at ${k.name}.` }],
    })
  }
  const short = usable.filter((k) => k.status === 'short')
  const testing = usable.filter((k) => k.testing)
  const other = [...revoked, ...invalid]
  if (short.length || testing.length || other.length) {
    const k = (short[0] ?? testing[0] ?? other[0])!
    return makeFinding('email.dkim', domain, 'warn', {
      ...at,
      title: `Your emails are signed, but one DKIM key needs attention`,
      summary: `${k.name}: ${k.problem ?? ''}`.trim(),
      fix: [...(short.length ? [{ text: 'Rotate to a 2048-bit key in your provider’s DKIM settings (most offer it as an option).' }] : []), ...(testing.length ? [{ text: `Remove “t=y” from the record at ${testing[0]!.name} once mail is signed correctly.` }] : []), ...(other.length ? [{ text: `Delete the unused record at ${other[0]!.name}.` }] : [])],
    })
  }
  return makeFinding('email.dkim', domain, 'pass', {
    ...at,
    title: `Your emails can be signed with DKIM`,
    summary: `Found ${usable.length} working key${usable.length === 1 ? '' : 's'}: ${usable.map((k) => `${k.selector} (${k.keyType === 'ed25519' ? 'ed25519' : `RSA ${k.keyBits ?? '?'} bits`})`).join(', ')}. Send a test email and check that the signature passes.`,
  })
}

export function dmarcFindings(state: DmarcState, dnsProvider: string, durationMs: number): Finding[] {
  const d = state.domain
  if (state.error && !state.records.length) {
    return [errorFinding('email.dmarc.present', d, state.error, durationMs), errorFinding('email.dmarc.policy', d, state.error, durationMs)]
  }
  const launch = launchDmarcRecord(d, state.info)
  const publish = recordSteps(dnsProvider, d, `_dmarc.${d}`, 'TXT', launch.record, state.at === d && state.records.length === 1 ? { replace: state.records[0]! } : {})
  const evidence = { at: state.at, records: state.records, orgDomain: state.orgDomain, walked: state.walked, tags: state.info?.tags, problems: state.info?.problems ?? [], removedTags: (state.info?.removedTags ?? []).map((t) => REMOVED_TAGS[t]) }
  const mailboxNote: FixStep = { text: `The reports go to the rua= address: use a mailbox you read, or the address a DMARC report service gives you.` }
  const present: Finding =
    state.records.length > 1
      ? makeFinding('email.dmarc.present', d, 'fail', { durationMs, title: `${d} has ${state.records.length} DMARC records, so receivers ignore DMARC`, summary: state.error ?? '', impact: SPAM, evidence, fix: [{ text: `Delete all but one of the TXT records at _dmarc.${state.at}, keeping this one:`, value: launch.record }] })
      : !state.info
        ? makeFinding('email.dmarc.present', d, 'fail', { durationMs, title: `Password-reset emails from ${d} are likely to land in spam`, summary: `${d} publishes no DMARC policy. Gmail and Yahoo require one from bulk senders, and without it anyone can send email that looks like yours.`, impact: SPAM, evidence, fix: [...publish, mailboxNote, ...launch.next.map((text) => ({ text }))] })
        : !state.info.valid
          ? makeFinding('email.dmarc.present', d, 'fail', { durationMs, title: `The DMARC record of ${d} is not valid, so receivers ignore it`, summary: state.info.problems[0] ?? 'The record could not be read.', impact: SPAM, evidence, fix: [...publish, mailboxNote] })
          : makeFinding('email.dmarc.present', d, 'pass', { durationMs, title: `${d} publishes a DMARC policy`, summary: state.at === d ? `Found at _dmarc.${d}.` : `${d} has none of its own, so receivers use the nearest one above it, at _dmarc.${state.at} (the RFC 9989 tree walk).`, evidence })
  if (!state.info?.valid) {
    return [present, makeFinding('email.dmarc.policy', d, 'skipped', { durationMs, title: 'DMARC policy: nothing to check yet', summary: 'Publish a valid DMARC record first (see “A DMARC policy is published”).', evidence })]
  }
  const info = state.info
  const rua = info.rua.filter((u) => u.valid)
  const badUris = [...info.rua, ...info.ruf].filter((u) => !u.valid)
  const unauthorised = [...info.rua, ...info.ruf].filter((u) => u.valid && u.external && u.authorized === false)
  const removed = info.removedTags.map((t) => ({ text: REMOVED_TAGS[t]! }))
  const authSteps: FixStep[] = unauthorised.map((u) => ({ text: `Ask the owner of ${u.domain} (your DMARC report service) to publish this TXT record at ${state.at}._report._dmarc.${u.domain}, or send reports to an address at ${state.at} instead:`, value: 'v=DMARC1' }))
  let policy: Finding
  if (info.policy === 'none' && rua.length === 0) {
    policy = makeFinding('email.dmarc.policy', d, 'fail', { durationMs, title: `Nobody would notice if someone sent email as ${d}`, summary: `Your DMARC policy is “none” and asks for no reports, so it neither protects your domain nor tells you who sends as you.`, impact: 'Phishing that uses your name goes unseen; delivery problems go unseen too.', evidence, fix: [...publish, mailboxNote, ...launch.next.map((text) => ({ text })), ...removed] })
  } else if (badUris.length || unauthorised.length) {
    const u = (badUris[0] ?? unauthorised[0])!
    policy = makeFinding('email.dmarc.policy', d, 'warn', { durationMs, title: `DMARC reports for ${d} will not arrive`, summary: u.problem ?? `${u.uri} cannot receive reports.`, evidence, fix: [...authSteps, ...(badUris.length ? publish : []), ...removed] })
  } else if (info.policy === 'none') {
    policy = makeFinding('email.dmarc.policy', d, 'warn', { durationMs, title: `DMARC is watching, not yet protecting ${d}`, summary: `The policy is “none” with reports going to ${rua.map((r) => r.uri.replace(/^mailto:/i, '')).join(', ')}: a good launch setting. Tighten it once the reports show only your own services.`, evidence, fix: [...launch.next.slice(1).map((text) => ({ text })), ...removed] })
  } else if (info.pct !== undefined && info.pct < 100) {
    policy = makeFinding('email.dmarc.policy', d, 'warn', { durationMs, title: `The DMARC policy of ${d} only applies to part of your mail`, summary: `pct=${info.pct} applies “${info.policy}” to ${info.pct}% of failing mail. RFC 9989 removed pct; receivers may ignore it.`, evidence, fix: [...removed, ...publish] })
  } else {
    policy = makeFinding('email.dmarc.policy', d, 'pass', { durationMs, title: `DMARC protects ${d}`, summary: `Policy “${info.policy}”${rua.length ? ', with reports' : ' (no reports requested: add rua=mailto:… to see who sends as you)'}: email that fails the checks is ${info.policy === 'reject' ? 'refused' : 'sent to spam'}.${removed.length ? ` Note: ${info.removedTags.join(', ')} ${info.removedTags.length === 1 ? 'is' : 'are'} no longer part of DMARC (RFC 9989) and can be removed.` : ''}`, evidence, ...(removed.length ? { fix: removed } : {}) })
  }
  return [present, policy]
}
