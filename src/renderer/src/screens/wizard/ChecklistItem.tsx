import { useState, type FormEvent } from 'react'
import type { StageNumber } from '../../../../shared/catalog'
import { coverStatuses, failingCovers, isDbCheck, tickState, tickWords, type CoverStatus } from '../../../../shared/checklist'
import type { ChecklistState, Finding } from '../../../../shared/model'
import type { RoadmapItem } from '../../../../shared/roadmap'
import { Gloss } from '../../components/Gloss'
import { useApp } from '../../store/hooks'
import { EvidenceEditor } from './Evidence'

const EMPTY: ChecklistState = { done: false, note: '', evidence: [] }
const NO_FINDINGS: Finding[] = []

const COVER_WORDS: Record<CoverStatus['state'], string> = {
  pass: '✓ Passes',
  warn: '! Warning',
  fail: '✗ Fails',
  error: '? Could not check',
  skipped: '– Not applicable',
  'not-run': '○ Not run yet',
  'not-automated': 'Not automated yet: check it by hand',
  'needs-setup': '○ Runs once you choose your code folder (Stage 4)',
}

/** Each covering check with its latest result, in words (never colour alone). */
function Covers({ covers }: { covers: CoverStatus[] }) {
  return (
    <div className="checks">
      <p>Automated checks that cover this:</p>
      <ul className="cover-list">
        {covers.map((c) => (
          <li key={c.checkId} data-cover={c.checkId} data-state={c.state}>
            <span className={`cover-state ${c.state}`}>{c.state === 'needs-setup' && isDbCheck(c.checkId) ? '○ Runs once you connect your database (Stage 5)' : COVER_WORDS[c.state]}</span> {c.name}
            {c.failingTargets.length > 0 && <span className="hint"> on {c.failingTargets.slice(0, 3).join(', ')}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** One manual confirmation: done toggle, why, related automated checks, note and evidence. */
export function ChecklistItemCard({ projectId, stage, item }: { projectId: string; stage: StageNumber; item: RoadmapItem }) {
  const state = useApp((s) => s.current?.checklist[item.id]) ?? EMPTY
  const isCurrent = useApp((s) => s.current?.wizard.item === item.id)
  const edit = useApp((s) => s.editChecklistItem)
  const setPosition = useApp((s) => s.setWizardPosition)
  const findings = useApp((s) => (s.runsProjectId === projectId ? s.runsLatest?.findings : undefined)) ?? NO_FINDINGS
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const cb = `cb-${item.id}`
  const extras = (state.note ? 1 : 0) + state.evidence.length
  const repoChosen = useApp((s) => Boolean(s.current?.repoPath))
  const dbChosen = useApp((s) => Boolean(s.current?.dbCredential))
  const covers = coverStatuses(item.checks, findings, { repoChosen, dbChosen })
  const failing = failingCovers(covers)
  const tick = tickState(state, covers)
  const onToggle = (checked: boolean) => {
    if (!checked) {
      setAsking(false)
      return edit(item.id, { done: false, acceptedFailing: undefined })
    }
    // Ticking over checks that fail asks why, as accepting a risk does.
    if (failing.length) return setAsking(true)
    edit(item.id, { done: true })
  }
  const onAccept = (e: FormEvent) => {
    e.preventDefault()
    if (!reason.trim()) return setReasonError('Say why this is done although the checks fail, so the handover pack can tell the next person.')
    edit(item.id, { done: true, acceptedFailing: { reason: reason.trim(), at: new Date().toISOString(), checks: failing.map((c) => c.checkId) } })
    setAsking(false)
    setReasonError('')
  }
  return (
    <li
      id={`item-${item.id}`}
      className={`item ${state.done ? 'done' : 'todo'}${isCurrent ? ' current' : ''}`}
      data-item={item.id}
      onFocus={() => setPosition(stage, item.id)}
    >
      <div className="item-head">
        <input id={cb} type="checkbox" checked={state.done} onChange={(e) => onToggle(e.target.checked)} aria-describedby={`${cb}-why`} />
        <label htmlFor={cb}>
          <Gloss text={item.title} />
        </label>
        <span className={`badge ${tick === 'done' ? 'ok' : tick === 'todo' ? 'todo' : 'warn'}`} data-tick={tick}>
          {tick === 'todo' ? '○ ' : tick === 'done' ? '✓ ' : '! '}
          {tickWords(tick, failing.length)}
        </span>
      </div>
      <p className="why" id={`${cb}-why`}>
        <Gloss text={item.why} />
      </p>
      {covers.length > 0 && <Covers covers={covers} />}
      {asking && (
        <form className="accept-failing" onSubmit={onAccept} aria-label={`Tick “${item.title}” although checks fail`}>
          <p>
            {failing.length === 1 ? 'One check that covers this fails' : `${failing.length} checks that cover this fail`} ({failing.map((c) => c.name).join('; ')}). Ticking it anyway needs a reason.
          </p>
          <label htmlFor={`${cb}-reason`}>Why is this done anyway?</label>
          <textarea id={`${cb}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={reasonError ? true : undefined} aria-describedby={reasonError ? `${cb}-reason-error` : undefined} />
          {reasonError && (
            <p id={`${cb}-reason-error`} className="field-error" role="alert">
              {reasonError}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="primary">
              Tick it with this reason
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {tick === 'done-accepted' && state.acceptedFailing && <p className="hint accepted-reason">Accepted: {state.acceptedFailing.reason}</p>}
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
