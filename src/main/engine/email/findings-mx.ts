/** The email.mx, email.mta-sts and email.tls-rpt findings, in plain words. */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import { providerTabs, recordSteps } from './fix-steps'
import type { MtaStsState, MxState, TlsRptState } from './mx'
import type { EmailProvider } from './providers'

const RECEIVING = new Set(['google-workspace', 'microsoft-365', 'zoho'])

export function mxFinding(d: string, s: MxState, providers: EmailProvider[], dnsProvider: string, durationMs: number): Finding {
  const evidence = { mx: s.mx, nullMx: s.nullMx, dangling: s.dangling, rcode: s.lookup.rcode }
  const inbox = providers.find((p) => RECEIVING.has(p.id))
  if (s.lookup.status === 'error') return errorFinding('email.mx', d, s.lookup.reason ?? 'DNS did not answer.', durationMs, evidence)
  if (s.nullMx) {
    if (inbox) return makeFinding('email.mx', d, 'fail', { durationMs, evidence, title: `${d} refuses all incoming email`, summary: `The domain publishes a “null MX” (no mail accepted), yet you use ${inbox.name} for mailboxes: replies to your emails bounce.`, fix: [{ text: `Replace the “0 .” MX record at ${d} with the MX records ${inbox.name} gives you in its setup page.` }] })
    return makeFinding('email.mx', d, 'pass', { durationMs, evidence, title: `${d} says it receives no email`, summary: 'The domain publishes a “null MX” (RFC 7505), a valid choice when nobody should write to it. Make sure your emails use a reply-to address that does receive mail.' })
  }
  if (s.mx.length === 0) {
    return makeFinding('email.mx', d, 'fail', {
      durationMs,
      evidence,
      title: `Replies to your emails have nowhere to go`,
      summary: s.lookup.status === 'nxdomain' ? `${d} does not exist in DNS, so no email can reach it.` : `${d} has no MX record, so customers who reply to a signup email or write to support@${d} get a bounce.`,
      impact: 'Customers who reply to your onboarding emails are silently lost.',
      fix: inbox
        ? [{ text: `Add the MX records from ${inbox.name}'s setup page.`, provider: inbox.id }]
        : [{ text: 'Set up a mailbox provider for your domain (for example Google Workspace or Microsoft 365) and add the MX records it gives you.' }, { text: 'If nobody should ever write to this domain, publish a “null MX” instead (an MX record at @ with priority 0 and the value “.”):', value: '0 .' }, ...providerTabs(dnsProvider, d, d)],
    })
  }
  if (s.dangling.length) {
    return makeFinding('email.mx', d, 'fail', { durationMs, evidence, title: `A mail server for ${d} does not exist`, summary: `${s.dangling.join(', ')} ${s.dangling.length === 1 ? 'is' : 'are'} listed as mail server${s.dangling.length === 1 ? '' : 's'} but ${s.dangling.length === 1 ? 'has' : 'have'} no address, so some email to you is delayed or bounces.`, fix: [{ text: `Remove the MX record${s.dangling.length === 1 ? '' : 's'} pointing at ${s.dangling.join(', ')}, or correct the host name to the one your mail provider gives you.` }] })
  }
  return makeFinding('email.mx', d, 'pass', { durationMs, evidence, title: `Email to ${d} has somewhere to go`, summary: `Mail is delivered to ${s.mx.map((m) => m.exchange).join(', ')}.` })
}

