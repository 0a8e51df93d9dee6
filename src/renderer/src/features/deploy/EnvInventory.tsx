/**
 * The environment-variable inventory: variables × environments (what is
 * missing where), where the code reads each, and owner / purpose / store
 * edited in place (autosaved). Environments come from the host's export
 * (a file, or pasted) — names only; the values are dropped in main.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import type { EnvTable } from '../../../../shared/contract/deploy'
import type { EnvVariable, Project } from '../../../../shared/model'
import { api } from '../../api'
import { appStore, useApp } from '../../store/hooks'
import { FindingCard } from '../../components/FindingCard'

function sync(p: Project) {
  const cur = appStore.getState().current
  if (cur?.id === p.id) appStore.setState({ current: { ...cur, envInventory: p.envInventory, updatedAt: p.updatedAt } })
}

function ImportEnv({ projectId, onDone }: { projectId: string; onDone(): void }) {
  const id = useId()
  const [env, setEnv] = useState('production')
  const [text, setText] = useState('')
  const [paste, setPaste] = useState(false)
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')
  const done = (r: { project: Project; names: number; droppedValues: number }) => {
    sync(r.project)
    setError('')
    setMessage(`${env}: ${r.names} variable names kept.${r.droppedValues ? ` ${r.droppedValues} value${r.droppedValues === 1 ? ' was' : 's were'} in it and ${r.droppedValues === 1 ? 'was' : 'were'} dropped — only names are stored.` : ''}`)
    setText('')
    setPaste(false)
    onDone()
  }
  return (
    <div className="env-import">
      <div className="field">
        <label htmlFor={`${id}-e`}>Environment</label>
        <input id={`${id}-e`} type="text" value={env} list={`${id}-l`} onChange={(e) => setEnv(e.target.value)} />
        <datalist id={`${id}-l`}>
          <option value="production" />
          <option value="preview" />
          <option value="staging" />
        </datalist>
      </div>
      <button
        type="button"
        onClick={() =>
          void api()
            .deploy.importEnv({ projectId, environment: env })
            .then((r) => (r.ok ? r.value && done(r.value) : setError(r.error.issues?.[0]?.message ?? r.error.message)))
        }
      >
        Import a file from the host…
      </button>
      <button type="button" onClick={() => setPaste((p) => !p)} aria-expanded={paste}>
        Paste the names
      </button>
      {paste && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void api()
              .deploy.setEnvNames({ projectId, environment: env, text })
              .then((r) => (r.ok ? done(r.value) : setError(r.error.issues?.[0]?.message ?? r.error.message)))
          }}
        >
          <label htmlFor={`${id}-t`}>What your host’s CLI printed (vercel env pull, netlify env:list --json, heroku config --json…): values are dropped</label>
          <textarea id={`${id}-t`} rows={5} value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
          <button type="submit">Keep the names</button>
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="hint">
        {message}
      </p>
    </div>
  )
}

export function EnvInventoryPanel({ projectId }: { projectId: string }) {
  const id = useId()
  const [table, setTable] = useState<EnvTable | undefined>()
  const [error, setError] = useState('')
  const inv = useApp((s) => (s.current?.id === projectId ? s.current.envInventory : undefined))
  const edit = useApp((s) => s.editProject)
  const load = useApp((s) => s.loadRuns)
  const refresh = useCallback(async (record = false) => {
    const r = await api().deploy.inventory({ projectId, ...(record ? { record: true } : {}) })
    if (record) void load(projectId)
    if (r.ok) setTable(r.value)
    else setError(r.error.message)
  }, [projectId, load])
  useEffect(() => void refresh(), [refresh])
  if (!inv) return null
  const setField = (name: string, field: 'owner' | 'purpose' | 'store', value: string) => {
    const vars = inv.variables.some((v) => v.name === name) ? inv.variables.map((v) => (v.name === name ? { ...v, [field]: value } : v)) : [...inv.variables, { name, owner: '', purpose: '', store: '', [field]: value } as EnvVariable]
    edit({ envInventory: { ...inv, variables: vars } })
  }
  const value = (name: string, field: 'owner' | 'purpose' | 'store', fallback: string) => inv.variables.find((v) => v.name === name)?.[field] ?? fallback
  const envs = table?.environments ?? []
  return (
    <section aria-labelledby={`${id}-h`} className="env-inventory" data-testid="env-inventory">
      <h3 id={`${id}-h`}>Environment variables</h3>
      <p className="hint">Names from your code (its .env.example and every process.env read) against what each environment has. Owner, purpose and where each is stored are saved as you type; values are never stored here.</p>
      <ImportEnv projectId={projectId} onDone={() => void refresh()} />
      <button type="button" className="primary" onClick={() => void refresh(true)}>
        Check the inventory
      </button>
      {table && !table.codeRead && <p className="hint">Choose your code folder in the secrets panel below to list what the code reads.</p>}
      {error && <p className="notice error">{error}</p>}
      {table && table.rows.length > 0 && (
        <div className="table-scroll">
          <table className="env-table">
            <thead>
              <tr>
                <th scope="col">Variable</th>
                {envs.map((e) => (
                  <th key={e.name} scope="col">
                    {e.name}
                  </th>
                ))}
                <th scope="col">Owner</th>
                <th scope="col">Purpose</th>
                <th scope="col">Stored in</th>
                <th scope="col">Read in the code</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.name} data-var={r.name}>
                  <th scope="row" className="mono">
                    {r.name}
                    {r.public && <span className="hint"> (public)</span>}
                  </th>
                  {envs.map((e) => (
                    <td key={e.name} className={r.present[e.name] ? 'has' : 'missing'}>
                      {r.present[e.name] ? '✓ set' : '✗ missing'}
                    </td>
                  ))}
                  {(['owner', 'purpose', 'store'] as const).map((f) => (
                    <td key={f}>
                      <input type="text" aria-label={`${f === 'store' ? 'Stored in' : f === 'owner' ? 'Owner' : 'Purpose'} of ${r.name}`} value={value(r.name, f, f === 'purpose' ? r.purpose : '')} placeholder={f === 'store' ? 'host env, secret manager…' : ''} onChange={(e) => setField(r.name, f, e.target.value)} onBlur={() => void refresh()} />
                    </td>
                  ))}
                  <td className="mono hint">{r.uses[0] ?? (r.inExample ? '.env.example' : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {table?.findings
        .filter((f) => f.status !== 'pass')
        .map((f) => (
          <FindingCard key={`${f.checkId}@${f.target}`} finding={f} onCheckAgain={() => void refresh(true)} headingLevel={4} />
        ))}
    </section>
  )
}
