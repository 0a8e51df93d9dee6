/** "Where the checks look": a staging or demo site's DNS server and extra certificate authority (autosaved). */
import { useId } from 'react'
import { useApp } from '../../store/hooks'

const SERVER = /^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-f:]+\](:\d{1,5})?|[0-9a-f:]+)$/i

export function dnsServerProblem(v: string): string | undefined {
  const s = v.trim()
  if (!s || SERVER.test(s)) return undefined
  return 'Use an IP address, optionally with a port, such as 192.0.2.53 or 127.0.0.1:5353.'
}

export function CheckTarget({ projectId }: { projectId: string }) {
  const id = useId()
  const project = useApp((s) => (s.current?.id === projectId ? s.current : undefined))
  const edit = useApp((s) => s.editProject)
  if (!project) return null
  const dns = project.dnsServer ?? ''
  const ca = project.caFile ?? ''
  const problem = dnsServerProblem(dns)
  const custom = Boolean(dns || ca)
  return (
    <details className="check-target" open={custom || undefined}>
      <summary>Where the checks look{custom ? ': a custom DNS server or certificate authority is set' : ''}</summary>
      <p className="hint">Leave these empty for your live site. Fill them in to check a staging copy or the offline demo (npm run demo prints the values).</p>
      <div className="field">
        <label htmlFor={`${id}-dns`}>DNS server to ask instead of this computer’s</label>
        <input id={`${id}-dns`} type="text" value={dns} placeholder="for example 127.0.0.1:5353" spellCheck={false} aria-invalid={Boolean(problem)} aria-describedby={problem ? `${id}-dns-err` : undefined} onChange={(e) => edit({ dnsServer: e.target.value.trim() })} />
        {problem && (
          <p id={`${id}-dns-err`} className="field-error">
            {problem}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-ca`}>Extra trusted certificate authority (path to a PEM file)</label>
        <input id={`${id}-ca`} type="text" value={ca} placeholder="/path/to/ca.pem" spellCheck={false} onChange={(e) => edit({ caFile: e.target.value.trim() })} />
      </div>
    </details>
  )
}
