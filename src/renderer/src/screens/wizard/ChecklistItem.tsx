import type { StageNumber } from '../../../../shared/catalog'
import { catalogEntry } from '../../../../shared/catalog'
import type { ChecklistState } from '../../../../shared/model'
import type { RoadmapItem } from '../../../../shared/roadmap'
import { Gloss } from '../../components/Gloss'
import { useApp } from '../../store/hooks'
import { EvidenceEditor } from './Evidence'

const EMPTY: ChecklistState = { done: false, note: '', evidence: [] }

/** One manual confirmation: done toggle, why, related automated checks, note and evidence. */
export function ChecklistItemCard({ projectId, stage, item }: { projectId: string; stage: StageNumber; item: RoadmapItem }) {
  const state = useApp((s) => s.current?.checklist[item.id]) ?? EMPTY
  const isCurrent = useApp((s) => s.current?.wizard.item === item.id)
  const edit = useApp((s) => s.editChecklistItem)
  const setPosition = useApp((s) => s.setWizardPosition)
  const cb = `cb-${item.id}`
  const extras = (state.note ? 1 : 0) + state.evidence.length
  return (
    <li
      id={`item-${item.id}`}
      className={`item ${state.done ? 'done' : 'todo'}${isCurrent ? ' current' : ''}`}
      data-item={item.id}
      onFocus={() => setPosition(stage, item.id)}
    >
      <div className="item-head">
        <input id={cb} type="checkbox" checked={state.done} onChange={(e) => edit(item.id, { done: e.target.checked })} aria-describedby={`${cb}-why`} />
        <label htmlFor={cb}>
          <Gloss text={item.title} />
        </label>
        <span className={`badge ${state.done ? 'ok' : 'todo'}`} aria-hidden="true">
          {state.done ? '✓ Done' : '○ To do'}
        </span>
      </div>
      <p className="why" id={`${cb}-why`}>
        <Gloss text={item.why} />
      </p>
      {item.checks && item.checks.length > 0 && (
        <p className="checks">
          Automated checks that cover this:{' '}
          {item.checks.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              {catalogEntry(id)?.name ?? id} <code>{id}</code>
            </span>
          ))}
        </p>
      )}
      <details>
        <summary>
          Note and evidence{extras > 0 ? ` (${extras})` : ''}
        </summary>
        <div className="field" style={{ marginTop: '0.6rem' }}>
          <label htmlFor={`note-${item.id}`}>Note</label>
          <textarea
            id={`note-${item.id}`}
            value={state.note}
            placeholder="What you checked, where, and anything the next person should know."
            onChange={(e) => edit(item.id, { note: e.target.value })}
          />
        </div>
        <EvidenceEditor projectId={projectId} itemId={item.id} evidence={state.evidence} onChange={(evidence) => edit(item.id, { evidence })} />
      </details>
    </li>
  )
}
