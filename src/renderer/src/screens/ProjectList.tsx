import { useEffect, useState, type FormEvent } from 'react'
import type { ProjectSummary } from '../../../shared/model'
import { VERTICAL_INFO } from '../../../shared/verticals'
import { ProgressBar } from '../components/Progress'
import { useApp } from '../store/hooks'
import { useFocusHeading } from './useFocusHeading'

const when = (iso: string) => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

function ImportError() {
  const error = useApp((s) => s.importError)
  const clear = useApp((s) => s.clearImportError)
  if (!error) return null
  return (
    <div className="notice error" role="alert" data-testid="import-error">
      <h2>⚠ That file was not imported</h2>
      <p>{error.message}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.slice(0, 12).map((i, n) => (
            <li key={n}>{i.message}</li>
          ))}
          {error.issues.length > 12 && <li>…and {error.issues.length - 12} more problems.</li>}
        </ul>
      )}
      <p>Nothing was changed. Fix the file or choose another one.</p>
      <div className="row">
        <button type="button" onClick={clear}>
          Dismiss
        </button>
      </div>
    </div>
  )
}

function RenameForm({ project, onDone }: { project: ProjectSummary; onDone: () => void }) {
  const rename = useApp((s) => s.renameProject)
  const [name, setName] = useState(project.name)
  const [error, setError] = useState<string>()
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return setError('The name cannot be empty.')
    const res = await rename(project.id, name)
    if (res.ok) onDone()
    else setError(res.error.message)
  }
  const errId = `rename-error-${project.id}`
  return (
    <form className="rename-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <label className="visually-hidden" htmlFor={`rename-${project.id}`}>
        New name for {project.name}
      </label>
      <input
        id={`rename-${project.id}`}
        type="text"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errId : undefined}
      />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </form>
  )
}

function ProjectRow({ p }: { p: ProjectSummary }) {
  const openProject = useApp((st) => st.openProject)
  const navigate = useApp((st) => st.navigate)
  const duplicate = useApp((st) => st.duplicateProject)
  const remove = useApp((st) => st.deleteProject)
  const exportProject = useApp((st) => st.exportProject)
  const pushToast = useApp((st) => st.pushToast)
  const [renaming, setRenaming] = useState(false)
  const open = async () => {
    if (await openProject(p.id)) navigate({ name: 'wizard', projectId: p.id })
  }
  const report = (r: { ok: boolean; error?: { message: string } }) => {
    if (!r.ok && r.error) pushToast({ message: r.error.message, tone: 'error' })
  }
  return (
    <li className="card project" data-testid="project-row" data-project-id={p.id}>
      <div>
        {renaming ? (
          <RenameForm project={p} onDone={() => setRenaming(false)} />
        ) : (
          <h2>
            <button type="button" className="link" onClick={open}>
              {p.name}
            </button>
          </h2>
        )}
        <p className="meta">
          {p.domain} · {VERTICAL_INFO[p.vertical]?.label ?? p.vertical} · changed {when(p.updatedAt)}
        </p>
        <p className="meta project-verdict" data-verdict={p.verdict ?? 'none'}>
          {p.verdict ? (
            <>
              <span className={`badge ${p.verdict === 'go' ? 'ok' : p.verdict === 'no-go' ? 'warn' : 'todo'}`}>{VERDICT_WORDS[p.verdict]}</span> last run {when(p.lastRunAt!)} ·{' '}
              {p.open && p.open.blocker + p.open.high > 0 ? `${p.open.blocker} blocker${p.open.blocker === 1 ? '' : 's'}, ${p.open.high} high` : 'no blocker or high problem open'}
            </>
          ) : (
            'Not checked yet'
          )}
        </p>
      </div>
      <div className="actions" role="group" aria-label={`Actions for ${p.name}`}>
        <button type="button" className="small" onClick={open}>
          Open
        </button>
        <button type="button" className="small" onClick={() => setRenaming(true)}>
          Rename
        </button>
        <button type="button" className="small" onClick={async () => report(await duplicate(p.id))}>
          Duplicate
        </button>
        <button type="button" className="small" onClick={async () => report(await exportProject(p.id))}>
          Export…
        </button>
        <button type="button" className="small danger" onClick={async () => report(await remove(p.id))}>
          Delete
        </button>
      </div>
      <ProgressBar progress={p.progress} label="Checklist" />
    </li>
  )
}

