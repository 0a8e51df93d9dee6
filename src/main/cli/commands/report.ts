/**
 * `launch-ready report <project.launchready.json | audit.json> [--pdf FILE] [--md FILE] [--json FILE]`:
 * the handover pack from a project export (project + its runs) or from the
 * output of `launch-ready audit --json` (findings + artifacts + meta).
 */
import { readFileSync } from 'node:fs'
import { parseCommand } from '../args'
import { z } from 'zod'
import { registerCommand } from '../main'
import { UsageError } from '../types'
import { jsonProblem } from '../parse-errors'
import { EXPORT_FORMAT, ExportFile, Finding, Project, Run } from '../../../shared/model'
import { VERTICALS, type Vertical } from '../../../shared/verticals'
import { normalizeDomain } from '../../../shared/domain'
import { buildReport, countPdfPages, renderReport, writeAtomic, type ReportFormat } from '../../report'

const USAGE = 'launch-ready report <project.launchready.json | audit.json> [--pdf FILE] [--md FILE] [--json FILE]'
const HELP = `${USAGE}

Makes the handover pack from a project exported by the app (.launchready.json,
with its audit history) or from the output of \`launch-ready audit --json\`.
Give at least one of:

  --pdf FILE     the PDF handover pack
  --md FILE      the same content as Markdown (for Notion, GitHub or a wiki)
  --json FILE    the same content as JSON (schema launch-ready/handover, version 1)
  --vertical V   for an audit.json: ${VERTICALS.join(', ')} (default: the audit's, else community)
  --name NAME    for an audit.json: the product name (default: the domain)

Exit codes: 0 written, 2 bad usage or an unreadable input, 1 could not write.
`

/** `launch-ready audit --json` output (the parts the pack uses). */
const AuditJson = z.object({
  findings: z.array(Finding),
  artifacts: z.record(z.string(), z.unknown()).default({}),
  meta: z
    .object({
      domain: z.string().optional(),
      vertical: z.string().optional(),
      state: z.string().optional(),
      startedAt: z.string().optional(),
      finishedAt: z.string().optional(),
    })
    .passthrough()
    .default({}),
})

const issuesText = (e: z.ZodError) =>
  e.issues
    .slice(0, 5)
    .map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`)
    .join('\n')

/** Reads either input kind into a project and its runs; a UsageError says plainly what is wrong. */
export function readReportInput(file: string, opts: { vertical?: string; name?: string } = {}): { project: Project; runs: Run[] } {
  let raw: unknown
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`)
  }
  try {
    raw = JSON.parse(text)
  } catch {
    throw new UsageError(`${file} is not valid JSON: ${jsonProblem(text) ?? 'it does not parse'}`)
  }
  const isExport = typeof raw === 'object' && raw !== null && (raw as { format?: unknown }).format === EXPORT_FORMAT
  if (isExport) {
    const parsed = ExportFile.safeParse(raw)
    if (!parsed.success) throw new UsageError(`${file} looks like a project export but does not match its format:\n${issuesText(parsed.error)}`)
    return { project: parsed.data.project, runs: parsed.data.runs }
  }
  const audit = AuditJson.safeParse(raw)
  if (!audit.success) throw new UsageError(`${file} is neither a project export (.launchready.json) nor the output of \`launch-ready audit --json\`:\n${issuesText(audit.error)}`)
  const a = audit.data
  const firstTarget = a.findings[0]?.target.replace(/^https?:\/\//, '').split('/')[0]
  const domainRaw = a.meta.domain ?? firstTarget
  if (!domainRaw) throw new UsageError(`${file} names no domain (meta.domain) and has no findings`)
  const d = normalizeDomain(domainRaw)
  if (!d.ok) throw new UsageError(`${file}: ${d.message}`)
  const vertical = (opts.vertical ?? a.meta.vertical ?? 'community') as Vertical
  if (!VERTICALS.includes(vertical)) throw new UsageError(`--vertical must be one of ${VERTICALS.join(', ')}`)
  const at = a.meta.startedAt ?? a.findings[0]?.ranAt ?? new Date().toISOString()
  const project = Project.parse({ id: 'cli-audit', name: opts.name ?? d.ascii, vertical, domain: d.ascii, createdAt: at, updatedAt: at })
  const state = Run.shape.state.safeParse(a.meta.state)
  const run: Run = {
    id: 'cli-audit-run',
    projectId: project.id,
    startedAt: at,
    ...(a.meta.finishedAt ? { finishedAt: a.meta.finishedAt } : {}),
    state: state.success ? state.data : 'completed',
    scope: {},
    findings: a.findings,
    meta: a.artifacts,
  }
  return { project, runs: [run] }
}

export async function runReport(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('report', argv, { pdf: { type: 'string' }, md: { type: 'string' }, json: { type: 'string' }, vertical: { type: 'string' }, name: { type: 'string' } }, { help: HELP }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  let input
  const targets: [ReportFormat, string][] = []
  try {
    if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? 'give one input file' : 'give the project export or audit.json to make the pack from')
    if (v.pdf) targets.push(['pdf', v.pdf])
    if (v.md) targets.push(['md', v.md])
    if (v.json) targets.push(['json', v.json])
    if (!targets.length) throw new UsageError('say what to write: --pdf FILE, --md FILE and/or --json FILE')
    input = readReportInput(parsed.positionals[0]!, { ...(v.vertical ? { vertical: v.vertical } : {}), ...(v.name ? { name: v.name } : {}) })
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`launch-ready report: ${e.message}\n\n${USAGE}\n`)
      return 2
    }
    throw e
  }
  const model = buildReport(input.project, input.runs, { appVersion: process.env.npm_package_version ?? '0.1.0' })
  for (const [format, file] of targets) {
    const started = Date.now()
    const r = await renderReport(model, format)
    try {
      writeAtomic(file, r.data)
    } catch (e) {
      err.write(`launch-ready report: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`)
      return 1
    }
    const pages = format === 'pdf' ? `, ${countPdfPages(r.data)} pages` : ''
    out.write(`${format.toUpperCase()} written to ${file} (${Math.round(r.data.length / 1024)} KB${pages}, ${Date.now() - started} ms)\n`)
  }
  return 0
}

registerCommand({ name: 'report', usage: USAGE, summary: 'Make the handover pack (PDF, Markdown, JSON) from a project export or an audit.json.', run: (argv) => runReport(argv) })
