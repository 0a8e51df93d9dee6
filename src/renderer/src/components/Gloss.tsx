import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { segmentText, type GlossaryEntry } from '../../../shared/roadmap'

/** A technical term with its one-line explanation on hover or keyboard focus. Escape hides it. */
export function Term({ text, entry }: { text: string; entry: GlossaryEntry }) {
  const id = useId()
  const [dismissed, setDismissed] = useState(false)
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !dismissed) {
      setDismissed(true)
      e.stopPropagation()
    }
  }
  // Inside a <label>, a click on the term must not toggle the control.
  const onClick = (e: MouseEvent) => e.preventDefault()
  return (
    <span className="term-wrap" onMouseLeave={() => setDismissed(false)}>
      <span className="term" tabIndex={0} aria-describedby={id} onKeyDown={onKey} onBlur={() => setDismissed(false)} onClick={onClick}>
        {text}
      </span>
      <span role="tooltip" id={id} className="tip" data-dismissed={dismissed}>
        {entry.explain}
      </span>
    </span>
  )
}

/** Plain text with every glossary term (first occurrence) explained on hover or focus. */
export function Gloss({ text }: { text: string }) {
  const segments = segmentText(text)
  return (
    <>
      {segments.map((s, i) => (s.entry ? <Term key={i} text={s.text} entry={s.entry} /> : <span key={i}>{s.text}</span>))}
    </>
  )
}
