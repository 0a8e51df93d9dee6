/**
 * Markdown export of the handover pack (for Notion, GitHub or a wiki).
 * Deterministic: the same model always gives the same text.
 */
import { doneWords, splitDeferredItems, type ReportModel } from '../../shared/report-model'
import { SEVERITY_WORD, STATUS_WORD, fmtDate, fmtMs, spfTreeLines } from './format'
import { VERDICT_TEXT, keyEvidence, reportSections } from './sections'

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
const cell = (s: string | number | null | undefined, empty = '—') => (s === null || s === undefined || s === '' ? empty : esc(String(s)))
const NR = '*not recorded*'

function table(head: string[], rows: (string | number | null | undefined)[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => cell(c)).join(' | ')} |`)].join('\n')
}

function block(text: string): string {
  return text ? text.split(/\r?\n/).map((l) => (l.trim() ? l : '')).join('\n') : NR
}

export function toMarkdown(m: ReportModel): string {
  const out: string[] = []
  const push = (...s: string[]) => out.push(...s, '')
  const sections = reportSections(m)
  const has = (id: string) => sections.find((s) => s.id === id)?.included ?? false

  push(`# Handover pack: ${m.cover.product}`)
  push(
    table(
      ['', ''],
      [
        ['Domain', m.cover.domain],
        ['Business', m.cover.vertical],
        ['Date', m.cover.date],
        ['Prepared by', m.cover.preparedBy ?? 'not recorded'],
        ['Verdict', VERDICT_TEXT[m.cover.verdict]],
        ['Audit runs', m.runs.count ? `${m.runs.count} (first ${fmtDate(m.runs.first?.startedAt)}, last ${fmtDate(m.runs.last?.startedAt)})` : 'none yet'],
      ],
    ),
  )
  push(...m.cover.reasons.map((r) => `- ${r}`))

  push('## Contents')
  push(sections.filter((s) => s.included).map((s, i) => `${i + 1}. ${s.title}`).join('\n'))

  push('## Executive summary')
  const risks = (title: string, list: ReportModel['summary']['mustFix'], empty: string) => {
    push(`### ${title}`)
    if (!list.length) return push(empty)
    push(table(['Severity', 'Status', 'Problem', 'Where', 'First step'], list.map((r) => [SEVERITY_WORD[r.severity], STATUS_WORD[r.status], `${r.title}: ${r.summary}`, r.target, r.firstFix ?? ''])))
  }
  const { thisWeek, later } = splitDeferredItems(m.summary.defer)
  risks('Must fix today', m.summary.mustFix, 'Nothing that blocks launch is open.')
  if (thisWeek.length) risks('Fix this week (high severity, not blocking launch)', thisWeek, '')
  risks('Safe to defer', later, 'Nothing to defer.')
  if (m.summary.couldNotCheck.length) risks('Could not check', m.summary.couldNotCheck, '')
  push('### Accepted risks')
  push(m.summary.accepted.length ? table(['Severity', 'Problem', 'Where', 'Why it was accepted', 'When'], m.summary.accepted.map((a) => [SEVERITY_WORD[a.severity], a.title, a.target, a.reason, fmtDate(a.acceptedAt)])) : 'No risks were accepted.')
  push('### Fixed during the sprint')
  push(
    m.summary.fixed.length
      ? table(['Was', 'Now passes', 'Where'], m.summary.fixed.map((f) => [STATUS_WORD[f.before], f.title, f.target]))
      : m.runs.count < 2
        ? 'Only one audit has run, so there is nothing to compare yet.'
        : 'Nothing that failed in the first audit passes in the last one yet.',
  )

  push('## Stage by stage')
  for (const s of m.stages) {
    push(`### Stage ${s.number}: ${s.title}`)
    push(`${s.goal}${s.lastRunAt ? ` Checks last ran ${fmtDate(s.lastRunAt)}.` : ''}`)
    const problems = s.findings.filter((f) => f.status !== 'pass' && f.status !== 'skipped')
    for (const f of problems) {
      push(`#### ${STATUS_WORD[f.status]} (${SEVERITY_WORD[f.severity]}): ${f.title}`)
      push(`${f.summary} — \`${f.checkId}\` on ${f.target}`)
      const ev = keyEvidence(f.evidence)
      if (ev.length) push(ev.map(([k, v]) => `- ${k}: ${v}`).join('\n'))
      if (f.fix.length) push(f.fix.map((x, i) => `${i + 1}. ${x.text}${x.value ? `\n\n   \`\`\`\n   ${x.value}\n   \`\`\`` : ''}`).join('\n'))
    }
    const ok = s.findings.filter((f) => f.status === 'pass' || f.status === 'skipped')
    if (ok.length) push(table(['Result', 'Check', 'Where'], ok.map((f) => [STATUS_WORD[f.status], f.title, f.target])))
    if (!s.findings.length) push('No automated checks for this stage have run yet.')
    push(
      table(
        ['Done', 'Checklist item', 'Note', 'Evidence'],
        s.checklist.map((c) => [doneWords(c), c.title, c.note, c.evidence.map((e) => (e.kind === 'link' ? e.url : `image: ${e.name}`)).join(', ')]),
      ),
    )
  }

  if (has('dns') && m.dnsMap) {
    push('## DNS map')
    const rows = m.dnsMap.flatMap((e) => (e.records.length ? e.records.map((r) => [e.name, r.type, r.ttl ?? '', r.value, '']) : [[e.name, '', '', `no records (${e.rcode})`, '']]))
    const exp = m.dnsMap.flatMap((e) => e.expected.map((x) => [e.name, x.type, '', x.value, x.matches ? 'expected, matches' : 'expected, DIFFERENT']))
    push(table(['Name', 'Type', 'TTL (s)', 'Value', 'Expected'], [...rows, ...exp]))
  }
  if (has('redirects') && m.surface) {
    push('## Redirect map')
    push(table(['Entry address', 'Ends at', 'Status', 'Hops', 'Path kept', 'Problem'], m.surface.map((r) => [r.entryUrl, r.finalUrl ?? (r.exists ? '' : 'does not resolve'), r.finalStatus, r.hops.length, r.pathKept === null ? '' : r.pathKept ? 'yes' : 'no', r.error ?? ''])))
  }
  if (has('email') && m.email) {
    const e = m.email.state
    push('## Email authentication')
    push(
      table(
        ['Record', 'Value'],
        [
          ['MX', e.nullMx ? 'null MX (this domain receives no mail)' : e.mx.map((x) => `${x.preference} ${x.exchange}`).join(', ') || 'none'],
          ['SPF', e.spf.join(' / ') || 'none'],
          ...e.dkim.map((d) => [`DKIM (${d.selector})`, d.record ? `${d.status}${d.keyBits ? `, ${d.keyType ?? ''} ${d.keyBits} bits` : ''}` : `${d.status}: no key`]),
          ['DMARC', e.dmarc ? `${e.dmarc}${e.dmarcAt ? ` (at ${e.dmarcAt})` : ''}` : 'none'],
          ['MTA-STS', e.mtaSts ? `${e.mtaSts.record ?? 'no record'}${e.mtaSts.mode ? `, mode ${e.mtaSts.mode}` : ''}` : 'none'],
          ['TLS-RPT', e.tlsRpt ?? 'none'],
        ],
      ),
    )
    if (e.spfTree) push('### SPF lookup tree', '```', ...spfTreeLines(e.spfTree), '```')
    push('### DMARC policy path')
    push(table(['Policy', 'Where you are', 'Revisit on', 'What it means'], m.email.dmarcPath.map((d) => [d.policy, d.state, d.revisit ?? '', d.note])))
  }
  if (has('certificates') && m.certificates) {
    push('## Certificates')
    push(table(['Host', 'Issuer', 'Expires', 'Days left', 'Trusted', 'Who renews'], m.certificates.map((c) => [c.host, c.issuer, c.validTo.slice(0, 10), c.daysLeft, c.trusted ? 'yes' : 'NO', c.renewedBy])))
  }
  if (has('performance') && (m.performance || m.database)) {
    push('## Performance')
    if (m.performance) push(table(['What', 'Address', 'Result', 'p50', 'p95', 'p99', 'Target'], m.performance.rows.map((r) => [r.label, r.target, STATUS_WORD[r.status], fmtMs(r.p50Ms), fmtMs(r.p95Ms), fmtMs(r.p99Ms), fmtMs(r.targetMs)])))
    if (m.database) {
      push('### Database')
      push(`${m.database.server}, read ${m.database.at.slice(0, 10)}. Owner: ${m.database.owner || 'not recorded'}.`)
      push(m.database.recommendations.length ? table(['Recommendation', 'Severity', 'Statement to run'], m.database.recommendations.map((r) => [r.title, r.severity, r.statement])) : 'No open recommendation.')
    }
  }

  const o = m.operations
  push('## Operations')
  push('### Owner map')
  push(table(['Dependency', 'Provider', 'Owner (holds access)', 'Backup access path'], o.owners.map((w) => [w.label, w.provider || 'not recorded', w.owner || 'not recorded', w.backupAccess || 'not recorded'])))
  push('### Environment variables (names only, never values)')
  push(o.envVars.length ? table(['Environment', 'Name', 'Purpose', 'Owner', 'Stored in'], o.envVars.map((v) => [v.environment, v.name, v.purpose || 'not recorded', v.owner || 'not recorded', v.store || 'not recorded'])) : NR)
  push('### Secrets locations (never values)')
  push(o.secrets.length ? table(['Secret', 'Where it lives', 'Owner', 'How to rotate'], o.secrets.map((s) => [s.name, s.location || 'not recorded', s.owner || 'not recorded', s.rotation])) : NR)
  if (o.exposed.length) {
    push('### Exposed secrets the scan found (masked; rotate, then remove)')
    push(table(['Where', 'In', 'What', 'Value', 'Rotated by', 'Status', 'First step'], o.exposed.map((x) => [x.where, x.location, x.what, x.masked || '—', x.rotatedBy || 'not recorded', x.state, x.firstStep])))
  }
  if (o.buildCommand) push('### Build command', `\`${o.buildCommand}\``)
  push('### Deploy steps', block(o.deploySteps))
  if (o.migrationCommand) push('### Migration command', `\`${o.migrationCommand}\``)
  push('### Rollback steps', block(o.rollbackSteps))
  if (o.rollbackLink) push(`Roll back from the host: ${o.rollbackLink}`)
  push('### Health check', o.healthCheck || NR)
  push('### Which release is live', o.releaseCheck || NR)
  if (o.watch) {
    const w = o.watch
    const pc = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`)
    push('### Uptime watch')
    push(`${w.on ? 'On' : 'Off'}: ${w.urls.length ? w.urls.map((u) => `${u.url} (every ${u.intervalS} s)`).join(', ') : 'the suggested URLs'}.`)
    if (w.numbers) push(table(['Uptime 24 h', '7 d', '30 d', 'p95', 'Target', 'Error rate', 'Queue'], [[pc(w.numbers.uptimeDay), pc(w.numbers.uptimeWeek), pc(w.numbers.uptimeMonth), w.numbers.p95Ms === null ? '—' : `${w.numbers.p95Ms} ms`, `${w.numbers.targetMs} ms`, pc(w.numbers.errorRate), w.numbers.queue ?? 'not connected']]))
    push(w.channels.length ? table(['Alert channel', 'Kind', 'Test alert'], w.channels.map((c) => [c.name, c.type, c.tested])) : 'No alert channel is set up.')
  }
  push('### Monitoring links')
  push(o.monitoringLinks.length ? o.monitoringLinks.map((l) => `- [${l.label}](${l.url})`).join('\n') : NR)
  push('### Emergency contacts')
  push(o.contacts.length ? table(['Name', 'Role', 'Email', 'Phone'], o.contacts.map((c) => [c.name, c.role, c.email, c.phone])) : NR)

  if (m.knownRisks.length) {
    push('## Known risks')
    push(table(['Symptom', 'First action'], m.knownRisks.map((r) => [r.symptom, r.firstAction || 'not recorded'])))
  }
  push('## Operating guide')
  for (const g of m.opsGuide) {
    push(`### ${g.title}`, `*When:* ${g.symptom}`)
    push(g.steps.map((s, i) => `${i + 1}. ${s}`).join('\n'))
  }
  if (m.screenshots.length) {
    push('## Screenshots')
    push(m.screenshots.map((s) => `- ${s.caption}: ${s.name}`).join('\n'))
  }
  if (m.notRecorded.length) {
    push('## Still to write down')
    push(m.notRecorded.map((s) => `- [ ] ${s}`).join('\n'))
  }
  push(`---`, `Generated by Launch Ready ${m.appVersion} on ${m.generatedAt.slice(0, 10)}.`)
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n'
}
