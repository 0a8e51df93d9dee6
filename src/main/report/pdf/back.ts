/** Operations, known risks, the one-page operating guide, screenshots and the homework list. */
import type { ReactElement } from 'react'
import { Image, Link, Page, Text, View } from '@react-pdf/renderer'
import type { ReportModel } from '../../../shared/report-model'
import { C, H2, Missing, P, S, Section, Table, h, type PageMap } from './kit'

/** Image bytes for the Screenshots pages, loaded before rendering. */
export type LoadedImages = Map<string, { data: Buffer; format: 'png' | 'jpg' } | { unsupported: string }>

const nr = (s: string) => s || 'not recorded'

function steps(text: string, what: string): ReactElement {
  if (!text) return Missing(what)
  return h(View, { style: S.box }, ...text.split(/\r?\n/).filter((l) => l.trim()).map((l, i) => h(Text, { key: i }, l)))
}

export function Operations(m: ReportModel, pages: PageMap, running: string): ReactElement {
  const o = m.operations
  const envs = [...new Set(o.envVars.map((v) => v.environment))]
  return Section({
    id: 'operations',
    title: 'Operations',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Operations'),
      P('How production is run: who owns each account, where configuration and secrets live (never their values), and how to deploy, undo and check a release.', S.lead),
      H2('Owner map'),
      Table(
        [
          { title: 'Dependency', w: 1.6 },
          { title: 'Provider', w: 1.6 },
          { title: 'Owner (holds access)', w: 2 },
          { title: 'Backup access path', w: 3.2 },
        ],
        o.owners.map((w) => [w.label, nr(w.provider), nr(w.owner), nr(w.backupAccess)]),
      ),
      H2('Environment variables'),
      ...(o.envVars.length
        ? envs.flatMap((env) => [
            h(Text, { key: `e-${env}`, style: S.h3 }, `Environment: ${env}`),
            Table(
              [
                { title: 'Name', w: 2.4, mono: true },
                { title: 'Purpose', w: 3 },
                { title: 'Owner', w: 1.6 },
                { title: 'Stored in', w: 2 },
              ],
              o.envVars.filter((v) => v.environment === env).map((v) => [v.name, nr(v.purpose), nr(v.owner), nr(v.store)]),
              `env-${env}`,
            ),
          ])
        : [Missing('no environment variables are listed (name, purpose, owner, where stored).')]),
      H2('Secrets locations'),
      o.secrets.length
        ? Table(
            [
              { title: 'Secret', w: 2, mono: true },
              { title: 'Where it lives', w: 2.4 },
              { title: 'Owner', w: 1.6 },
              { title: 'How to rotate', w: 3 },
            ],
            o.secrets.map((s) => [s.name, nr(s.location), nr(s.owner), s.rotation]),
          )
        : Missing('no secret locations or owners are listed.'),
      ...(o.exposed.length
        ? [
            H2('Exposed secrets the scan found'),
            P('Each value is shown masked. Rotate it in the provider’s order (new key, deploy, then revoke the old one); removing it from the code does not undo the exposure.', S.p),
            Table(
              [
                { title: 'Where', w: 2.6, mono: true },
                { title: 'What', w: 2 },
                { title: 'Value', w: 1.4, mono: true },
                { title: 'Rotated by', w: 1.4 },
                { title: 'Status', w: 1.4 },
              ],
              o.exposed.map((x) => [`${x.where} (${x.location})`, x.what, x.masked || '—', nr(x.rotatedBy), x.state]),
              'exposed',
            ),
          ]
        : []),
      H2('Deploy steps'),
      ...(o.buildCommand ? [P(`Build: ${o.buildCommand}`)] : []),
      steps(o.deploySteps, 'the deploy steps are not written down.'),
      ...(o.migrationCommand ? [P(`Migrations: ${o.migrationCommand}`)] : []),
      H2('Rollback steps'),
      steps(o.rollbackSteps, 'the rollback steps are not written down.'),
      ...(o.rollbackLink ? [P(`Roll back from the host: ${o.rollbackLink}`)] : []),
      H2('Health check and live release'),
      o.healthCheck ? P(o.healthCheck) : Missing('no health check is recorded.'),
      o.releaseCheck ? P(`Which release is live: ${o.releaseCheck}`) : Missing('how to tell which release is live.'),
      ...(o.watch
        ? [
            H2('Uptime watch'),
            P(`${o.watch.on ? 'On' : 'Off'}: ${o.watch.urls.length ? o.watch.urls.map((u) => `${u.url} (every ${u.intervalS} s)`).join(', ') : 'the suggested URLs'}.${o.watch.numbers ? ` Uptime ${o.watch.numbers.uptimeDay === null ? '—' : `${(o.watch.numbers.uptimeDay * 100).toFixed(2)}%`} (24 h), ${o.watch.numbers.uptimeMonth === null ? '—' : `${(o.watch.numbers.uptimeMonth * 100).toFixed(2)}%`} (30 d); p95 ${o.watch.numbers.p95Ms ?? '—'} ms against ${o.watch.numbers.targetMs} ms; queue ${o.watch.numbers.queue ?? 'not connected'}.` : ''}`),
            ...(o.watch.channels.length
              ? [Table([{ title: 'Alert channel', w: 2 }, { title: 'Kind', w: 1 }, { title: 'Test alert', w: 2 }], o.watch.channels.map((c) => [c.name, c.type, c.tested]), 'channels')]
              : [Missing('no alert channel is set up.')]),
          ]
        : []),
      H2('Monitoring links'),
      ...(o.monitoringLinks.length
        ? o.monitoringLinks.map((l, i) => h(Text, { key: `l${i}`, style: S.p }, `${l.label}: `, h(Link, { src: l.url, style: { color: C.accent } }, l.url)))
        : [Missing('no monitoring links are saved.')]),
      H2('Emergency contacts'),
      o.contacts.length
        ? Table(
            [
              { title: 'Name', w: 2 },
              { title: 'Role', w: 2 },
              { title: 'Email', w: 2.6 },
              { title: 'Phone', w: 1.8 },
            ],
            o.contacts.map((c) => [c.name, c.role, c.email, c.phone]),
          )
        : Missing('no emergency contacts are listed.'),
    ],
  })
}

