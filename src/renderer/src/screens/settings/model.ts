/** Project settings: the interview's answers taken from a project, checked as in the interview, and turned back into a patch. */
import type { CriticalFlow, Project, ProjectPatch } from '../../../../shared/model'
import type { InterviewDraft } from '../../store/draft'
import { EMAIL_PROVIDERS } from '../interview/providers'
import { toProjectDraft, validateStep, type Errors } from '../interview/validate'

const KNOWN = new Set(EMAIL_PROVIDERS.map((p) => p.id))
const SELECTOR = /^[a-z0-9_][a-z0-9._-]{0,62}$/i

export function draftFromProject(p: Project): InterviewDraft {
  return {
    step: 0,
    name: p.name,
    vertical: p.vertical,
    domainInput: p.domain,
    canonicalHost: p.canonicalHost,
    subdomains: p.subdomains.map((s) => ({ label: s.label, role: s.role })),
    flows: p.criticalFlows.map((f) => ({ key: f.id, label: f.label, url: f.url, method: f.method === 'GET' ? 'GET' : 'POST', area: f.area ?? 'core' })),
    flowsTouched: true,
    emailProviders: p.emailProviders.filter((e) => KNOWN.has(e)),
    emailOther: p.emailProviders.filter((e) => !KNOWN.has(e)).join(', '),
    hostingProvider: p.hostingProvider,
    dnsProvider: p.dnsProvider,
    cdnProvider: p.cdnProvider,
    contacts: p.contacts.map((c) => ({ ...c })),
  }
}

/** Every answer's problems at once (the settings screen shows them as you type). */
export function settingsErrors(d: InterviewDraft, dkim: string): Errors {
  const e: Errors = Object.assign({}, ...[0, 1, 2, 4].map((s) => validateStep(s, d)))
  const bad = dkimList(dkim).filter((s) => !SELECTOR.test(s))
  if (bad.length) e['settings-dkim'] = `“${bad[0]}” is not a DKIM selector: use the part before ._domainkey in the record your provider gave you (letters, digits, dots, hyphens).`
  return e
}

export const dkimList = (text: string): string[] => [...new Set(text.split(/[\s,]+/).map((s) => s.trim().replace(/\._domainkey.*$/i, '')).filter(Boolean))]

/** The patch for a valid draft: only the interview's fields (plus DKIM selectors), keeping what the interview does not ask about a flow. */
export function settingsPatch(d: InterviewDraft, dkim: string, current: Project): ProjectPatch {
  const pd = toProjectDraft(d)
  const before = new Map(current.criticalFlows.map((f) => [f.id, f]))
  const flows: CriticalFlow[] = pd.criticalFlows.map((f) => {
    const old = before.get(f.id)
    // The interview offers GET and POST; a PUT or PATCH flow set elsewhere keeps its method.
    const method = old && old.method !== 'GET' && old.method !== 'POST' && f.method === 'POST' ? old.method : f.method
    return old ? { ...old, label: f.label, url: f.url, method, ...(f.area ? { area: f.area } : {}) } : f
  })
  return {
    name: pd.name,
    vertical: pd.vertical,
    domain: pd.domain,
    canonicalHost: pd.canonicalHost,
    subdomains: pd.subdomains,
    criticalFlows: flows,
    emailProviders: pd.emailProviders,
    dkimSelectors: dkimList(dkim),
    hostingProvider: pd.hostingProvider,
    dnsProvider: pd.dnsProvider,
    cdnProvider: pd.cdnProvider,
    contacts: pd.contacts,
  }
}
