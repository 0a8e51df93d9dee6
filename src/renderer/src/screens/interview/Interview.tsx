import { useEffect, useState, type FormEvent } from 'react'
import type { AppError } from '../../../../shared/result'
import { defaultFlows, emptyDraft } from '../../store/draft'
import { useApp } from '../../store/hooks'
import { useFocusHeading } from '../useFocusHeading'
import { StepAbout, StepDomain } from './StepsA'
import { StepContacts, StepFlows, StepProviders } from './StepsB'
import { domainOf, STEPS, toProjectDraft, validateStep } from './validate'

const TITLES = ['Tell us about the product', 'Your domain', 'The flows customers depend on', 'Your providers', 'Who to call'] as const

/** The short interview that creates a project. Everything typed is kept in a draft until the project exists. */
export function Interview() {
  const draft = useApp((s) => s.draft)
  const update = useApp((s) => s.updateDraft)
  const resetDraft = useApp((s) => s.resetDraft)
  const navigate = useApp((s) => s.navigate)
  const createProject = useApp((s) => s.createProject)
  const openProject = useApp((s) => s.openProject)
  const step = Math.min(Math.max(draft.step, 0), STEPS.length - 1)
  const [attempted, setAttempted] = useState(false)
  const [submitError, setSubmitError] = useState<AppError>()
  const [busy, setBusy] = useState(false)
  const heading = useFocusHeading([step])

  const all = validateStep(step, draft)
  // Errors appear after a Next attempt and then follow the typing live.
  const errors = attempted ? all : {}
  const errorCount = Object.keys(all).length

  useEffect(() => setAttempted(false), [step])
  // After a failed Next, focus the first field that needs a fix (once it has rendered its message).
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number }>()
  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus()
  }, [focusRequest])

  const goTo = (n: number) => {
    if (n === 2 && draft.vertical && !draft.flowsTouched) {
      const r = domainOf(draft)
      update({ step: n, flows: defaultFlows(draft.vertical, r.ok ? r.apex : '', draft.canonicalHost) })
    } else update({ step: n })
  }

  const next = async (e: FormEvent) => {
    e.preventDefault()
    if (errorCount) {
      setAttempted(true)
      setFocusRequest((f) => ({ id: Object.keys(all)[0]!, n: (f?.n ?? 0) + 1 }))
      return
    }
    if (step < STEPS.length - 1) return goTo(step + 1)
    setBusy(true)
    setSubmitError(undefined)
    try {
      const res = await createProject(toProjectDraft(draft))
      if (!res.ok) return setSubmitError(res.error)
      resetDraft()
      if (await openProject(res.value.id)) navigate({ name: 'wizard', projectId: res.value.id })
    } catch (err) {
      setSubmitError({ code: 'internal', message: err instanceof Error ? err.message : 'Something went wrong; your answers are kept.' })
    } finally {
      setBusy(false)
    }
  }

  const isEmpty = JSON.stringify({ ...draft, step: 0 }) === JSON.stringify(emptyDraft())
  const props = { draft, update, errors }

  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            New project · Step {step + 1} of {STEPS.length}
          </p>
          <h1 ref={heading} tabIndex={-1}>
            {TITLES[step]}
          </h1>
          <p className="lead">Your answers are kept as you type; you can leave and come back.</p>
        </div>
        {!isEmpty && (
          <div className="actions">
            <button type="button" onClick={resetDraft}>
              Start over
            </button>
          </div>
        )}
      </div>
      <ol className="steps" aria-label="Interview steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>
            {i < step && <span className="visually-hidden">Done: </span>}
            {s}
          </li>
        ))}
      </ol>
      {attempted && errorCount > 0 && (
        <div className="notice error" role="alert">
          <p>
            ⚠ {errorCount === 1 ? 'One answer needs' : `${errorCount} answers need`} a fix before you continue. Everything you typed is still here.
          </p>
        </div>
      )}
      {submitError && (
        <div className="notice error" role="alert">
          <h2>⚠ The project was not created</h2>
          <p>{submitError.message}</p>
          {submitError.issues && (
            <ul>
              {submitError.issues.map((i, n) => (
                <li key={n}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          )}
          <p>Your answers are kept; correct them and try again.</p>
        </div>
      )}
      <form className="card" onSubmit={next} noValidate>
        {step === 0 && <StepAbout {...props} />}
        {step === 1 && <StepDomain {...props} />}
        {step === 2 && <StepFlows {...props} />}
        {step === 3 && <StepProviders {...props} />}
        {step === 4 && <StepContacts {...props} />}
        <div className="form-footer">
          {step === 0 ? (
            <button type="button" onClick={() => navigate({ name: 'list' })}>
              Back to projects
            </button>
          ) : (
            <button type="button" onClick={() => goTo(step - 1)}>
              Back
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {step < STEPS.length - 1 ? `Next: ${STEPS[step + 1]}` : busy ? 'Creating…' : 'Create project'}
          </button>
        </div>
      </form>
    </main>
  )
}
