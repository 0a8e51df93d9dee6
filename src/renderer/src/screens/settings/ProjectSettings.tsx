/**
 * Project settings: every interview answer, editable after the interview, and
 * the DKIM selectors. The same fields and checks as the interview; each change
 * is saved as soon as every answer is valid, and what was typed is kept while
 * it is not.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useApp } from '../../store/hooks'
import type { InterviewDraft } from '../../store/draft'
import { StepAbout, StepDomain } from '../interview/StepsA'
import { StepContacts, StepFlows, StepProviders } from '../interview/StepsB'
import { FieldError } from '../interview/fields'
import { useFocusHeading } from '../useFocusHeading'
import { draftFromProject, settingsErrors, settingsPatch } from './model'

/** One part of the settings, its heading focusable so a hint can open the screen right there. */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  )
}

export function ProjectSettings({ projectId, field }: { projectId: string; field?: string }) {
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const open = useApp((s) => s.openProject)
  const edit = useApp((s) => s.editProject)
  const navigate = useApp((s) => s.navigate)
  const heading = useFocusHeading([projectId])
  const [draft, setDraft] = useState<InterviewDraft | undefined>(() => (project ? draftFromProject(project) : undefined))
  const [dkim, setDkim] = useState(() => project?.dkimSelectors.join(', ') ?? '')
  const focused = useRef(false)

  useEffect(() => {
    if (!project) void open(projectId)
    else if (!draft) {
      setDraft(draftFromProject(project))
      setDkim(project.dkimSelectors.join(', '))
    }
  }, [projectId, project?.id])
  // Opened from a hint ("add it under DKIM selectors"): straight to that field.
  useEffect(() => {
    if (!draft || !field || focused.current) return
    focused.current = true
    const el = document.getElementById(field)
    el?.scrollIntoView({ block: 'center' })
    el?.focus({ preventScroll: true })
  }, [draft, field])

  if (!project || !draft) return <main id="main" className="page" aria-busy="true"><p role="status">Opening the project…</p></main>

  const errors = settingsErrors(draft, dkim)
  const save = (next: InterviewDraft, nextDkim: string) => {
    if (Object.keys(settingsErrors(next, nextDkim)).length === 0) edit(settingsPatch(next, nextDkim, project))
  }
  const update = (patch: Partial<InterviewDraft>) => {
    const next = { ...draft, ...patch }
    setDraft(next)
    save(next, dkim)
  }
  const props = { draft, update, errors }
  const problems = Object.keys(errors).length

  return (
    <main id="main" className="page settings">
      <div className="page-head">
        <div>
          <p className="eyebrow">{project.name} · Project settings</p>
          <h1 ref={heading} tabIndex={-1}>
            Project settings
          </h1>
          <p className="lead">Everything you told us in the interview, and more. Changes save by themselves once every answer is valid; the next run of the checks uses them.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="primary" onClick={() => navigate({ name: 'wizard', projectId })}>
            Back to the roadmap
          </button>
        </div>
      </div>
      <p className={problems ? 'notice warn' : 'hint'} role="status" aria-live="polite" data-testid="settings-state">
        {problems ? `⚠ ${problems} answer${problems === 1 ? ' needs' : 's need'} a fix before the changes are saved; nothing you typed is lost.` : 'All answers are valid.'}
      </p>
      <Part id="settings-about" title="The product">
        <StepAbout {...props} />
      </Part>
      <Part id="settings-domain" title="Domain and addresses">
        <StepDomain {...props} />
      </Part>
      <Part id="settings-flows" title="Critical flows">
        <StepFlows {...props} />
      </Part>
      <Part id="settings-providers" title="Providers">
        <StepProviders {...props} />
        <div className="field">
          <label htmlFor="settings-dkim">DKIM selectors</label>
          <p className="hint" id="settings-dkim-hint">
            The part before ._domainkey in the DKIM record your email provider gave you (for example s1 or google). Separate several with commas.
          </p>
          <input
            id="settings-dkim"
            type="text"
            value={dkim}
            spellCheck={false}
            onChange={(e) => {
              setDkim(e.target.value)
              save(draft, e.target.value)
            }}
            aria-invalid={errors['settings-dkim'] ? true : undefined}
            aria-describedby={['settings-dkim-hint', errors['settings-dkim'] ? 'settings-dkim-error' : ''].filter(Boolean).join(' ')}
          />
          <FieldError id="settings-dkim" errors={errors} />
        </div>
      </Part>
      <Part id="settings-contacts" title="Emergency contacts">
        <StepContacts {...props} />
      </Part>
    </main>
  )
}
