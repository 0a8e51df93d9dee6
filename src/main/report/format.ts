/** Small formatting helpers shared by the Markdown and PDF renderers of the pack. */
import type { Severity, Status } from '../../shared/catalog'
import type { SpfTreeNode } from '../../shared/audit-data'

export const STATUS_WORD: Record<Status, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', error: 'Could not check', skipped: 'Skipped' }
export const SEVERITY_WORD: Record<Severity, string> = { blocker: 'Blocker', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' }

/** `2026-11-24` from an ISO time; an empty string when absent. */
export const fmtDate = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '')

export const fmtMs = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)

/** The SPF tree as indented lines: `example.com (root, 3 lookups, 7 in all): v=spf1 …`. */
export function spfTreeLines(node: SpfTreeNode, depth = 0): string[] {
  const pad = '  '.repeat(depth)
  const head = `${pad}${depth ? '+ ' : ''}${node.domain} (${node.via}, ${node.lookups} lookup${node.lookups === 1 ? '' : 's'}, ${node.totalLookups} in all${node.voidLookups ? `, ${node.voidLookups} void` : ''})`
  const rec = node.record ? `${pad}${depth ? '  ' : ''}  ${node.record}` : `${pad}${depth ? '  ' : ''}  no record`
  const err = node.error ? [`${pad}${depth ? '  ' : ''}  problem: ${node.error}`] : []
  return [head, rec, ...err, ...node.children.flatMap((c) => spfTreeLines(c, depth + 1))]
}
