import { normalizeDomain, type DomainResult } from '../../../../shared/domain'
import type { ProjectDraft } from '../../../../shared/model'
import type { InterviewDraft } from '../../store/draft'

/** Field id -> message. Field ids match the inputs' ids so we can focus the first one. */
export type Errors = Record<string, string>

export const STEPS = ['About the product', 'Domain', 'Critical flows', 'Providers', 'Contacts'] as const

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

export function domainOf(d: InterviewDraft): DomainResult {
  return normalizeDomain(d.domainInput)
}

export function validateStep(step: number, d: InterviewDraft): Errors {
  const e: Errors = {}
  if (step === 0) {
    if (!d.name.trim()) e['iv-name'] = 'Give the product a name, for example the one on your homepage.'
    else if (d.name.trim().length > 120) e['iv-name'] = 'Keep the name under 120 characters.'
    if (!d.vertical) e['iv-vertical-community'] = 'Choose the kind of business closest to yours; it sets the flows and speed targets.'
  }
  if (step === 1) {
    const r = domainOf(d)
    if (!r.ok) e['iv-domain'] = r.message
    const seen = new Set<string>()
    d.subdomains.forEach((s, i) => {
      const label = s.label.trim().toLowerCase()
      if (!label && !s.role.trim()) return
      if (!label) e[`iv-sub-label-${i}`] = 'Type the subdomain’s name, for example app.'
      else if (label.includes('.') && r.ok && label.endsWith(r.apex))
        e[`iv-sub-label-${i}`] = `Type only the first part: “${label.slice(0, -(r.apex.length + 1))}”, without .${r.apex}.`
      else if (!LABEL.test(label))
        e[`iv-sub-label-${i}`] = `“${s.label}” cannot be a subdomain: use letters, digits and hyphens, not at the start or end.`
      else if (label === 'www') e[`iv-sub-label-${i}`] = 'www is covered by the canonical choice above; no need to list it.'
      else if (seen.has(label)) e[`iv-sub-label-${i}`] = `${label} is listed twice.`
      seen.add(label)
    })
  }
  if (step === 2) {
    const seen = new Set<string>()
    d.flows.forEach((f, i) => {
      if (!f.label.trim() && !f.url.trim()) return
      if (!f.label.trim()) e[`iv-flow-label-${i}`] = 'Name this flow, for example “Checkout”.'
      let url: URL | undefined
      try {
        url = new URL(f.url.trim())
      } catch {
        url = undefined
      }
      if (!f.url.trim()) e[`iv-flow-url-${i}`] = 'Add the page’s address, starting with https://.'
      else if (!url || !/^https?:$/.test(url.protocol))
        e[`iv-flow-url-${i}`] = `“${f.url.trim()}” is not a web address; it should look like https://www.acme.com/login.`
      else if (seen.has(f.url.trim())) e[`iv-flow-url-${i}`] = 'This address is already listed.'
      seen.add(f.url.trim())
    })
  }
  if (step === 4) {
    d.contacts.forEach((c, i) => {
      const any = c.name.trim() || c.role.trim() || c.email.trim() || c.phone.trim()
      if (!any) return
      if (!c.name.trim()) e[`iv-contact-name-${i}`] = 'Add the person’s name.'
      if (c.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email.trim()))
        e[`iv-contact-email-${i}`] = `“${c.email.trim()}” does not look like an email address.`
      if (!c.email.trim() && !c.phone.trim()) e[`iv-contact-email-${i}`] = 'Add an email address or a phone number so they can be reached.'
    })
  }
  return e
}

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** Turns a complete, valid draft into what `projects.create` takes. */
export function toProjectDraft(d: InterviewDraft): ProjectDraft {
  const r = domainOf(d)
  if (!r.ok || !d.vertical) throw new Error('draft is not complete')
  const other = d.emailOther
    .split(',')
    .map(slug)
    .filter(Boolean)
  return {
    name: d.name.trim(),
    vertical: d.vertical,
    domain: r.apex,
    canonicalHost: d.canonicalHost,
    subdomains: d.subdomains
      .filter((s) => s.label.trim())
      .map((s) => ({ label: s.label.trim().toLowerCase(), role: s.role.trim() || 'other' })),
    criticalFlows: d.flows
      .filter((f) => f.url.trim())
      .map((f, i) => ({
        id: f.key || `flow-${i + 1}`,
        label: f.label.trim(),
        url: f.url.trim(),
        method: f.method,
        area: f.area,
        safeToWrite: false,
      })),
    emailProviders: [...new Set([...d.emailProviders, ...other])],
    dkimSelectors: [],
    hostingProvider: d.hostingProvider.trim(),
    dnsProvider: d.dnsProvider.trim(),
    cdnProvider: d.cdnProvider.trim(),
    contacts: d.contacts
      .filter((c) => c.name.trim())
      .map((c) => ({ ...c, name: c.name.trim(), role: c.role.trim(), email: c.email.trim(), phone: c.phone.trim() })),
    expectedDns: [],
  }
}
