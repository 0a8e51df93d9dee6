import type { Contact } from '../../../shared/model'
import { VERTICAL_INFO, type FlowArea, type Vertical } from '../../../shared/verticals'

/** What the interview holds while the user types: strings, never lost on a bad value. */
export interface DraftFlow {
  key: string
  label: string
  url: string
  method: 'GET' | 'POST'
  area: FlowArea
}

export interface InterviewDraft {
  step: number
  name: string
  vertical: Vertical | ''
  domainInput: string
  canonicalHost: 'www' | 'apex' | 'auto'
  subdomains: { label: string; role: string }[]
  flows: DraftFlow[]
  /** Once the user edits a flow, we stop rewriting them from the vertical and domain. */
  flowsTouched: boolean
  emailProviders: string[]
  emailOther: string
  hostingProvider: string
  dnsProvider: string
  cdnProvider: string
  contacts: Contact[]
}

export const emptyDraft = (): InterviewDraft => ({
  step: 0,
  name: '',
  vertical: '',
  domainInput: '',
  canonicalHost: 'auto',
  subdomains: [],
  flows: [],
  flowsTouched: false,
  emailProviders: [],
  emailOther: '',
  hostingProvider: '',
  dnsProvider: '',
  cdnProvider: '',
  contacts: [],
})

/** The vertical's critical flows as full URLs on the canonical host. */
export function defaultFlows(vertical: Vertical, apex: string, canonical: 'www' | 'apex' | 'auto'): DraftFlow[] {
  const host = apex ? (canonical === 'www' ? `www.${apex}` : apex) : 'example.com'
  return VERTICAL_INFO[vertical].flows.map((f) => ({
    key: f.key,
    label: f.label,
    url: `https://${host}${f.path}`,
    method: f.method,
    area: f.area,
  }))
}

export function parseDraft(raw: string | null): InterviewDraft | undefined {
  if (!raw) return undefined
  try {
    const v = JSON.parse(raw) as Partial<InterviewDraft>
    if (typeof v !== 'object' || v === null) return undefined
    return { ...emptyDraft(), ...v }
  } catch {
    return undefined
  }
}
