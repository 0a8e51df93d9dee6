/**
 * Building blocks of the PDF: styles, a page frame with running header,
 * footer and page numbers, headings that record their page for the table of
 * contents, and tables whose header row repeats on every page they span.
 * Written with createElement so the same code runs in the CLI, the app's main
 * process and the tests without a JSX build step.
 */
import { createElement, type ReactElement, type ReactNode } from 'react'
import { Page, StyleSheet, Text, View } from '@react-pdf/renderer'
import type { Style } from '@react-pdf/types'
import { MONO, SANS } from './fonts'

export const h = createElement

export const C = {
  ink: '#1a1f2b',
  muted: '#5b6472',
  line: '#d7dce3',
  soft: '#f3f5f8',
  accent: '#1f5fbf',
  pass: '#1d7a3e',
  warn: '#8a5a00',
  fail: '#b3261e',
  error: '#6b4fa8',
}

export const S = StyleSheet.create({
  // Contextual alternates and the like cost most of fontkit's shaping time and change nothing in this text.
  page: { fontFamily: SANS, fontSize: 9.5, fontFeatureSettings: { calt: false, clig: false, rclt: false, ccmp: false, locl: false }, color: C.ink, paddingTop: 54, paddingBottom: 56, paddingHorizontal: 48 },
  header: { fontFamily: SANS, position: 'absolute', top: 22, left: 48, right: 48, flexDirection: 'row', justifyContent: 'space-between', fontSize: 8, color: C.muted, borderBottomWidth: 0.5, borderBottomColor: C.line, paddingBottom: 4 },
  footer: { fontFamily: SANS, position: 'absolute', bottom: 24, left: 48, right: 48, flexDirection: 'row', justifyContent: 'space-between', fontSize: 8, color: C.muted },
  /** Text styles set their own line height: on the page, react-pdf drops page-number text; inherited, it compounds. */
  body: {},
  pageNo: { fontFamily: SANS, position: 'absolute', bottom: 24, right: 48, width: 120, textAlign: 'right', fontSize: 8, color: C.muted },
  h1: { fontSize: 20, lineHeight: 1.2, fontWeight: 700, marginBottom: 6 },
  h2: { fontSize: 13, lineHeight: 1.25, fontWeight: 700, marginTop: 14, marginBottom: 5 },
  h3: { fontSize: 10.5, lineHeight: 1.3, fontWeight: 700, marginTop: 10, marginBottom: 3 },
  lead: { fontSize: 10.5, lineHeight: 1.35, color: C.muted, marginBottom: 10 },
  // react-pdf resolves a unitless line height against the element's own font size (18 when unset), so both go together.
  p: { fontSize: 9.5, marginBottom: 4, lineHeight: 1.4 },
  small: { fontSize: 8, lineHeight: 1.3, color: C.muted },
  mono: { fontFamily: MONO, fontSize: 7.5, lineHeight: 1.3 },
  box: { backgroundColor: C.soft, paddingVertical: 3, paddingHorizontal: 6, borderRadius: 2, marginBottom: 4 },
  missing: { fontStyle: 'italic', color: C.warn },
  th: { flexDirection: 'row', backgroundColor: C.soft, borderBottomWidth: 0.75, borderBottomColor: C.ink, fontWeight: 700, fontSize: 8.5 },
  tr: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: C.line, fontSize: 8.5 },
  td: { fontSize: 8.5, paddingVertical: 2, paddingHorizontal: 4, lineHeight: 1.3 },
})

/** Pages on which sections start, filled while a document is laid out. */
export type PageMap = Record<string, number>

export interface FrameProps {
  id: string
  /** Section title for the running header. */
  title?: string
  running: string
  pages: PageMap
  children: ReactNode
}

/** One section: its own page(s) with the running header, the page number and the TOC marker. */
export function Section({ id, title = '', running, pages, children }: FrameProps): ReactElement {
  return h(
    Page,
    { size: 'A4', style: S.page, wrap: true },
    h(View, { style: S.header, fixed: true }, h(Text, null, 'Handover pack'), h(Text, null, title)),
    h(View, { style: S.footer, fixed: true }, h(Text, null, running)),
    h(Text, {
      style: S.pageNo,
      fixed: true,
      // Called while pages are cut (pageNumber known, totals not yet) and again at the end: the
      // smallest page number seen is where the section starts, known before the contents page
      // is resolved for the last time, so one layout pass is enough for the table of contents.
      render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages?: number }) => {
        pages[id] = Math.min(pages[id] ?? Number.POSITIVE_INFINITY, pageNumber)
        return totalPages ? `Page ${pageNumber} of ${totalPages}` : `Page ${pageNumber}`
      },
    }),
    // Spread, not an array: positional children need no keys.
    h(View, { id, style: S.body }, ...(Array.isArray(children) ? children : [children])),
  )
}

export const P = (text: string, style: Style | Style[] = S.p) => h(Text, { style }, text)
export const Missing = (what: string) => h(Text, { style: [S.p, S.missing] }, `Not recorded: ${what}`)
export const H2 = (text: string, id?: string) => h(Text, { style: S.h2, minPresenceAhead: 40, ...(id ? { id } : {}) }, text)
export const H3 = (text: string) => h(Text, { style: S.h3, minPresenceAhead: 30 }, text)

export interface Col {
  title: string
  /** Relative width. */
  w: number
  mono?: boolean
}

/** A table that splits across pages, repeating its header row; each row stays whole. */
export function Table(cols: Col[], rows: (string | number | null | undefined)[][], key?: string): ReactElement {
  const total = cols.reduce((a, c) => a + c.w, 0)
  const width = (c: Col) => `${((c.w / total) * 100).toFixed(2)}%`
  return h(
    View,
    { key, style: { marginBottom: 8 } },
    h(View, { style: S.th, fixed: true }, ...cols.map((c, i) => h(Text, { key: i, style: [S.td, { width: width(c) }] }, c.title))),
    ...rows.map((r, ri) =>
      h(
        View,
        { key: ri, style: S.tr, wrap: false },
        ...cols.map((c, i) => {
          const v = r[i]
          return h(Text, { key: i, style: [S.td, { width: width(c) }, ...(c.mono ? [S.mono] : [])] }, v === null || v === undefined || v === '' ? '—' : String(v))
        }),
      ),
    ),
  )
}

const STATUS_COLOR: Record<string, string> = { pass: C.pass, warn: C.warn, fail: C.fail, error: C.error, skipped: C.muted }
const STATUS_MARK: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', error: '?', skipped: '–' }

/** Status as mark + word + colour (never colour alone). */
export function StatusTag(status: string, word: string): ReactElement {
  return h(Text, { style: { color: STATUS_COLOR[status] ?? C.ink, fontWeight: 700 } }, `${STATUS_MARK[status] ?? ''} ${word}`)
}

export const statusColor = (s: string) => STATUS_COLOR[s] ?? C.ink
