/**
 * The handover PDF: one react-pdf document built from the report model.
 * Rendering runs twice: the first pass records the page on which each section
 * starts, the second prints those pages in the table of contents.
 */
import type { ReactElement } from 'react'
import { Document, renderToBuffer } from '@react-pdf/renderer'
import type { ReportModel } from '../../../shared/report-model'
import { reportSections } from '../sections'
import { registerFonts } from './fonts'
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
  (phase: 'layout' | 'contents' | 'done', fraction: number): void
}

/** Renders the PDF; the result is the file's bytes and its section start pages. */
export async function renderHandoverPdf(m: ReportModel, images: LoadedImages = new Map(), progress?: RenderProgress): Promise<{ pdf: Buffer; pages: PageMap }> {
  registerFonts()
  const first: PageMap = {}
  progress?.('layout', 0.1)
  await renderToBuffer(HandoverDocument(m, images, {}, first) as Parameters<typeof renderToBuffer>[0])
  progress?.('contents', 0.55)
  const second: PageMap = {}
  const pdf = await renderToBuffer(HandoverDocument(m, images, first, second) as Parameters<typeof renderToBuffer>[0])
  progress?.('done', 1)
  return { pdf, pages: second }
}
