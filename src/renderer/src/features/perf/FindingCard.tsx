import type { Finding } from '../../../../shared/model'
import { fmtMs, STATUS_LABEL } from './model'

/** One finding: status as icon + word + colour, the plain summary, key numbers and the fix. */
export function FindingCard({ finding, children }: { finding: Finding; children?: React.ReactNode }) {
  const s = STATUS_LABEL[finding.status] ?? STATUS_LABEL.error!
  const e = finding.evidence
  const hasTimes = typeof e.p95Ms === 'number'
  return (
    <article className={`perf-finding tone-${s.tone}`}>
      <header>
        <span className={`perf-status tone-${s.tone}`}>
          <span aria-hidden="true">{s.icon}</span> {s.word}
        </span>
        <h4>{finding.title}</h4>
      </header>
      <p>{finding.summary}</p>
      {hasTimes && (
        <dl className="perf-numbers">
          <div>
            <dt>p50</dt>
            <dd>{fmtMs(e.p50Ms)}</dd>
          </div>
          <div>
            <dt>p95</dt>
            <dd>{fmtMs(e.p95Ms)}</dd>
          </div>
          <div>
            <dt>p99</dt>
            <dd>{fmtMs(e.p99Ms)}</dd>
          </div>
          {typeof e.targetMs === 'number' && (
            <div>
              <dt>target</dt>
              <dd>{fmtMs(e.targetMs)}</dd>
            </div>
          )}
          <div>
            <dt>requests</dt>
            <dd>{String(e.requests ?? e.samples ?? '')}</dd>
          </div>
          {typeof e.errorRate === 'number' && (
            <div>
              <dt>errors</dt>
              <dd>{(e.errorRate * 100).toFixed(1)}%</dd>
            </div>
          )}
          {'bottleneckUsers' in e && (
            <div>
              <dt>first bottleneck</dt>
              <dd>{e.bottleneckUsers === null ? 'none found' : `${String(e.bottleneckUsers)} at once`}</dd>
            </div>
          )}
        </dl>
      )}
      {children}
      {finding.fix.length > 0 && (
        <details>
          <summary>How to fix</summary>
          <ol>
            {finding.fix.map((f, i) => (
              <li key={i}>
                {f.text}
                {f.value && <code className="perf-value">{f.value}</code>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  )
}
