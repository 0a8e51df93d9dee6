import type { Progress as P } from '../../../shared/roadmap'

/** A labelled progress bar; the numbers are always written out, never colour alone. */
export function ProgressBar({ progress, label, unit = 'items', estimate = false }: { progress: P; label: string; unit?: string; estimate?: boolean }) {
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0
  const complete = !estimate && progress.total > 0 && progress.done === progress.total
  // A running audit's total is an estimate: say so rather than promise a number that will change.
  const text = `${progress.done} of ${estimate ? 'about ' : ''}${progress.total} ${unit} done${complete ? ' ✓' : ''}`
  return (
    <div className={`progress${complete ? ' complete' : ''}`}>
      <div className="progress-label">
        <span>{label}</span>
        <span>{text}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  )
}
