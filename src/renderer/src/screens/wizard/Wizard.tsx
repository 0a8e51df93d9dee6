import { Suspense, useEffect, useRef } from 'react'
import type { StageNumber } from '../../../../shared/catalog'
import { overallProgress, STAGES, stageContent, stageProgress } from '../../../../shared/roadmap'
import { VERTICAL_INFO } from '../../../../shared/verticals'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { Gloss } from '../../components/Gloss'
import { ProgressBar } from '../../components/Progress'
import { stagePanels } from '../../features/registry'
import { useApp } from '../../store/hooks'
import { ChecklistItemCard } from './ChecklistItem'

/** The consultant's switcher: another client's project without going back to the list. */
function ProjectSwitcher({ projectId }: { projectId: string }) {
  const projects = useApp((s) => s.projects)
  const open = useApp((s) => s.openProject)
  const navigate = useApp((s) => s.navigate)
  if (projects.length < 2) return null
  return (
    <div className="field project-switcher">
      <label htmlFor="project-switcher">Project</label>
      <select
        id="project-switcher"
        value={projectId}
        onChange={async (e) => {
          const id = e.target.value
          if (await open(id)) navigate({ name: 'wizard', projectId: id })
        }}
      >
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.domain})
          </option>
        ))}
      </select>
    </div>
  )
}

