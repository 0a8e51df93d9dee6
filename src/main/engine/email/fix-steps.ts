/**
 * "How to fix" steps for a DNS record, written for the project's DNS
 * provider when we know it (the exact value goes in FixStep.value so the
 * app shows a copy button).
 */
import type { FixStep } from '../../../shared/model'

const slug = (s: string) => s.trim().toLowerCase().replace(/[\s_.]+/g, '-')

interface ProviderWords {
  id: string
  name: string
  /** Where the records are (no action yet). */
  where: string
  /** The provider's own words for the button that adds a record. */
  add: string
  /** How the name is written: relative (`_dmarc`, `@`) or the full name. */
  fullName?: boolean
}

const DNS_PROVIDERS: Record<string, ProviderWords> = {
  cloudflare: { id: 'cloudflare', name: 'Cloudflare', where: 'In Cloudflare, open your domain → DNS → Records', add: 'Add record' },
  namecheap: { id: 'namecheap', name: 'Namecheap', where: 'In Namecheap, open Domain List → Manage → Advanced DNS', add: 'Add New Record' },
  godaddy: { id: 'godaddy', name: 'GoDaddy', where: 'In GoDaddy, open My Products → your domain → DNS', add: 'Add New Record' },
  route53: { id: 'route53', name: 'Amazon Route 53', where: 'In the AWS console, open Route 53 → Hosted zones → your domain', add: 'Create record', fullName: true },
  'route-53': { id: 'route53', name: 'Amazon Route 53', where: 'In the AWS console, open Route 53 → Hosted zones → your domain', add: 'Create record', fullName: true },
  vercel: { id: 'vercel', name: 'Vercel', where: 'In Vercel, open Domains → your domain → DNS Records', add: 'Add' },
  netlify: { id: 'netlify', name: 'Netlify', where: 'In Netlify, open Domains → your domain → DNS settings', add: 'Add new record' },
  'google-cloud-dns': { id: 'google-cloud-dns', name: 'Google Cloud DNS', where: 'In Google Cloud, open Network services → Cloud DNS → your zone', add: 'Add standard', fullName: true },
  squarespace: { id: 'squarespace', name: 'Squarespace Domains', where: 'In Squarespace, open Domains → your domain → DNS → Custom records', add: 'Add record' },
  porkbun: { id: 'porkbun', name: 'Porkbun', where: 'In Porkbun, open Domain Management → your domain → DNS', add: 'Add record' },
  digitalocean: { id: 'digitalocean', name: 'DigitalOcean', where: 'In DigitalOcean, open Networking → Domains → your domain', add: 'Create new record' },
}

/** The host label relative to the domain (`@` for the domain itself). */
export function relativeName(fqdn: string, domain: string): string {
  const n = fqdn.toLowerCase().replace(/\.$/, '')
  if (n === domain) return '@'
  return n.endsWith(`.${domain}`) ? n.slice(0, -domain.length - 1) : n
}

const POPULAR = ['cloudflare', 'namecheap', 'godaddy', 'route53']

/**
 * Where to click, provider by provider (the app shows them as tabs): the
 * project's DNS provider when we know it, otherwise the common ones and a
 * generic "anywhere else". Each tab does what its step says: a step that
 * edits a record never gets a tab that adds one (a second SPF record is a
 * permerror that breaks email).
 */
export function providerTabs(dnsProvider: string, domain: string, name: string, edit?: { type: string }): FixStep[] {
  const known = DNS_PROVIDERS[slug(dnsProvider)]
  const tabs = known ? [known] : POPULAR.map((id) => DNS_PROVIDERS[id]!)
  const rel = relativeName(name, domain)
  const named = (p: ProviderWords) => (p.fullName ? name : rel)
  const steps: FixStep[] = []
  for (const p of tabs) {
    if (edit) {
      steps.push({ text: `${p.where}, find the existing ${edit.type} record named ${named(p)} and open it to edit (do not add a new one).`, provider: p.id })
      steps.push({ text: 'Replace its value with the one above; leave the name as it is.', provider: p.id })
    } else {
      steps.push({ text: `${p.where} → ${p.add}.`, provider: p.id })
      steps.push({ text: p.fullName ? `In the name field, type the full name ${name}.` : `In the name field, type ${rel}${rel === '@' ? ' (it means the domain itself; some providers want the field left empty instead)' : ''}.`, provider: p.id })
    }
    steps.push({ text: 'Save, wait a few minutes, then press “Check again”.', provider: p.id })
  }
  if (!known) steps.push({ text: `Anywhere else: sign in where the DNS of ${domain} is managed (your registrar or your host), open its DNS records page, ${edit ? 'change the existing record to the value above (do not add a second one)' : 'add the record above'} and save.`, provider: 'other' })
  return steps
}

/** Steps to publish (or replace) one record: the exact record first (with its value to copy), then where to click. */
export function recordSteps(dnsProvider: string, domain: string, name: string, type: string, value: string, opts: { replace?: string } = {}): FixStep[] {
  const rel = relativeName(name, domain)
  const first: FixStep = opts.replace
    ? { text: `Edit the existing ${type} record at ${rel} that starts with “${opts.replace.slice(0, 40)}” (do not add a second one) and set its value to:`, value }
    : { text: `Add a ${type} record named ${rel} with this value:`, value }
  return [first, ...providerTabs(dnsProvider, domain, name, opts.replace ? { type } : undefined)]
}
