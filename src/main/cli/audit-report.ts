/**
 * The readable terminal report of `launch-ready audit`: the verdict and its
 * reasons, then every finding grouped by stage (problems with their summary
 * and fix steps), then the counts. Colour and symbols only on a terminal
 * (and never with NO_COLOR); plain words always carry the status.
 */
import { STAGES } from '../../shared/roadmap'
import type { Finding } from '../../shared/model'
import { findingKey } from '../../shared/model'
import { SEVERITIES } from '../../shared/catalog'
import type { RiskReport } from '../../shared/risk'

export interface Style {
  color: boolean
  symbols: boolean
}

export const styleFor = (stream: NodeJS.WritableStream): Style => {
  const tty = Boolean((stream as NodeJS.WriteStream).isTTY)
  return { color: tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb', symbols: tty }
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const
const paint = (st: Style, c: keyof typeof CODES, s: string) => (st.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s)

const STATUS: Record<Finding['status'], { word: string; sym: string; color: keyof typeof CODES }> = {
  fail: { word: 'FAIL', sym: '✗', color: 'red' },
  error: { word: 'NOT CHECKED', sym: '?', color: 'red' },
  warn: { word: 'WARN', sym: '!', color: 'yellow' },
  pass: { word: 'PASS', sym: '✓', color: 'green' },
  skipped: { word: 'SKIPPED', sym: '-', color: 'dim' },
}
const ORDER: Record<Finding['status'], number> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 }

const statusTag = (st: Style, s: Finding['status']) => {
  const x = STATUS[s]
  return paint(st, x.color, `${st.symbols ? `${x.sym} ` : ''}${x.word}`.padEnd(st.symbols ? 13 : 11))
}

export interface ReportHeader {
  domain: string
  durationMs: number
  state: string
}

export function renderAuditReport(findings: readonly Finding[], report: RiskReport, h: ReportHeader, st: Style): string {
  const out: string[] = []
  const secs = (h.durationMs / 1000).toFixed(1)
  out.push(paint(st, 'bold', `Launch Ready audit of ${h.domain}`) + paint(st, 'dim', ` (${findings.length} results in ${secs} s)`))
  if (h.state === 'deadline') out.push(paint(st, 'yellow', 'The audit reached its time limit: checks that did not finish are listed as not checked.'))
  if (h.state === 'cancelled') out.push(paint(st, 'yellow', 'The audit was stopped before it finished: results are incomplete.'))
  out.push('')
  const v = report.verdict
  const vColor = v.kind === 'go' ? 'green' : v.kind === 'no-go' ? 'red' : 'yellow'
  const vWord = v.kind === 'go' ? 'GO' : v.kind === 'no-go' ? 'NO-GO' : 'NOT SURE YET'
  out.push(paint(st, vColor, paint(st, 'bold', `${vWord}: ${v.headline}`)))
  for (const r of v.reasons) out.push(`  - ${r}`)
  out.push('')

  const must = new Set(report.mustFix.map((r) => r.key))
  const accepted = new Map(report.accepted.map((r) => [r.key, r.accepted]))
  for (const stage of STAGES) {
    const fs = findings
      .filter((f) => f.stage === stage.number)
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || findingKey(a).localeCompare(findingKey(b)))
    if (!fs.length) continue
    out.push(paint(st, 'cyan', paint(st, 'bold', `Stage ${stage.number} · ${stage.title}`)))
    for (const f of fs) {
      const key = findingKey(f)
      const problem = f.status === 'fail' || f.status === 'warn' || f.status === 'error'
      const sev = problem ? ` [${f.severity}${must.has(key) ? ', fix before launch' : ''}]` : ''
      out.push(`  ${statusTag(st, f.status)} ${f.title}${sev}`)
      out.push(paint(st, 'dim', `      ${f.checkId} · ${f.target}`))
      if (!problem) continue
      out.push(`      ${f.summary}`)
      if (f.impact) out.push(`      Why it matters: ${f.impact}`)
      const acc = accepted.get(key)
      if (acc) out.push(paint(st, 'yellow', `      Accepted risk: ${acc.reason}`))
      f.fix.forEach((s, i) => {
        out.push(`      ${i + 1}. ${s.provider ? `(${s.provider}) ` : ''}${s.text}`)
        if (s.value) for (const line of s.value.split('\n')) out.push(`           ${paint(st, 'bold', line)}`)
      })
    }
    out.push('')
  }
  const c = report.counts
  out.push(`${c.pass} passed, ${c.warn} warnings, ${c.fail} failed, ${c.error} could not be checked, ${c.skipped} skipped.`)
  return `${out.join('\n')}\n`
}

/** One progress line for a terminal: "⠋ 12 of 40 checks · tls.trusted on www.acme.com". */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
export function progressLine(frame: number, done: number, total: number, running: { checkId: string; target: string }[], width = 100): string {
  const now = running[0] ? ` · ${running[0].checkId} on ${running[0].target}${running.length > 1 ? ` (+${running.length - 1})` : ''}` : ''
  const line = `${FRAMES[frame % FRAMES.length]} ${done} of ${Math.max(total, done)} checks done${now}`
  return line.length > width ? `${line.slice(0, width - 1)}…` : line
}
