/** Alert channels: desktop, Slack, a webhook, email over SMTP — secrets as keychain credentials — each with "Send a test alert" and its last delivery. */
import { useId, useState } from 'react'
import type { AlertChannel, AlertDelivery } from '../../../../shared/model'
import { api } from '../../api'

const TYPES: { type: AlertChannel['type']; word: string; secret?: string }[] = [
  { type: 'slack', word: 'Slack (incoming webhook)', secret: 'the webhook URL' },
  { type: 'email', word: 'Email (SMTP)', secret: 'the SMTP password' },
  { type: 'webhook', word: 'A webhook (JSON POST)', secret: 'the webhook URL' },
  { type: 'desktop', word: 'Desktop notification (this computer)' },
]

export function Channels({ projectId, channels, deliveries, onSave }: { projectId: string; channels: AlertChannel[]; deliveries: AlertDelivery[]; onSave(c: AlertChannel[]): void }) {
  const id = useId()
  const [type, setType] = useState<AlertChannel['type']>('slack')
  const [name, setName] = useState('')
  const [credential, setCredential] = useState('')
  const [smtp, setSmtp] = useState({ host: '', port: '587', user: '', from: '', to: '' })
  const [result, setResult] = useState<Record<string, string>>({})
  const t = TYPES.find((x) => x.type === type)!
  const add = () => {
    const c: AlertChannel = {
      id: `ch-${Date.now().toString(36)}`,
      type,
      name: name.trim() || t.word,
      ...(credential.trim() ? { credential: credential.trim() } : {}),
      ...(type === 'email' ? { email: { host: smtp.host.trim(), port: Number(smtp.port) || 587, secure: smtp.port === '465', user: smtp.user.trim(), from: smtp.from.trim(), to: smtp.to.trim() } } : {}),
    }
    onSave([...channels, c])
    setName('')
  }
  const test = async (c: AlertChannel) => {
    setResult((r) => ({ ...r, [c.id]: 'Sending…' }))
    const r = await api().monitor.testAlert({ projectId, channelId: c.id })
    setResult((x) => ({ ...x, [c.id]: r.ok ? (r.value.ok ? 'Delivered. Check that it arrived.' : `Failed: ${r.value.error}`) : r.error.message }))
  }
  return (
    <section aria-labelledby={`${id}-h`} className="channels" data-testid="alert-channels">
      <h3 id={`${id}-h`}>Where alerts go</h3>
      <p className="hint">Alerts on down (two failures in a row), recovery and certificates at 21, 14 and 7 days; no repeats while a URL stays down.</p>
      <ul>
        {channels.map((c) => {
          const last = deliveries.find((d) => d.channel === c.id)
          return (
            <li key={c.id} data-channel={c.name}>
              <strong>{c.name}</strong> ({TYPES.find((x) => x.type === c.type)?.word}){c.credential ? `, secret in the keychain as “${c.credential}”` : ''}{' '}
              <button type="button" onClick={() => void test(c)}>
                Send a test alert
              </button>{' '}
              <button type="button" className="link-button" onClick={() => onSave(channels.filter((x) => x.id !== c.id))}>
                Remove
              </button>
              <span role="status" className="hint">
                {' '}
                {result[c.id] ?? (last ? `Last ${last.kind} alert: ${last.ok ? 'delivered' : `failed (${last.error})`} ${new Date(last.at).toLocaleString()}` : '')}
              </span>
            </li>
          )
        })}
      </ul>
      <fieldset>
        <legend>Add a channel</legend>
        <label htmlFor={`${id}-t`}>Kind</label>
        <select id={`${id}-t`} value={type} onChange={(e) => setType(e.target.value as AlertChannel['type'])}>
          {TYPES.map((x) => (
            <option key={x.type} value={x.type}>
              {x.word}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-n`}>Name</label>
        <input id={`${id}-n`} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="#ops, Dana’s email…" />
        {t.secret && (
          <>
            <label htmlFor={`${id}-c`}>Keychain credential holding {t.secret} (add it in Credentials)</label>
            <input id={`${id}-c`} type="text" value={credential} onChange={(e) => setCredential(e.target.value)} />
          </>
        )}
        {type === 'email' &&
          (['host', 'port', 'user', 'from', 'to'] as const).map((k) => (
            <span key={k}>
              <label htmlFor={`${id}-${k}`}>SMTP {k === 'to' ? 'send to' : k === 'from' ? 'from address' : k}</label>
              <input id={`${id}-${k}`} type="text" value={smtp[k]} onChange={(e) => setSmtp((x) => ({ ...x, [k]: e.target.value }))} />
            </span>
          ))}
        <button type="button" onClick={add}>
          Add the channel
        </button>
      </fieldset>
    </section>
  )
}