export function mtaStsFinding(d: string, s: MtaStsState, mxHosts: string[], dnsProvider: string, durationMs: number): Finding {
  const evidence = { record: s.record, policyUrl: s.policyUrl, policy: s.policyText, mode: s.policy?.mode, maxAge: s.policy?.maxAge, mxPatterns: s.policy?.mx, uncoveredMx: s.uncoveredMx }
  if (s.dnsError) return errorFinding('email.mta-sts', d, s.dnsError, durationMs, evidence)
  const patterns = [...new Set(mxHosts.map((h) => h))]
  const sample = `version: STSv1\nmode: testing\n${patterns.map((p) => `mx: ${p}`).join('\n') || 'mx: mail.example.com'}\nmax_age: 604800\n`
  if (!s.record) {
    return makeFinding('email.mta-sts', d, 'skipped', { durationMs, evidence, title: 'MTA-STS is not set up (optional)', summary: `MTA-STS makes other mail servers insist on an encrypted connection when they deliver to ${d}. It is optional at launch.`, fix: [{ text: `Serve this file at ${s.policyUrl} (plain text, HTTPS with a valid certificate):`, value: sample }, ...recordSteps(dnsProvider, d, `_mta-sts.${d}`, 'TXT', `v=STSv1; id=${new Date().toISOString().slice(0, 10).replace(/-/g, '')}01`)] })
  }
  const problem = s.recordProblem ?? s.fetchProblem ?? s.policy?.problems[0] ?? (s.uncoveredMx.length ? `The policy does not cover your mail server${s.uncoveredMx.length === 1 ? '' : 's'} ${s.uncoveredMx.join(', ')}, so senders that enforce it will refuse to deliver there.` : undefined)
  if (problem) {
    return makeFinding('email.mta-sts', d, 'fail', { durationMs, evidence, title: `The MTA-STS setup of ${d} is broken`, summary: problem, impact: s.policy?.mode === 'enforce' ? 'Some email to you may be refused.' : undefined, fix: [{ text: `Serve a valid policy at ${s.policyUrl} (HTTP 200, text/plain, no redirect), for example:`, value: sample }, { text: `Change the id= in the _mta-sts.${d} TXT record whenever you change the policy.` }] })
  }
  if (s.policy?.mode === 'none') {
    // RFC 8461 §8.3: mode none is how a domain retires MTA-STS, so "switch to enforce" can be the wrong advice.
    return makeFinding('email.mta-sts', d, 'warn', {
      durationMs,
      evidence,
      severity: 'info',
      title: `MTA-STS for ${d} is being switched off (mode: none)`,
      summary: 'mode: none tells senders to forget any earlier policy (RFC 8461 §8.3): mail is not protected by MTA-STS. That is right while you retire it; if you want the protection, move to testing first, then enforce.',
      fix: [
        { text: `If you are retiring MTA-STS: keep this policy and its TXT record for at least the old max_age (${s.policy.maxAge ?? 'its'} seconds), then remove the _mta-sts.${d} TXT record and the policy file.` },
        { text: `If you want the protection: change “mode: none” to “mode: testing” in ${s.policyUrl} and change the id= in the _mta-sts.${d} TXT record; switch to enforce once TLS reports (TLS-RPT) show no failures.` },
      ],
    })
  }
  if (s.policy?.mode === 'testing') {
    return makeFinding('email.mta-sts', d, 'warn', { durationMs, evidence, title: `MTA-STS for ${d} is in testing mode`, summary: 'Senders report problems but still deliver over unencrypted connections. Switch to “mode: enforce” once TLS reports are clean.', fix: [{ text: `Change “mode: testing” to “mode: enforce” in ${s.policyUrl}, and change the id= in the _mta-sts.${d} TXT record.` }] })
  }
  const short = (s.policy?.maxAge ?? 0) < 86400
  return makeFinding('email.mta-sts', d, short ? 'warn' : 'pass', { durationMs, evidence, title: short ? `MTA-STS for ${d} expires quickly` : `Mail to ${d} must arrive encrypted`, summary: short ? `max_age is ${s.policy?.maxAge ?? 0} seconds; senders forget the policy that fast. Use at least 604800 (one week).` : 'The MTA-STS policy is valid, enforced and covers every mail server.' })
}

export function tlsRptFinding(d: string, s: TlsRptState, dnsProvider: string, durationMs: number): Finding {
  const value = `v=TLSRPTv1; rua=mailto:tls-reports@${d}`
  const evidence = { record: s.record }
  if (s.dnsError) return errorFinding('email.tls-rpt', d, s.dnsError, durationMs, evidence)
  if (!s.record) return makeFinding('email.tls-rpt', d, 'fail', { durationMs, evidence, title: 'You would not hear about failed encrypted deliveries', summary: `${d} asks for no TLS reports, so if other mail servers cannot deliver to you securely, nobody tells you.`, fix: recordSteps(dnsProvider, d, `_smtp._tls.${d}`, 'TXT', value) })
  if (s.problem) return makeFinding('email.tls-rpt', d, 'fail', { durationMs, evidence, title: 'The TLS report record does not work', summary: s.problem, fix: recordSteps(dnsProvider, d, `_smtp._tls.${d}`, 'TXT', value, { replace: s.record }) })
  return makeFinding('email.tls-rpt', d, 'pass', { durationMs, evidence, title: 'TLS delivery reports are requested', summary: 'Mail servers that cannot deliver to you securely will send a report.' })
}