/** The offline demo, one click away: a deliberately broken site on this computer, with a project ready to run. */
function DemoOffer() {
  const createDemo = useApp((st) => st.createDemoProject)
  const openProject = useApp((st) => st.openProject)
  const navigate = useApp((st) => st.navigate)
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false })
  const start = async () => {
    setState({ busy: true })
    const r = await createDemo()
    if (!r.ok) return setState({ busy: false, error: r.error.message })
    if (await openProject(r.value.id)) navigate({ name: 'wizard', projectId: r.value.id })
    else setState({ busy: false })
  }
  return (
    <div className="demo-offer">
      <p>Not ready to type your own domain? Try the checks on a deliberately broken launch that runs on this computer, offline.</p>
      <button type="button" onClick={() => void start()} disabled={state.busy}>
        {state.busy ? 'Starting the demo site…' : 'Try it on the offline demo'}
      </button>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  )
}

const VERDICT_WORDS = { go: '✓ Go', 'no-go': '✗ No-go', incomplete: '? Not sure yet' } as const

export type ProjectSort = 'changed' | 'name' | 'verdict' | 'problems'
const VERDICT_ORDER = { 'no-go': 0, incomplete: 1, go: 2 } as const

/** The consultant's orders: most recently changed, by name, worst verdict first, most open blockers and highs first. */
export function sortProjects(list: readonly ProjectSummary[], by: ProjectSort): ProjectSummary[] {
  const open = (p: ProjectSummary) => (p.open ? p.open.blocker * 1000 + p.open.high : -1)
  const cmp: Record<ProjectSort, (a: ProjectSummary, b: ProjectSummary) => number> = {
    changed: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    name: (a, b) => a.name.localeCompare(b.name),
    verdict: (a, b) => (a.verdict ? VERDICT_ORDER[a.verdict] : 3) - (b.verdict ? VERDICT_ORDER[b.verdict] : 3) || b.updatedAt.localeCompare(a.updatedAt),
    problems: (a, b) => open(b) - open(a) || a.name.localeCompare(b.name),
  }
  return [...list].sort(cmp[by])
}

export function ProjectList() {
  const projects = useApp((s) => s.projects)
  const listError = useApp((s) => s.listError)
  const search = useApp((s) => s.search)
  const setSearch = useApp((s) => s.setSearch)
  const navigate = useApp((s) => s.navigate)
  const importProject = useApp((s) => s.importProject)
  const heading = useFocusHeading()
  const [sort, setSort] = useState<ProjectSort>('changed')
  const loadProjects = useApp((s) => s.loadProjects)
  // Verdicts and counts change with every run: read them afresh whenever the list is shown.
  useEffect(() => void loadProjects(), [])
  const q = search.trim().toLowerCase()
  const shown = sortProjects(
    q ? projects.filter((p) => [p.name, p.domain, VERTICAL_INFO[p.vertical]?.label ?? ''].some((f) => f.toLowerCase().includes(q))) : projects,
    sort,
  )
  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            Projects
          </h1>
          <p className="lead">
            {projects.length === 0
              ? 'Each project is one product you are getting ready to launch.'
              : `${projects.length} project${projects.length === 1 ? '' : 's'}. Open one to continue its launch roadmap.`}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate({ name: 'interview' })} aria-keyshortcuts="n">
            New project
          </button>
          <button type="button" onClick={() => void importProject()}>
            Import…
          </button>
        </div>
      </div>
      <ImportError />
      {listError && (
        <div className="notice error" role="alert">
          <h2>⚠ Your projects could not be loaded</h2>
          <p>{listError.message}</p>
        </div>
      )}
      {projects.length > 0 && (
        <div className="field search">
          <label htmlFor="project-search">Search projects</label>
          <input
            id="project-search"
            type="search"
            value={search}
            placeholder="Name, domain or kind of business"
            onChange={(e) => setSearch(e.target.value)}
            aria-keyshortcuts="/"
          />
        </div>
      )}
      {projects.length > 1 && (
        <div className="field sort">
          <label htmlFor="project-sort">Sort by</label>
          <select id="project-sort" value={sort} onChange={(e) => setSort(e.target.value as ProjectSort)}>
            <option value="changed">Last change</option>
            <option value="name">Name</option>
            <option value="verdict">Verdict (no-go first)</option>
            <option value="problems">Open blockers and high problems</option>
          </select>
        </div>
      )}
      {projects.length === 0 ? (
        <div className="card empty">
          <h2>No projects yet</h2>
          <p>Answer a few questions about your product and domain, and you get a seven-stage launch checklist made for it.</p>
          <p className="hint">Already have a project file? Use Import.</p>
          <DemoOffer />
        </div>
      ) : shown.length === 0 ? (
        <p role="status">No project matches “{search}”.</p>
      ) : (
        <ul className="project-list" aria-label="Projects">
          {shown.map((p) => (
            <ProjectRow key={p.id} p={p} />
          ))}
        </ul>
      )}
    </main>
  )
}
