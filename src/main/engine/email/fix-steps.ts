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
  where: string
  /** How the provider wants the name written: relative (`_dmarc`, `@`) or the full name. */
  fullName?: boolean
}

const DNS_PROVIDERS: Record<string, ProviderWords> = {
  cloudflare: { id: 'cloudflare', name: 'Cloudflare', where: 'In Cloudflare, open your domain → DNS → Records → Add record.' },
  namecheap: { id: 'namecheap', name: 'Namecheap', where: 'In Namecheap, open Domain List → Manage → Advanced DNS → Add new record.' },
  godaddy: { id: 'godaddy', name: 'GoDaddy', where: 'In GoDaddy, open My Products → your domain → DNS → Add New Record.' },
  route53: { id: 'route53', name: 'Amazon Route 53', where: 'In the AWS console, open Route 53 → Hosted zones → your domain → Create record.', fullName: true },
  'route-53': { id: 'route53', name: 'Amazon Route 53', where: 'In the AWS console, open Route 53 → Hosted zones → your domain → Create record.', fullName: true },
  vercel: { id: 'vercel', name: 'Vercel', where: 'In Vercel, open Domains → your domain → DNS Records → Add.' },
  netlify: { id: 'netlify', name: 'Netlify', where: 'In Netlify, open Domains → your domain → DNS settings → Add new record.' },
  'google-cloud-dns': { id: 'google-cloud-dns', name: 'Google Cloud DNS', where: 'In Google Cloud, open Network services → Cloud DNS → your zone → Add standard.', fullName: true },
  squarespace: { id: 'squarespace', name: 'Squarespace Domains', where: 'In Squarespace, open Domains → your domain → DNS → Custom records → Add record.' },
  porkbun: { id: 'porkbun', name: 'Porkbun', where: 'In Porkbun, open Domain Management → your domain → DNS → Add record.' },
  digitalocean: { id: 'digitalocean', name: 'DigitalOcean', where: 'In DigitalOcean, open Networking → Domains → your domain → Create new record.' },
}

/** The host label relative to the domain (`@` for the domain itself). */
export function relativeName(fqdn: string, domain: string): string {
  const n = fqdn.toLowerCase().replace(/\.$/, '')
  if (n === domain) return '@'
  return n.endsWith(`.${domain}`) ? n.slice(0, -domain.length - 1) : n
}

/** Steps to publish (or replace) one record. */
export function recordSteps(dnsProvider: string, domain: string, name: string, type: string, value: string, opts: { replace?: string } = {}): FixStep[] {
  const p = DNS_PROVIDERS[slug(dnsProvider)]
  const host = p?.fullName ? name : relativeName(name, domain)
  const steps: FixStep[] = []
  const tag = p ? { provider: p.id } : {}
  steps.push({ text: p ? p.where : 'Sign in where your domain’s DNS is managed (your registrar, Cloudflare, or your host) and open the DNS records page.', ...tag })
  if (opts.replace) steps.push({ text: `Edit the existing ${type} record at ${host} that starts with “${opts.replace.slice(0, 40)}” (do not add a second one) and replace its value with:`, value, ...tag })
  else steps.push({ text: `Add a ${type} record with the name ${host} and this value:`, value, ...tag })
  steps.push({ text: 'Save, wait a few minutes, then press “Check again”.', ...tag })
  return steps
}
