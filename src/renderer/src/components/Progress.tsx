import type { Progress as P } from '../../../shared/roadmap'

/** A labelled progress bar; the numbers are always written out, never colour alone. */
export function ProgressBar({ progress, label, unit = 'items' }: { progress: P; label: string; unit?: string }) {
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0
  const complete = progress.total > 0 && progress.done === progress.total
  const text = `${progress.done} of ${progress.total} ${unit} done${complete ? ' ✓' : ''}`
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
