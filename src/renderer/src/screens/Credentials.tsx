import { useEffect, useRef, useState, type FormEvent } from 'react'
import { CredentialKind, CredentialName, type CredentialSummary } from '../../../shared/contract/vault'
import { Gloss } from '../components/Gloss'
import { useApp } from '../store/hooks'
import { useFocusHeading } from './useFocusHeading'

const KIND_LABELS: Record<CredentialKind, string> = {
  'api-token': 'API token for signed-in checks',
  'dns-provider-token': 'DNS provider token',
  'database-url': 'Database connection URL (postgres://…)',
  'cdn-provider-token': 'CDN provider token',
  cookie: 'Session cookie',
  header: 'Custom header value',
  other: 'Other',
}

function CredentialRow({ c, onReplace }: { c: CredentialSummary; onReplace(): void }) {
  const reveal = useApp((s) => s.revealCredential)
  const remove = useApp((s) => s.deleteCredential)
  const [value, setValue] = useState<string>()
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string>()
  const doReveal = async () => {
    const r = await reveal(c.name)
    if (r.ok) setValue(r.value.value)
    else setError(r.error.message)
  }
  const doDelete = async () => {
    const r = await remove(c.name)
    if (!r.ok) setError(r.error.message)
  }
  return (
    <tr data-testid="credential-row" data-name={c.name}>
      <th scope="row">{c.name}</th>
      <td>{KIND_LABELS[c.kind]}</td>
      <td>
        {value !== undefined ? (
          <span className="revealed" data-testid="revealed-value">
            {value}
          </span>
        ) : (
          <code data-testid="masked-value">{c.masked}</code>
        )}
        {error && <p className="field-error">{error}</p>}
      </td>
      <td>{new Date(c.updatedAt).toLocaleDateString()}</td>
      <td className="actions">
        {value !== undefined ? (
          <button type="button" className="small" onClick={() => setValue(undefined)}>
            Hide<span className="visually-hidden"> {c.name}</span>
          </button>
        ) : (
          <button type="button" className="small" onClick={doReveal}>
            Reveal<span className="visually-hidden"> {c.name}</span>
          </button>
        )}
        <button type="button" className="small" onClick={onReplace}>
          Replace<span className="visually-hidden"> {c.name}</span>
        </button>
        {confirming ? (
          <span role="group" aria-label={`Confirm deleting ${c.name}`} style={{ display: 'flex', gap: '0.4rem' }}>
            <button type="button" className="small danger" onClick={doDelete} autoFocus>
              Yes, delete {c.name}
            </button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="small danger" onClick={() => setConfirming(true)}>
            Delete<span className="visually-hidden"> {c.name}</span>
          </button>
        )}
      </td>
    </tr>
  )
}

export function Credentials() {
  const status = useApp((s) => s.vaultStatus)
  const loaded = useApp((s) => s.vaultLoaded)
  const vaultError = useApp((s) => s.vaultError)
  const credentials = useApp((s) => s.credentials)
  const load = useApp((s) => s.loadVault)
  const save = useApp((s) => s.setCredential)
  const pushToast = useApp((s) => s.pushToast)
  const heading = useFocusHeading()
  const valueRef = useRef<HTMLInputElement>(null)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<CredentialKind>('api-token')
  const [value, setValue] = useState('')
  const [errors, setErrors] = useState<{ name?: string; value?: string; form?: string }>({})

  useEffect(() => {
    void load()
  }, [load])

  const unavailable = loaded && status && !status.available
  const existing = credentials.some((c) => c.name === name.trim())

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const n = CredentialName.safeParse(name)
    const next: typeof errors = {}
    if (!n.success) next.name = n.error.issues[0]?.message
    if (!value) next.value = 'Paste the secret value.'
    setErrors(next)
    if (next.name) return document.getElementById('cred-name')?.focus()
    if (next.value) return valueRef.current?.focus()
    const r = await save(name.trim(), kind, value)
    if (!r.ok) return setErrors({ form: r.error.message })
    pushToast({ message: `${existing ? 'Replaced' : 'Saved'} “${r.value.name}” in the keychain.` })
    setName('')
    setValue('')
  }

  return (
    <main id="main" className="page">
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            Credentials
          </h1>
          <p className="lead">
            <Gloss text="Tokens that later checks use, such as an API token for signed-in pages or a DNS provider token. They are kept only in your operating system’s keychain." />
          </p>
        </div>
      </div>

      {unavailable && (
        <div className="notice error" role="alert" data-testid="keychain-unavailable">
          <h2>⚠ The keychain is not available</h2>
          <p>{status.reason ?? 'Your operating system did not let us use its keychain.'}</p>
          <p>
            Nothing is stored anywhere else, so credentials cannot be saved until the keychain works. On Linux this needs a running Secret Service, such as GNOME Keyring, that is unlocked.
          </p>
          <div className="row">
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      )}
      {vaultError && (
        <div className="notice error" role="alert">
          <h2>⚠ Credentials could not be loaded</h2>
          <p>{vaultError.message}</p>
        </div>
      )}
      {!loaded && <p role="status">Checking the keychain…</p>}

      {loaded && status?.available && (
        <>
          <section className="card" aria-labelledby="saved-h">
            <h2 id="saved-h">Saved in {status.backend}</h2>
            {credentials.length === 0 ? (
              <p>No credentials yet. Add one below when a check asks for it.</p>
            ) : (
              <table className="creds">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Value</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {credentials.map((c) => (
                    <CredentialRow
                      key={c.name}
                      c={c}
                      onReplace={() => {
                        setName(c.name)
                        setKind(c.kind)
                        setValue('')
                        valueRef.current?.focus()
                      }}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <form className="card" onSubmit={submit} noValidate aria-labelledby="add-h">
            <h2 id="add-h">{existing ? `Replace “${name.trim()}”` : 'Add a credential'}</h2>
            {errors.form && (
              <p className="field-error" role="alert">
                {errors.form}
              </p>
            )}
            <div className="cred-form">
              <div className="field">
                <label htmlFor="cred-name">Name</label>
                <input id="cred-name" type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? 'cred-name-error' : 'cred-name-hint'} autoComplete="off" />
                <p className="hint" id="cred-name-hint">
                  A label you will recognise, like “staging api token”. Using an existing name replaces it.
                </p>
                {errors.name && (
                  <p className="field-error" id="cred-name-error">
                    {errors.name}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor="cred-kind">Kind</label>
                <select id="cred-kind" value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
                  {CredentialKind.options.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field wide">
                <label htmlFor="cred-value">Secret value</label>
                <input ref={valueRef} id="cred-value" type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" aria-invalid={errors.value ? true : undefined} aria-describedby={errors.value ? 'cred-value-error' : 'cred-value-hint'} />
                <p className="hint" id="cred-value-hint">
                  Goes straight to the keychain. The list only ever shows a masked version.
                </p>
                {errors.value && (
                  <p className="field-error" id="cred-value-error">
                    {errors.value}
                  </p>
                )}
              </div>
            </div>
            <button type="submit" className="primary">
              {existing ? 'Replace in keychain' : 'Save to keychain'}
            </button>
          </form>
        </>
      )}
    </main>
  )
}
