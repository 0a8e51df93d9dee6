/** Start checks, watch determinate progress (done of total, what is running now), cancel. */
import type { RunScope } from '../../../../shared/model'
import { ProgressBar } from '../../components/Progress'
import { useApp } from '../../store/hooks'
import { progressText, runningText } from './model'

export function RunControls({ projectId, scope, label, againLabel }: { projectId: string; scope?: RunScope; label: string; againLabel: string }) {
  const live = useApp((s) => (s.liveRun?.projectId === projectId ? s.liveRun : undefined))
  const message = useApp((s) => (s.runsProjectId === projectId ? s.runMessage : ''))
  const hasRun = useApp((s) => s.runsProjectId === projectId && Boolean(s.runsLatest?.latest))
  const start = useApp((s) => s.startRun)
  const cancel = useApp((s) => s.cancelRun)
  return (
    <div className="run-controls">
      <div className="run-actions">
        {/* Before the first full run, Stage 1's top card holds the one primary button; this one is secondary. */}
        <button type="button" className={hasRun || scope ? 'primary' : undefined} disabled={Boolean(live)} onClick={() => void start(projectId, scope)}>
          {hasRun ? againLabel : label}
        </button>
        {live && (
          <button type="button" onClick={() => void cancel()} disabled={live.cancelling}>
            {live.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {live && (
        <div className="run-progress" data-testid="run-progress">
          <ProgressBar progress={{ done: live.done, total: Math.max(live.total, live.done) }} label="Checks" unit="checks" estimate />
          <p className="hint run-now">{live.running.length ? `Now checking: ${runningText(live.running)}` : progressText(live.done, live.total)}</p>
        </div>
      )}
      <p className="run-live" role="status" aria-live="polite">
        {live ? progressText(live.done, live.total) : message}
      </p>
    </div>
  )
}
