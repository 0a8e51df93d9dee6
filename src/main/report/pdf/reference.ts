/** Reference pages of the PDF: DNS map, redirect map, email authentication, certificates and performance. */
import type { ReactElement } from 'react'
import { Text, View } from '@react-pdf/renderer'
import type { ReportModel } from '../../../shared/report-model'
import { STATUS_WORD, fmtDate, fmtMs, spfTreeLines } from '../format'
import { H2, P, S, Section, Table, h, type PageMap } from './kit'
import { Histogram, P95Chart } from './charts'

export function DnsMap(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.dnsMap) return null
  const rows = m.dnsMap.flatMap((e) => [
    ...(e.records.length ? e.records.map((r) => [e.name, r.type, r.ttl ?? '', r.value]) : [[e.name, '—', '', `no records (${e.rcode})`]]),
    ...e.expected.map((x) => [e.name, x.type, '', `expected: ${x.value} — ${x.matches ? 'matches' : 'DIFFERENT from what is live'}`]),
  ])
  return Section({
    id: 'dns',
    title: 'DNS map',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'DNS map'),
      P('Every record the audit saw for every name, with its TTL (how long resolvers may cache it, in seconds). Lines marked “expected” come from your DNS plan.', S.lead),
      Table(
        [
          { title: 'Name', w: 2.4, mono: true },
          { title: 'Type', w: 0.8 },
          { title: 'TTL (s)', w: 0.9 },
          { title: 'Value', w: 5, mono: true },
        ],
        rows,
      ),
    ],
  })
}

export function RedirectMap(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.surface) return null
  return Section({
    id: 'redirects',
    title: 'Redirect map',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Redirect map'),
      P('Where each address a visitor might type ends up. Every row should end on your one canonical https address in one hop.', S.lead),
      Table(
        [
          { title: 'Entry address', w: 3, mono: true },
          { title: 'Ends at', w: 3, mono: true },
          { title: 'Status', w: 0.8 },
          { title: 'Hops', w: 0.7 },
          { title: 'Path kept', w: 0.9 },
          { title: 'Problem', w: 2.4 },
        ],
        m.surface.map((r) => [r.entryUrl, r.finalUrl ?? (r.exists ? '' : 'does not resolve'), r.finalStatus, r.hops.length, r.pathKept === null ? '' : r.pathKept ? 'yes' : 'no', r.error ?? '']),
      ),
    ],
  })
}

export function Email(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.email) return null
  const e = m.email.state
  return Section({
    id: 'email',
    title: 'Email authentication',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Email authentication'),
      P(`The records that decide whether mail from ${e.domain} reaches the inbox.`, S.lead),
      Table(
        [
          { title: 'Record', w: 1.4 },
          { title: 'Value', w: 6, mono: true },
        ],
        [
          ['MX', e.nullMx ? 'null MX: this domain receives no mail' : e.mx.map((x) => `${x.preference} ${x.exchange}`).join(', ') || 'none'],
          ['SPF', e.spf.join(' / ') || 'none'],
          ...e.dkim.map((d) => [`DKIM ${d.selector}`, d.record ? `${d.status}${d.keyBits ? `, ${d.keyType ?? ''} ${d.keyBits} bits` : ''}: ${d.record}` : `${d.status}: no key`]),
          ['DMARC', e.dmarc ? `${e.dmarc}${e.dmarcAt ? ` (at ${e.dmarcAt})` : ''}` : 'none'],
          ['MTA-STS', e.mtaSts ? `${e.mtaSts.record ?? 'no record'}${e.mtaSts.mode ? `, mode ${e.mtaSts.mode}` : ''}` : 'none'],
          ['TLS-RPT', e.tlsRpt ?? 'none'],
        ],
      ),
      ...(e.spfTree
        ? [H2('SPF lookup tree'), P('Each include costs DNS lookups; receivers give up after 10 in all.'), h(View, { style: S.box }, ...spfTreeLines(e.spfTree).map((l, i) => h(Text, { key: i, style: S.mono }, l)))]
        : []),
      H2('DMARC policy path'),
      P('Move one step at a time, once the reports show only your own services sending as your domain.'),
      Table(
        [
          { title: 'Policy', w: 1.2, mono: true },
          { title: 'Where you are', w: 1.3 },
          { title: 'Revisit on', w: 1.3 },
          { title: 'What it means', w: 5 },
        ],
        m.email.dmarcPath.map((d) => [`p=${d.policy}`, d.state, d.revisit ?? '', d.note]),
      ),
    ],
  })
}

export function Certificates(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.certificates) return null
  return Section({
    id: 'certificates',
    title: 'Certificates',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Certificates'),
      P('The certificates browsers see, when each expires, and who renews it.', S.lead),
      Table(
        [
          { title: 'Host', w: 2.4, mono: true },
          { title: 'Issuer', w: 2.4 },
          { title: 'Expires', w: 1.3 },
          { title: 'Days left', w: 0.9 },
          { title: 'Trusted', w: 0.9 },
          { title: 'Who renews', w: 3 },
        ],
        m.certificates.map((c) => [c.host, c.issuer, fmtDate(c.validTo), c.daysLeft, c.trusted ? 'Yes' : 'NO', c.renewedBy]),
      ),
    ],
  })
}

export function Performance(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.performance && !m.database) return null
  const rows = m.performance?.rows ?? []
  const db = m.database
  const dbBlock = db
    ? [
        H2('Database'),
        P(`${db.server}, read ${db.at.slice(0, 10)}. Owner: ${db.owner || 'not recorded'}.`),
        ...(db.recommendations.length
          ? [
              Table(
                [
                  { title: 'Recommendation', w: 3 },
                  { title: 'Severity', w: 1 },
                  { title: 'Statement to run', w: 4, mono: true },
                ],
                db.recommendations.map((r) => [r.title, r.severity, r.statement]),
                'db',
              ),
            ]
          : [P('No open recommendation.')]),
      ]
    : []
  const withHist = rows.filter((r) => r.histogram).slice(0, 6)
  return Section({
    id: 'performance',
    title: 'Performance',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Performance'),
      ...(rows.length ? [] : dbBlock),
      ...(rows.length ? [P('p95 is the time 19 visitors in 20 wait or less. Each address is compared with its target.', S.lead)] : []),
      ...(!rows.length ? [] : [Table(
        [
          { title: 'What', w: 2.6 },
          { title: 'Address', w: 3, mono: true },
          { title: 'Result', w: 1 },
          { title: 'p50', w: 0.9 },
          { title: 'p95', w: 0.9 },
          { title: 'p99', w: 0.9 },
          { title: 'Target', w: 0.9 },
        ],
        rows.map((r) => [r.label, r.target, STATUS_WORD[r.status], fmtMs(r.p50Ms), fmtMs(r.p95Ms), fmtMs(r.p99Ms), fmtMs(r.targetMs)]),
      ),
      H2('p95 against target'),
      h(View, { wrap: false }, P95Chart(rows)),
      ...(withHist.length ? [H2('Latency distribution')] : []),
      h(
        View,
        { style: { flexDirection: 'row', flexWrap: 'wrap' } },
        ...withHist.map((r, i) => h(View, { key: i, style: { width: '50%', marginBottom: 8 }, wrap: false }, h(Text, { style: S.small }, `${r.label} — ${r.target}`), Histogram(r))),
      ),
      ]),
      ...(rows.length ? dbBlock : []),
    ],
  })
}
