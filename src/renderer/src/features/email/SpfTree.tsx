/**
 * The SPF lookup tree as nested lists: each record with its own lookup count
 * and the total under it; the record where the total goes past 10 is marked
 * with an icon and words, not colour alone. Terms and their problems sit in
 * a collapsed list under each record.
 */
import { useId } from 'react'
import type { SpfTreeNode } from '../../../../shared/audit-data'
import { Gloss } from '../../components/Gloss'
import { nodeCounts } from './model'

function Node({ node }: { node: SpfTreeNode }) {
  const problems = (node.terms ?? []).filter((t) => t.problem)
  return (
    <li className={`spf-node${node.pushesOverLimit ? ' over' : ''}${node.error ? ' broken' : ''}`} data-domain={node.domain}>
      <div className="spf-node-head">
        <span>
          <span className="spf-via">{node.via === 'root' ? 'Your record' : node.via === 'include' ? 'includes' : 'hands over to'}</span> <strong className="mono">{node.domain}</strong>: <span className="spf-count">{nodeCounts(node)}</span>
        </span>
        {node.pushesOverLimit && (
          <span className="spf-over-flag">
            <span aria-hidden="true">⚠ </span>Goes past 10 lookups here{node.via !== 'root' && (node.startsAt ?? 0) > 10 ? ` (including it is lookup ${node.startsAt})` : ''}
          </span>
        )}
      </div>
      {node.error && (
        <p className="spf-error">
          <span aria-hidden="true">✗ </span>
          <Gloss text={node.error} />
        </p>
      )}
      {node.record && (
        <details className="spf-terms">
          <summary>
            Record and its {node.terms?.length ?? 0} {node.terms?.length === 1 ? 'term' : 'terms'}{problems.length ? ` (${problems.length} with a problem)` : ''}
          </summary>
          <p className="mono spf-record">{node.record}</p>
          <ul>
            {(node.terms ?? []).map((t, i) => (
              <li key={i}>
                <code>{t.text}</code> {t.lookup ? <span className="hint">(1 lookup{t.void ? ', found nothing' : ''}{t.addressLookups !== undefined ? `, ${t.addressLookups} mail servers` : ''})</span> : <span className="hint">(no lookup)</span>}
                {t.problem && (
                  <span className="spf-term-problem">
                    {' '}
                    <span aria-hidden="true">⚠ </span>
                    {t.problem}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      {node.children.length > 0 && (
        <ul className="spf-children">
          {node.children.map((c, i) => (
            <Node key={`${c.domain}-${i}`} node={c} />
          ))}
        </ul>
      )}
    </li>
  )
}

export function SpfTree({ tree, summary }: { tree: SpfTreeNode; summary: string }) {
  const id = useId()
  return (
    <section className="spf-tree" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <Gloss text="SPF lookup tree" />
      </h3>
      <p>{summary}</p>
      <ul className="spf-root" aria-label="SPF records and the lookups each one costs">
        <Node node={tree} />
      </ul>
    </section>
  )
}