function StageNav({ current }: { current: StageNumber }) {
  const checklist = useApp((s) => s.current!.checklist)
  const projectId = useApp((s) => s.current!.id)
  const setPosition = useApp((s) => s.setWizardPosition)
  return (
    <nav className="stage-nav" aria-label="Launch stages">
      <ProjectSwitcher projectId={projectId} />
      <h2>Launch roadmap</h2>
      <ProgressBar progress={overallProgress(checklist)} label="Overall" />
      <ol>
        {STAGES.map((st) => {
          const p = stageProgress(checklist, st.number)
          const complete = p.done === p.total
          // Ticked over failing checks with a reason: counted as done, and said so.
          const accepted = stageContent(st.number).items.filter((i) => checklist[i.id]?.done && checklist[i.id]?.acceptedFailing).length
          return (
            <li key={st.number} className={complete ? 'complete' : undefined}>
              <button
                type="button"
                aria-current={st.number === current ? 'step' : undefined}
                onClick={() => setPosition(st.number)}
                aria-label={`Stage ${st.number}: ${st.title}, ${p.done} of ${p.total} done${accepted ? `, ${accepted} with failing checks accepted` : ''}${complete ? ', complete' : ''}`}
              >
                <span className="stage-num" aria-hidden="true">
                  {complete ? '✓' : st.number}
                </span>
                <span>{st.title}</span>
                <span className="stage-count" aria-hidden="true">
                  {p.done}/{p.total}
                  {accepted > 0 && <span className="stage-accepted" title={`${accepted} with failing checks accepted`}> !{accepted}</span>}
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

function StageView({ stage }: { stage: StageNumber }) {
  const project = useApp((s) => s.current!)
  const setPosition = useApp((s) => s.setWizardPosition)
  const navigate = useApp((s) => s.navigate)
  const heading = useRef<HTMLHeadingElement>(null)
  const content = stageContent(stage)
  const progress = stageProgress(project.checklist, stage)
  const left = progress.total - progress.done
  const nextItem = content.items.find((i) => !project.checklist[i.id]?.done)
  const vertical = VERTICAL_INFO[project.vertical]
  const panels = stagePanels.filter((p) => p.stages.includes(stage))
  const hasRun = useApp((s) => s.runsProjectId === project.id && Boolean(s.runsLatest?.latest))
  const runsLoaded = useApp((s) => s.runsProjectId === project.id && s.runsLatest !== undefined)
  const liveRun = useApp((s) => (s.liveRun?.projectId === project.id ? s.liveRun : undefined))
  const startRun = useApp((s) => s.startRun)
  const firstRun = stage === 1 && runsLoaded && !hasRun
  const first = useRef(true)

  useEffect(() => {
    // Resume: on opening, focus the item the user was last on; on stage change, the heading.
    const item = first.current ? project.wizard.item : undefined
    first.current = false
    const el = item ? document.getElementById(`cb-${item}`) : null
    if (el) {
      el.scrollIntoView({ block: 'center' })
      el.focus({ preventScroll: true })
    } else {
      heading.current?.focus()
      window.scrollTo({ top: 0 })
    }
  }, [stage])

  const prev = stage > 1 ? stageContent((stage - 1) as StageNumber) : undefined
  const next = stage < 7 ? stageContent((stage + 1) as StageNumber) : undefined

  return (
    <main id="main" className="wizard-main" data-stage={stage}>
      <div className="stage-head">
        <p className="eyebrow">
          {project.name} ({project.domain}) · Stage {stage} of 7 ·{' '}
          <button type="button" className="link-button" onClick={() => navigate({ name: 'settings', projectId: project.id })}>
            Project settings
          </button>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {content.title}
        </h1>
        <div className="stage-status">
          <span className={`badge ${left ? 'warn' : 'ok'}`} data-testid="stage-status">
            {left ? `○ ${left} of ${progress.total} left to confirm` : '✓ Every item confirmed'}
          </span>
          {nextItem && !firstRun && (
            <span className="hint">
              Next: <Gloss text={nextItem.title} />
            </span>
          )}
        </div>
        {firstRun && (
          // Before the first run, Stage 1's one primary action is running the checks, here at the top.
          <div className="notice info start-here" data-testid="start-here">
            <h2>Start here: run the automated checks</h2>
            <p>About a minute: DNS, redirects, certificates, security headers and email authentication, checked from this computer. The launch risk report below then tells you what to fix first.</p>
            <button
              type="button"
              className="primary"
              disabled={Boolean(liveRun)}
              onClick={() => {
                void startRun(project.id)
                jumpTo('panel-audit')
              }}
            >
              {liveRun ? 'Checks running…' : 'Run all checks'}
            </button>
          </div>
        )}
        <div style={{ marginTop: '0.75rem' }} aria-live="polite">
          <ProgressBar progress={progress} label={`Stage ${stage}`} />
        </div>
        {panels.length > 0 && (
          <p className="jump-links">
            {panels.map((p) => (
              <button key={p.id} type="button" className="link" onClick={() => jumpTo(`panel-${p.id}`)}>
                {jumpLabel(stage, p.id, p.title)} ↓
              </button>
            ))}
          </p>
        )}
      </div>

      <section className="section" aria-labelledby="goal-h">
        <h2 id="goal-h">Goal</h2>
        <p>
          <Gloss text={content.goal} />
        </p>
      </section>
      <section className="section notice info" aria-labelledby="why-h">
        <h2 id="why-h">Why it matters for a {vertical.label.toLowerCase()}</h2>
        <p>
          <Gloss text={content.why[project.vertical]} />
        </p>
      </section>
      <section className="section" aria-labelledby="items-h">
        <h2 id="items-h">Checklist</h2>
        <p className="hint">Tick an item when you have confirmed it. Add a note or evidence so others can see how.</p>
        <ul className="checklist">
          {content.items.map((item) => (
            <ChecklistItemCard key={item.id} projectId={project.id} stage={stage} item={item} />
          ))}
        </ul>
      </section>
      <section className="section" aria-labelledby="deliv-h">
        <h2 id="deliv-h">What you will have at the end</h2>
        <p>
          <Gloss text={content.deliverable} />
        </p>
      </section>
      <section className="section" aria-labelledby="fail-h">
        <h2 id="fail-h">Warning signs this stage needs more work</h2>
        <ul className="signals">
          {content.failureSignals.map((f) => (
            <li key={f}>
              <Gloss text={f} />
            </li>
          ))}
        </ul>
      </section>

      {panels.map((p) => (
        <section key={p.id} id={`panel-${p.id}`} tabIndex={-1} className="section panel" aria-label={p.title}>
          <ErrorBoundary name={p.title}>
            <Suspense fallback={<p role="status">Loading {p.title}…</p>}>
              <p.Component projectId={project.id} stage={stage} />
            </Suspense>
          </ErrorBoundary>
        </section>
      ))}

      <div className="stage-footer">
        {prev ? (
          <button type="button" onClick={() => setPosition(prev.number)} aria-keyshortcuts="[">
            ← Back: {prev.title}
          </button>
        ) : (
          <button type="button" onClick={() => navigate({ name: 'list' })}>
            ← All projects
          </button>
        )}
        {next ? (
          <button type="button" className="primary" onClick={() => setPosition(next.number)} aria-keyshortcuts="]">
            Next: {next.title} →
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => navigate({ name: 'list' })}>
            Finish and return to projects
          </button>
        )}
      </div>
    </main>
  )
}

/** The guided roadmap for one project: stage sidebar and the current stage. */
export function Wizard({ projectId }: { projectId: string }) {
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const openError = useApp((s) => s.openError)
  const navigate = useApp((s) => s.navigate)
  const open = useApp((s) => s.openProject)
  const loadRuns = useApp((s) => s.loadRuns)
  const runsFor = useApp((s) => s.runsProjectId)
  useEffect(() => {
    if (!project) void open(projectId)
    // The checklist shows its covering checks' results: load them with the project, not only with the audit panel.
    if (runsFor !== projectId) void loadRuns(projectId)
  }, [projectId])
  if (!project) {
    return (
      <main id="main" className="page">
        {openError ? (
          <div className="notice error" role="alert">
            <h1>⚠ This project could not be opened</h1>
            <p>{openError.message}</p>
            <button type="button" className="primary" onClick={() => navigate({ name: 'list' })}>
              Back to projects
            </button>
          </div>
        ) : (
          <p role="status">Opening the project…</p>
        )}
      </main>
    )
  }
  const stage = project.wizard.stage as StageNumber
  return (
    <div className="wizard">
      <StageNav current={stage} />
      <StageView key={stage} stage={stage} />
    </div>
  )
}

/** Stage 1's automated panel is the risk report, its deliverable: say so. */
function jumpLabel(stage: StageNumber, id: string, title: string): string {
  if (stage === 1 && id === 'audit') return 'Run the checks and see the launch risk report'
  return `Go to ${title.toLowerCase()}`
}

/** Scrolls to a panel below the checklist and moves focus there (keyboard and screen reader users land on it too). */
function jumpTo(id: string): void {
  const el = document.getElementById(id)
  if (!el) return
  el.scrollIntoView({ block: 'start' })
  el.focus({ preventScroll: true })
}