export function KnownRisks(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.knownRisks.length) return null
  return Section({
    id: 'risks',
    title: 'Known risks',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Known risks'),
      P('What could go wrong, how you would notice, and the first thing to do.', S.lead),
      Table(
        [
          { title: 'Symptom', w: 1 },
          { title: 'First action', w: 1 },
        ],
        m.knownRisks.map((r) => [r.symptom, nr(r.firstAction)]),
      ),
    ],
  })
}

export function OpsGuide(m: ReportModel, pages: PageMap, running: string): ReactElement {
  return Section({
    id: 'guide',
    title: 'Operating guide',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: [S.h1, { fontSize: 17 }] }, 'Operating guide'),
      P(`The four most likely emergencies for ${m.cover.domain}, written for your providers. Keep this page where you can find it at 2 a.m.`, S.lead),
      ...m.opsGuide.map((g) =>
        h(
          View,
          { key: g.id, style: { marginBottom: 6 }, wrap: false },
          h(Text, { style: [S.h3, { marginTop: 4 }] }, g.title),
          h(Text, { style: [S.small, { marginBottom: 2 }] }, `When: ${g.symptom}`),
          ...g.steps.map((s, i) => h(Text, { key: i, style: { fontSize: 8.5, lineHeight: 1.35, marginBottom: 1 } }, `${i + 1}. ${s}`)),
        ),
      ),
    ],
  })
}

export function Screenshots(m: ReportModel, images: LoadedImages, pages: PageMap, running: string): ReactElement | null {
  if (!m.screenshots.length) return null
  return Section({
    id: 'screenshots',
    title: 'Screenshots',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Screenshots'),
      ...m.screenshots.map((s) => {
        const img = images.get(s.id)
        return h(
          View,
          { key: s.id, style: { marginBottom: 12 }, wrap: false },
          h(Text, { style: S.h3 }, s.caption),
          h(Text, { style: S.small }, s.name),
          img && 'data' in img
            ? h(Image, { src: { data: img.data, format: img.format }, style: { maxWidth: 499, maxHeight: 300, objectFit: 'contain', marginTop: 4 } })
            : P(img ? `This image is a ${img.unsupported} file, which a PDF cannot show; open it in the app.` : 'The image file could not be read; open it in the app.', S.missing),
        )
      }),
    ],
  })
}

export function Homework(m: ReportModel, pages: PageMap, running: string): ReactElement | null {
  if (!m.notRecorded.length) return null
  return Section({
    id: 'homework',
    title: 'Still to write down',
    running,
    pages,
    children: [
      h(Text, { key: 't', style: S.h1 }, 'Still to write down'),
      P('The pack is only as good as what is written in it. These gaps are the founder’s homework before the engineer leaves.', S.lead),
      ...m.notRecorded.map((s, i) =>
        h(View, { key: i, style: { flexDirection: 'row', marginBottom: 4 } }, h(View, { style: { width: 8, height: 8, borderWidth: 0.8, borderColor: C.ink, marginRight: 6, marginTop: 2 } }), h(Text, { style: { flex: 1 } }, s)),
      ),
    ],
  })
}

export { Page }
