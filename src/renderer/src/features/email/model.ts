/** Pure helpers for the Stage 2 email panel: record rows, tree labels, hand-test outcome words. No DOM, no React. */
import type { Status } from '../../../../shared/catalog'
import type { EmailView } from '../../../../shared/contract/email'
import type { SpfTreeNode } from '../../../../shared/audit-data'

export interface RecordRow {
  id: string
  label: string
  /** Where it lives in DNS. */
  name: string
  value: string
  status: Status
  /** The check whose finding decides the status. */
  checkId: string
}

const statusOf = (v: EmailView, ...ids: string[]): Status => {
  const order: Status[] = ['error', 'fail', 'warn', 'pass', 'skipped']
  const found = v.findings.filter((f) => ids.includes(f.checkId)).map((f) => f.status)
  return order.find((s) => found.includes(s)) ?? 'skipped'
}

/** One row per record the panel shows, with what we found (or "none"). */
export function recordRows(v: EmailView): RecordRow[] {
  const d = v.domain
  const s = v.state
  const rows: RecordRow[] = [
    { id: 'mx', label: 'Mail servers (MX)', name: d, value: s.nullMx ? '0 . (null MX: receives no email)' : s.mx.length ? s.mx.map((m) => `${m.preference} ${m.exchange}`).join('\n') : 'none', status: statusOf(v, 'email.mx'), checkId: 'email.mx' },
    { id: 'spf', label: 'SPF', name: d, value: s.spf.length ? s.spf.join('\n') : 'none', status: statusOf(v, 'email.spf.present', 'email.spf.syntax', 'email.spf.lookups', 'email.spf.all'), checkId: 'email.spf.present' },
  ]
  const keys = s.dkim.filter((k) => k.record)
  if (keys.length === 0) rows.push({ id: 'dkim', label: 'DKIM', name: `<selector>._domainkey.${d}`, value: `none found (tried ${s.dkimSelectorsTried.length} selectors)`, status: statusOf(v, 'email.dkim'), checkId: 'email.dkim' })
  for (const k of keys) {
    const size = k.keyType === 'ed25519' ? 'ed25519' : k.keyBits ? `RSA ${k.keyBits} bits` : (k.keyType ?? 'key')
    rows.push({ id: `dkim-${k.selector}`, label: `DKIM (${k.selector})`, name: `${k.selector}._domainkey.${d}`, value: `${size}: ${k.status === 'ok' ? 'working' : k.status}`, status: k.status === 'ok' ? 'pass' : k.status === 'short' || k.status === 'testing' ? 'warn' : 'fail', checkId: 'email.dkim' })
  }
  rows.push(
    { id: 'dmarc', label: 'DMARC', name: `_dmarc.${s.dmarcAt ?? d}`, value: s.dmarc ?? 'none', status: statusOf(v, 'email.dmarc.present', 'email.dmarc.policy'), checkId: 'email.dmarc.present' },
    { id: 'mta-sts', label: 'MTA-STS', name: `_mta-sts.${d}`, value: s.mtaSts?.record ? `${s.mtaSts.record}${s.mtaSts.mode ? ` (mode: ${s.mtaSts.mode})` : ''}` : 'none (optional)', status: statusOf(v, 'email.mta-sts'), checkId: 'email.mta-sts' },
    { id: 'tls-rpt', label: 'TLS-RPT', name: `_smtp._tls.${d}`, value: s.tlsRpt ?? 'none', status: statusOf(v, 'email.tls-rpt'), checkId: 'email.tls-rpt' },
  )
  return rows
}

/** "3 lookups here, 7 with everything below" for a tree node. */
export function nodeCounts(n: SpfTreeNode): string {
  const own = `${n.lookups} lookup${n.lookups === 1 ? '' : 's'} here`
  const below = n.children.length ? `, ${n.totalLookups} with everything it includes` : ''
  const voids = n.voidLookups ? `, ${n.voidLookups} empty` : ''
  return `${own}${below}${voids}`
}

export function lookupSummary(v: EmailView): string {
  const { totalLookups: n, totalVoid, overLimitAt } = v.spf
  if (v.spf.records.length === 0) return 'There is no SPF record yet, so there is nothing to count.'
  if (n > 10) return `Your SPF record needs ${n} DNS lookups; receivers stop at 10 and treat SPF as failed. The total goes past 10 at ${overLimitAt ?? 'the marked record'}.`
  return `Your SPF record uses ${n} of 10 DNS lookups and ${totalVoid} of 2 empty ones.`
}

export const OUTCOME_WORDS: Record<string, { icon: string; word: string; tone: 'ok' | 'warn' | 'danger' }> = {
  passed: { icon: '✓', word: 'Passed: every mailbox got it in the inbox, with DMARC passing', tone: 'ok' },
  'partly-verified': { icon: '!', word: 'Partly verified: test the remaining mailboxes or read the DMARC result', tone: 'warn' },
  problems: { icon: '✗', word: 'Problems: some mail went to spam, went missing, or failed a check', tone: 'danger' },
}
