/**
 * Stage 7 panel: the handover editor (owner map, environment variables,
 * secrets locations, deploy and rollback steps, health check, monitoring
 * links, known risks, prepared by) with a completeness view, autosaved
 * through the store like the rest of the app, then the pack's preview and
 * its export to PDF, Markdown and JSON.
 */
import { useId, type ReactNode } from 'react'
import type { StagePanelProps } from '../registry'
import type { Handover } from '../../../../shared/model'
import { handoverCompleteness } from '../../../../shared/handover'
import { useApp } from '../../store/hooks'
import { Gloss } from '../../components/Gloss'
import { EnvVars, KnownRisks, MonitoringLinks, OwnerMap, Secrets } from './lists'
import { ExportPanel } from './ExportPanel'
import './handover.css'

function TextBlock({ id, label, hint, value, onChange }: { id: string; label: string; hint: string; value: string; onChange(v: string): void }) {
  return (
    <div className="field ho-text">
      <label htmlFor={id}>
        <Gloss text={label} />
      </label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea id={id} value={value} spellCheck={false} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}

export function HandoverPanel({ projectId }: StagePanelProps) {
  const id = useId()
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const editProject = useApp((s) => s.editProject)
  const save = useApp((s) => s.save)
  const navigate = useApp((s) => s.navigate)
  if (!project) return null
  const h = project.handover
  const set = (patch: Partial<Handover>) => editProject({ handover: { ...h, ...patch } })
  const parts = handoverCompleteness(project)
  const section = (key: string, title: string, body: ReactNode, intro?: string) => (
    <section aria-labelledby={`${id}-${key}`} className="panel">
      <h3 id={`${id}-${key}`}>
        <Gloss text={title} />
      </h3>
      {intro && (
        <p className="hint">
          <Gloss text={intro} />
        </p>
      )}
      {body}
    </section>
  )

  return (
    <section className="ho-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Handover pack</h2>
      <p className="hint">Everything the founder needs to run production alone. It saves as you type and goes straight into the pack below.</p>
      <section aria-labelledby={`${id}-c`}>
        <h3 id={`${id}-c`}>How complete is it?</h3>
        <ul className="ho-complete">
          {parts.map((p) => {
            const ok = p.done >= p.total && p.done > 0
            return (
              <li key={p.id} data-part={p.id}>
                <strong>{p.label}</strong>
                <span>
                  <span className={ok ? 'ho-tag ho-ok' : 'ho-tag ho-missing'}>{ok ? '✓ Done' : '! To do'}</span> {p.text}
                  {p.id === 'contacts' && (
                    <>
                      {' '}
                      <button type="button" className="link-button" onClick={() => navigate({ name: 'settings', projectId: project.id, field: 'settings-contacts' })}>
                        {ok ? 'Edit them in the project settings' : 'Add them in the project settings'}
                      </button>
                    </>
                  )}
                </span>
              </li>
            )
          })}
        </ul>
        <p className="hint" aria-live="polite">
          {save.state === 'saving' || save.state === 'pending' ? 'Saving…' : save.state === 'saved' ? 'All changes saved.' : save.state === 'error' ? `Not saved: ${save.message ?? ''}` : ''}
        </p>
      </section>
      {section('owners', 'Owner map', <OwnerMap project={project} set={set} />, 'For each production dependency: who holds the login, and how someone else gets in if that person is away.')}
      {section('env', 'Environment variables', <EnvVars h={h} set={set} />)}
      {section('secrets', 'Secrets locations', <Secrets h={h} set={set} />)}
      {section(
        'ops',
        'Deploy, rollback and health check',
        <>
          <TextBlock id={`${id}-deploy`} label="Deploy steps" hint="Numbered steps someone else could follow, from merging the change to checking it is live." value={h.deploySteps} onChange={(deploySteps) => set({ deploySteps })} />
          <TextBlock id={`${id}-rollback`} label="Rollback steps" hint="How to put the previous release back, and how to confirm it worked." value={h.rollbackSteps} onChange={(rollbackSteps) => set({ rollbackSteps })} />
          <TextBlock id={`${id}-health`} label="Health check" hint="The address that answers “I am up”, and what a good answer looks like." value={h.healthCheck} onChange={(healthCheck) => set({ healthCheck })} />
          <TextBlock id={`${id}-release`} label="How to tell which release is live" hint="A header, the health check’s answer, or where the host shows it." value={h.releaseCheck} onChange={(releaseCheck) => set({ releaseCheck })} />
        </>,
      )}
      {section('links', 'Monitoring links', <MonitoringLinks h={h} set={set} />, 'Uptime checks, error tracking and dashboards, so nobody hunts for a login page during an incident.')}
      {section('risks', 'Known risks', <KnownRisks h={h} set={set} />, 'What could go wrong, how you would notice, and the first thing to do.')}
      {section(
        'by',
        'Prepared by',
        <div className="field">
          <label htmlFor={`${id}-prepared`}>Name and company</label>
          <input id={`${id}-prepared`} value={h.preparedBy} autoComplete="off" onChange={(e) => set({ preparedBy: e.target.value })} />
        </div>,
        project.contacts.length ? `Emergency contacts come from the project’s contacts (${project.contacts.length} listed).` : 'Emergency contacts come from the project’s contacts; none are listed yet.',
      )}
      <ExportPanel projectId={projectId} updatedAt={project.updatedAt} />
    </section>
  )
}

export default HandoverPanel
