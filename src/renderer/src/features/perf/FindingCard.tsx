import type { Finding } from '../../../../shared/model'
import { FindingCard as BaseCard } from '../../components/FindingCard'
import { fmtMs } from './model'

/** A perf finding: the app's finding card with the key numbers (p50/p95/p99, target, requests, errors) under the summary. */
export function FindingCard({ finding, children }: { finding: Finding; children?: React.ReactNode }) {
  const e = finding.evidence
  const hasTimes = typeof e.p95Ms === 'number'
  return (
    <BaseCard finding={finding}>
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
    </BaseCard>
  )
}
