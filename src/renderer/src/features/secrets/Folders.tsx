/** Where the scan looks on this computer: the code folder and the build folder, chosen with a dialog or typed. What was typed stays when it will not do. */
import { useEffect, useId, useState } from 'react'
import type { Project } from '../../../../shared/model'
import { api } from '../../api'

type Field = 'repoPath' | 'buildDir'

const LABELS: Record<Field, { label: string; hint: string; choose: string }> = {
  repoPath: { label: 'Your code (the git repository folder)', hint: 'The working tree, every commit on every branch and tag, and committed env files are read.', choose: 'Choose folder…' },
  buildDir: { label: 'Production build folder (optional)', hint: 'Left empty: dist/, build/, .next/ and out/ inside the code folder, where they exist.', choose: 'Choose folder…' },
}

function FolderField({ project, field, onSaved }: { project: Project; field: Field; onSaved(p: Project): void }) {
  const id = useId()
  const saved = project[field] ?? ''
  const [text, setText] = useState(saved)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => setText(saved), [saved])
  const done = (r: Awaited<ReturnType<ReturnType<typeof api>['secrets']['setFolder']>>) => {
    setBusy(false)
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message)
    setError('')
    onSaved(r.value)
  }
  const choose = async () => {
    setBusy(true)
    const r = await api().secrets.chooseFolder({ projectId: project.id, field })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    if (r.value) {
      setError('')
      onSaved(r.value)
    }
  }
  const l = LABELS[field]
  return (
    <div className="field folder-field">
      <label htmlFor={`${id}-p`}>{l.label}</label>
      <div className="folder-row">
        <input
          id={`${id}-p`}
          type="text"
          className="mono"
          value={text}
          placeholder="/home/you/code/acme"
          spellCheck={false}
          aria-invalid={Boolean(error)}
          aria-describedby={`${id}-h${error ? ` ${id}-e` : ''}`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              setBusy(true)
              void api().secrets.setFolder({ projectId: project.id, field, path: text }).then(done)
            }
          }}
        />
        <button
          type="button"
          disabled={busy || text.trim() === saved}
          onClick={() => {
            setBusy(true)
            void api().secrets.setFolder({ projectId: project.id, field, path: text }).then(done)
          }}
        >
          {text.trim() ? 'Save' : 'Clear'}
        </button>
        <button type="button" disabled={busy} onClick={() => void choose()}>
          {l.choose}
        </button>
      </div>
      <p id={`${id}-h`} className="hint">
        {l.hint}
      </p>
      {error && (
        <p id={`${id}-e`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

export function Folders({ project, onSaved }: { project: Project; onSaved(p: Project): void }) {
  return (
    <fieldset className="secret-folders">
      <legend>Where we look</legend>
      <FolderField project={project} field="repoPath" onSaved={onSaved} />
      <FolderField project={project} field="buildDir" onSaved={onSaved} />
      <p className="hint">The live site: the scripts and source maps {project.domain} serves are read with every audit.</p>
    </fieldset>
  )
}
