/**
 * Stage 2 email panel: each email record and its status, the SPF lookup
 * tree, the records to publish provider by provider with copy buttons, the
 * DKIM selectors tried (and a way to add one), the findings, and the
 * deliverability hand test. Talks to main only through api().
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { api } from '../../api'
import type { StagePanelProps } from '../registry'
import type { Project } from '../../../../shared/model'
import { EMAIL_HAND_TEST, type EmailView, type HandTestInput } from '../../../../shared/contract/email'
import { FindingCard, StatusBadge } from '../../components/FindingCard'
import { Gloss } from '../../components/Gloss'
import { SpfTree } from './SpfTree'
import { AddSelector, Publish } from './Publish'
import { HandTest } from './HandTest'
import { SpfTry } from './SpfTry'
import { lookupSummary, recordRows } from './model'
import './email.css'

export function EmailPanel({ projectId }: StagePanelProps) {
  const id = useId()
  const [project, setProject] = useState<Project | undefined>()
  const [view, setView] = useState<EmailView | null | undefined>()
  const [busy, setBusy] = useState(false)
  const [live, setLive] = useState('')
  const [error, setError] = useState<string | undefined>()

  useEffect(() => {
    void api()
      .projects.get({ id: projectId })
      .then((r) => (r.ok ? setProject(r.value) : setError(r.error.message)))
    void api()
      .email.latest({ projectId })
      .then((r) => (r.ok ? setView(r.value) : setError(r.error.message)))
  }, [projectId])

  // When an audit (Stage 1, a stage re-run, "Check again") finishes, show its email results.
  useEffect(
    () =>
      api().runs.onProgress((p) => {
        if (p.projectId !== projectId || p.type !== 'finished') return
        void api()
          .email.latest({ projectId })
          .then((r) => {
            if (r.ok && r.value) setView(r.value)
          })
      }),
    [projectId],
  )

  const check = useCallback(async () => {
    setBusy(true)
    setError(undefined)
    setLive(`Checking the email records of ${project?.domain ?? 'your domain'}…`)
    const r = await api().email.check({ projectId })
    setBusy(false)
    if (r.ok) {
      setView(r.value)
      const bad = r.value.findings.filter((f) => f.status === 'fail' || f.status === 'error').length
      setLive(`Email checks done: ${bad === 0 ? 'nothing failed' : `${bad} need${bad === 1 ? 's' : ''} attention`}.`)
    } else {
      setError(r.error.message)
      setLive('')
    }
  }, [projectId, project?.domain])

  async function addSelector(selector: string): Promise<string | undefined> {
    const r = await api().email.addSelector({ projectId, selector })
    if (!r.ok) return r.error.message
    setProject((p) => (p ? { ...p, dkimSelectors: r.value.dkimSelectors } : p))
    await check()
    return undefined
  }

  async function saveHandTest(input: HandTestInput) {
    const r = await api().email.recordHandTest(input)
    if (r.ok) setProject((p) => (p ? { ...p, handTests: { ...p.handTests, [EMAIL_HAND_TEST]: r.value } } : p))
    return r
  }

  const providers = project ? [project.dnsProvider, ...project.emailProviders] : []
  const problems = view?.findings.filter((f) => f.status !== 'pass' && f.status !== 'skipped') ?? []
  const fine = view?.findings.filter((f) => f.status === 'pass' || f.status === 'skipped') ?? []

  return (
    <section className="email-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <Gloss text="Email that lands: SPF, DKIM and DMARC" />
      </h2>
      <p className="hint">
        Signup confirmations and password resets must reach the inbox. We read your domain’s email records, check them against the rules receivers apply, and give you the exact records to publish.
      </p>
      <div className="email-actions">
        <button type="button" className="primary" onClick={check} disabled={busy}>
          {view ? 'Check email again' : 'Check email now'}
        </button>
        {view && <span className="hint">Last checked {new Date(view.checkedAt).toLocaleString()}</span>}
      </div>
      <p className="email-live" aria-live="polite">
        {live}
      </p>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {view === null && !busy && <p>Nothing checked yet. Press “Check email now”: it takes a few seconds.</p>}
      {view && (
        <>
          <section aria-labelledby={`${id}-rec`}>
            <h3 id={`${id}-rec`}>Your email records</h3>
            <table className="email-records">
              <caption className="visually-hidden">Each email record of {view.domain}, where it lives and its status</caption>
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Where</th>
                  <th scope="col">What we found</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {recordRows(view).map((r) => (
                  <tr key={r.id} data-record={r.id}>
                    <th scope="row">
                      <Gloss text={r.label} />
                    </th>
                    <td className="mono">{r.name}</td>
                    <td className="mono email-found">{r.value}</td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {view.state.spfTree && <SpfTree tree={view.state.spfTree} summary={lookupSummary(view)} />}
          <SpfTry projectId={projectId} domain={view.domain} />
          {problems.length > 0 && (
            <section aria-labelledby={`${id}-todo`}>
              <h3 id={`${id}-todo`}>To fix ({problems.length})</h3>
              <ul className="email-cards">
                {problems.map((f) => (
                  <li key={`${f.checkId}@${f.target}`}>
                    <FindingCard finding={f} providers={providers} busy={busy} onCheckAgain={() => void check()} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Publish view={view} />
          <AddSelector tried={view.state.dkimSelectorsTried} onAdd={addSelector} />
          {fine.length > 0 && (
            <details className="email-fine">
              <summary>Checks that passed or do not apply ({fine.length})</summary>
              <ul className="email-cards">
                {fine.map((f) => (
                  <li key={`${f.checkId}@${f.target}`}>
                    <FindingCard finding={f} providers={providers} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {project && <HandTest projectId={projectId} onSave={saveHandTest} {...(project.handTests[EMAIL_HAND_TEST] ? { last: project.handTests[EMAIL_HAND_TEST] } : {})} />}
    </section>
  )
}

export default EmailPanel
