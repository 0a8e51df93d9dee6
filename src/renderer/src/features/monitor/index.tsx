/**
 * Stage 6's uptime watch and ops view: the four numbers (uptime over 24 h,
 * 7 d and 30 d; p95 against the target; error rate; queue backlog), the
 * response-time chart with the target line, an uptime strip per URL,
 * incidents, certificate days left; the watched URLs (prefilled), Start and
 * Stop (the watch runs in the main process, also with the window closed),
 * alert channels with "Send a test alert", and the error tracker answer.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { StagePanelProps } from '../registry'
import type { MonitorState } from '../../../../shared/contract/monitor'
import type { AlertChannel, Finding } from '../../../../shared/model'
import { FindingCard } from '../../components/FindingCard'
import { api } from '../../api'
import { Channels } from './Channels'
import './monitor.css'

const pct = (v: number | null) => (v === null ? 'no data yet' : `${(v * 100).toFixed(v >= 0.9995 ? 1 : 2)}%`)

export function FourNumbers({ s }: { s: MonitorState }) {
  const o = s.ops
  return (
    <dl className="four-numbers" data-testid="four-numbers">
      <div>
        <dt>Uptime</dt>
        <dd>
          {pct(o.uptime.day)} <span className="hint">24 h</span> · {pct(o.uptime.week)} <span className="hint">7 d</span> · {pct(o.uptime.month)} <span className="hint">30 d</span>
        </dd>
      </div>
      <div>
        <dt>p95 response time</dt>
        <dd className={o.p95Ms !== null && o.p95Ms > o.targetMs ? 'over' : ''}>
          {o.p95Ms === null ? 'no data yet' : `${o.p95Ms} ms`} <span className="hint">target {o.targetMs} ms</span>
        </dd>
      </div>
      <div>
        <dt>Error rate</dt>
        <dd>{o.errorRate === null ? 'no data yet' : `${(o.errorRate * 100).toFixed(1)}% of checks failed (24 h)`}</dd>
      </div>
      <div>
        <dt>Queue backlog</dt>
        <dd>{o.queue.connected ? `${o.queue.value} (${new URL(o.queue.url).pathname})` : 'not connected: add a JSON field to a watched URL (e.g. your health endpoint’s "queue")'}</dd>
      </div>
    </dl>
  )
}

function Chart({ s }: { s: MonitorState }) {
  const data = s.ops.series.map((p) => ({ hour: new Date(p.t).getHours().toString().padStart(2, '0'), p95: p.p95Ms }))
  if (!data.some((d) => d.p95 !== null)) return <p className="hint">The response-time chart fills in as the watch runs.</p>
  return (
    <figure className="monitor-chart" aria-label="p95 response time per hour over the last 24 hours, with the target line">
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="hour" />
          <YAxis unit=" ms" width={70} />
          <Tooltip />
          <ReferenceLine y={s.ops.targetMs} stroke="#a61b1b" strokeDasharray="4 4" label={`target ${s.ops.targetMs} ms`} />
          <Line type="monotone" dataKey="p95" stroke="#2563eb" dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}

function Strips({ s }: { s: MonitorState }) {
  return (
    <table className="uptime-strips">
      <caption>Last 24 hours, one cell per hour</caption>
      <tbody>
        {s.ops.strips.map((r) => (
          <tr key={r.url}>
            <th scope="row" className="mono">
              {r.url}
            </th>
            <td>
              <span className="strip">
                {r.hours.map((h, i) => (
                  <span key={i} className={h === null ? 'cell none' : h >= 0.999 ? 'cell up' : h >= 0.9 ? 'cell some' : 'cell down'} title={h === null ? 'not watched' : `${(h * 100).toFixed(0)}% up`} />
                ))}
              </span>
            </td>
            <td className="hint">{s.ops.certs.find((c) => c.url === r.url) ? `certificate: ${s.ops.certs.find((c) => c.url === r.url)!.daysLeft} days left` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

type HostedList = MonitorState['config']['hosted']

/** UptimeRobot or Better Stack monitors the founder already has (tokens in the keychain), and the coverage check over all of it. */
function Hosted({ projectId, s, onSave }: { projectId: string; s: MonitorState; onSave(h: HostedList): void }) {
  const id = useId()
  const [provider, setProvider] = useState<'uptimerobot' | 'betterstack'>('uptimerobot')
  const [credential, setCredential] = useState('')
  const [findings, setFindings] = useState<Finding[] | undefined>()
  const [error, setError] = useState('')
  const check = async () => {
    const r = await api().monitor.coverage({ projectId })
    if (!r.ok) return setError(r.error.message)
    setError('')
    setFindings(r.value)
  }
  return (
    <section aria-labelledby={`${id}-h`} data-testid="hosted-monitors">
      <h3 id={`${id}-h`}>Hosted monitors you already use</h3>
      <ul>
        {s.config.hosted.map((h) => (
          <li key={`${h.provider}:${h.credential}`}>
            {h.provider === 'uptimerobot' ? 'UptimeRobot' : 'Better Stack'}, token in the keychain as “{h.credential}”{' '}
            <button type="button" className="link-button" onClick={() => onSave(s.config.hosted.filter((x) => x !== h))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={`${id}-p`}>Service</label>
      <select id={`${id}-p`} value={provider} onChange={(e) => setProvider(e.target.value as 'uptimerobot' | 'betterstack')}>
        <option value="uptimerobot">UptimeRobot (API key)</option>
        <option value="betterstack">Better Stack Uptime (API token)</option>
      </select>
      <label htmlFor={`${id}-c`}>Keychain credential holding the key (add it in Credentials)</label>
      <input id={`${id}-c`} type="text" value={credential} onChange={(e) => setCredential(e.target.value)} />
      <button type="button" disabled={!credential.trim()} onClick={() => (onSave([...s.config.hosted, { provider, credential: credential.trim() }]), setCredential(''))}>
        Connect
      </button>{' '}
      <button type="button" className="primary" onClick={() => void check()}>
        Check that every critical URL is watched
      </button>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {findings?.map((f) => (
        <FindingCard key={f.checkId} finding={f} headingLevel={4} onCheckAgain={() => void check()} />
      ))}
    </section>
  )
}

export default function MonitorPanel({ projectId }: StagePanelProps) {
  const id = useId()
  const [s, setS] = useState<MonitorState | undefined>()
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [urlsText, setUrlsText] = useState('')
  const refresh = useCallback(async () => {
    const r = await api().monitor.get({ projectId })
    if (r.ok) {
      setS(r.value)
      setUrlsText((t) => t || r.value.urls.map((u) => u.url).join('\n'))
    } else setError(r.error.message)
  }, [projectId])
  useEffect(() => void refresh(), [refresh])
  useEffect(() => api().monitor.onEvent((e) => e.projectId === projectId && void refresh()), [projectId, refresh])
  if (!s) return null
  const call = async (p: Promise<{ ok: true; value: MonitorState } | { ok: false; error: { message: string; issues?: { message: string }[] } }>) => {
    setBusy(true)
    const r = await p
    setBusy(false)
    if (!r.ok) return setError(r.error.issues?.[0]?.message ?? r.error.message)
    setError('')
    setS(r.value)
  }
  const saveUrls = () => {
    const urls = urlsText.split('\n').map((l) => l.trim()).filter(Boolean).map((url) => ({ url, label: s.urls.find((u) => u.url === url)?.label ?? '', intervalS: s.urls[0]?.intervalS ?? 60, timeoutS: 10, ...(s.urls.find((u) => u.url === url)?.jsonField ? { jsonField: s.urls.find((u) => u.url === url)!.jsonField } : {}) }))
    void call(api().monitor.save({ projectId, config: { urls } }))
  }
  return (
    <section className="monitor-panel" aria-labelledby={`${id}-h`} data-testid="monitor-panel">
      <h2 id={`${id}-h`}>Uptime, alerts and the four numbers</h2>
      <FourNumbers s={s} />
      <Chart s={s} />
      <Strips s={s} />
      {s.ops.incidents.length > 0 && (
        <section aria-label="Incidents">
          <h3>Incidents</h3>
          <ul>
            {s.ops.incidents.map((i) => (
              <li key={`${i.url}@${i.start}`}>
                {new Date(i.start).toLocaleString()} – {i.end ? new Date(i.end).toLocaleString() : 'still down'}: {i.url} ({i.cause})
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="run-actions">
        {s.running ? (
          <button type="button" disabled={busy} onClick={() => void call(api().monitor.stop({ projectId }))}>
            Stop watching
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy} onClick={() => void call(api().monitor.start({ projectId }))}>
            Start watching
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void call(api().monitor.checkNow({ projectId }))}>
          Check now
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={s.config.startAtLogin} onChange={(e) => void call(api().monitor.save({ projectId, config: { startAtLogin: e.target.checked } }))} /> Start Launch Ready when I log in, so the watch survives a restart (desktop app)
      </label>
      <p className="hint" role="status">
        {s.running ? `Watching ${s.urls.length} URLs every ${s.urls[0]?.intervalS ?? 60} s, in the background (also with the window closed). Down means ${s.config.failuresToDown} failures in a row.` : 'Not watching yet.'}
      </p>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-u`}>Watched URLs, one per line{s.suggested ? ' (suggested from your critical pages and health endpoint)' : ''}</label>
        <textarea id={`${id}-u`} rows={4} className="mono" value={urlsText} onChange={(e) => setUrlsText(e.target.value)} />
        <button type="button" onClick={saveUrls}>
          Save the URLs
        </button>
      </div>
      <Hosted projectId={projectId} s={s} onSave={(hosted) => void call(api().monitor.save({ projectId, config: { hosted } }))} />
      <Channels projectId={projectId} channels={s.config.channels} deliveries={s.config.deliveries} onSave={(channels: AlertChannel[]) => void call(api().monitor.save({ projectId, config: { channels } }))} />
    </section>
  )
}
