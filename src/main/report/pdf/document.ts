/**
 * The handover PDF: one react-pdf document built from the report model.
 * One layout pass: each section's footer records the page it starts on while
 * react-pdf cuts pages, and the contents page prints those numbers through
 * render props that react-pdf resolves after pagination.
 */
import type { ReactElement } from 'react'
import { Document, renderToBuffer } from '@react-pdf/renderer'
import type { ReportModel } from '../../../shared/report-model'
import { reportSections } from '../sections'
import { registerFonts } from './fonts'
import { fitToFonts } from './fit'
import { h, type PageMap } from './kit'
import { Contents, Cover, Stages, Summary } from './front'
import { Certificates, DnsMap, Email, Performance, RedirectMap } from './reference'
import { Homework, KnownRisks, Operations, OpsGuide, Screenshots, type LoadedImages } from './back'

export type { LoadedImages }

export function HandoverDocument(m: ReportModel, images: LoadedImages, toc: PageMap, pages: PageMap): ReactElement {
  const running = `${m.cover.product} · ${m.cover.domain}`
  const sections = reportSections(m)
  const parts = [
    Cover(m),
    Contents(m, sections, toc),
    Summary(m, pages, running),
    Stages(m, pages, running),
    DnsMap(m, pages, running),
    RedirectMap(m, pages, running),
    Email(m, pages, running),
    Certificates(m, pages, running),
    Performance(m, pages, running),
    Operations(m, pages, running),
    KnownRisks(m, pages, running),
    OpsGuide(m, pages, running),
    Screenshots(m, images, pages, running),
    Homework(m, pages, running),
  ].filter((p): p is ReactElement => p !== null)
  return h(
    Document,
    { title: `Handover pack: ${m.cover.product}`, author: m.cover.preparedBy ?? 'Launch Ready', subject: m.cover.domain, creator: `Launch Ready ${m.appVersion}`, producer: 'Launch Ready' },
    ...parts.map((p, i) => ({ ...p, key: String(i) })),
  )
}

export interface RenderProgress {
  (phase: 'layout' | 'done', fraction: number): void
}

/** Renders the PDF in one pass; the result is the file's bytes and the page on which each section starts. */
export async function renderHandoverPdf(m: ReportModel, images: LoadedImages = new Map(), progress?: RenderProgress): Promise<{ pdf: Buffer; pages: PageMap }> {
  registerFonts()
  // One map: the footers fill it while pages are cut, the contents page reads it when resolved last.
  const pages: PageMap = {}
  const fitted = fitToFonts(m)
  const model = fitted.missing.length
    ? {
        ...fitted.value,
        cover: {
          ...fitted.value.cover,
          reasons: [
            ...fitted.value.cover.reasons,
            'Some text uses a script or emoji outside this PDF’s fonts and shows as □; the Markdown and JSON copies keep every character.',
          ],
        },
      }
    : m
  progress?.('layout', 0.1)
  const pdf = await renderToBuffer(HandoverDocument(model, images, pages, pages) as Parameters<typeof renderToBuffer>[0])
  progress?.('done', 1)
  return { pdf, pages: { ...pages } }
}
