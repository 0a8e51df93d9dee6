/** The pack's preview (which sections it will hold, what is still missing) and the export buttons with progress. */
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { api } from '../../api'
import type { ReportFormat, ReportPreview } from '../../../../shared/contract/report'

const LABEL: Record<ReportFormat, string> = { pdf: 'PDF', md: 'Markdown', json: 'JSON' }
const VERDICT: Record<ReportPreview['verdict'], string> = { go: '✓ Go: safe to take customers', 'no-go': '✗ No-go: fix the must-fix items first', 'not-checked': '? Not checked: run the audit first' }

/** `updatedAt` changes on every save, so the preview refreshes after edits. */
export function ExportPanel({ projectId, updatedAt }: { projectId: string; updatedAt: string }) {
  const id = useId()
  const [preview, setPreview] = useState<ReportPreview | undefined>()
  const [busy, setBusy] = useState<ReportFormat | undefined>()
  const [progress, setProgress] = useState<{ fraction: number; message: string } | undefined>()
  const [result, setResult] = useState<string>('')
  const [error, setError] = useState<string | undefined>()
  /** Progress events may arrive after the export's answer; only the running export's count. */
  const running = useRef(false)

  const load = useCallback(async () => {
    const r = await api().report.preview({ projectId })
    if (r.ok) setPreview(r.value)
    else setError(r.error.message)
  }, [projectId])

  useEffect(() => {
    const t = setTimeout(() => void load(), 400)
    return () => clearTimeout(t)
  }, [load, updatedAt])

  useEffect(
    () =>
      api().report.onProgress((p) => {
        if (p.projectId !== projectId || !running.current) return
        setProgress({ fraction: p.fraction, message: p.message })
      }),
    [projectId],
  )

  async function exportAs(format: ReportFormat) {
    setBusy(format)
    running.current = true
    setError(undefined)
    setResult('')
    setProgress({ fraction: 0, message: `Preparing the ${LABEL[format]} pack…` })
    const r = await api().report.export({ projectId, format })
    running.current = false
    setBusy(undefined)
    if (!r.ok) {
      setError(r.error.message)
      setProgress(undefined)
    } else if (r.value === null) {
      setProgress(undefined)
      setResult('Export cancelled: nothing was saved.')
    } else {
      const v = r.value
      setProgress(undefined)
      setResult(`Saved the ${LABEL[format]} pack to ${v.path}${v.pages ? ` (${v.pages} pages)` : ''}.`)
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="ho-preview">
      <h3 id={`${id}-h`}>The handover pack</h3>
      {preview && (
        <>
          <p>
            Verdict on the cover: <span className={`ho-verdict ${preview.verdict}`}>{VERDICT[preview.verdict]}</span> ({preview.runs} {preview.runs === 1 ? 'audit' : 'audits'} recorded)
          </p>
          <ul className="ho-sections" aria-label="Sections of the pack">
            {preview.sections.map((s) => (
              <li key={s.id} className={s.included && !s.empty ? '' : 'ho-out'}>
                <span aria-hidden="true">{!s.included ? '–' : s.empty ? '!' : '✓'}</span>
                <strong>{s.title}</strong>
                <span>
                  <span className="visually-hidden">{!s.included ? 'Left out: ' : s.empty ? 'Included, nothing filled in yet: ' : 'Included: '}</span>
                  {s.empty && 'Nothing filled in yet: '}
                  {s.detail}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="ho-export" role="group" aria-label="Export the handover pack">
        {(['pdf', 'md', 'json'] as const).map((f) => (
          <button key={f} type="button" className={f === 'pdf' ? 'primary' : ''} disabled={busy !== undefined} onClick={() => void exportAs(f)}>
            {busy === f ? `Exporting ${LABEL[f]}…` : `Export ${LABEL[f]}`}
          </button>
        ))}
      </div>
      {progress && (
        <progress className="ho-progress" max={100} value={Math.round(progress.fraction * 100)} aria-label="Export progress" aria-valuetext={`${Math.round(progress.fraction * 100)}%: ${progress.message}`}>
          {Math.round(progress.fraction * 100)}%
        </progress>
      )}
      <p className="ho-live" aria-live="polite">
        {progress?.message ?? result}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
