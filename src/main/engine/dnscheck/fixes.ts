/** Fix steps for the dns.* checks: the exact record to add, change or delete, and where to click at the project's DNS provider. */
import type { FixStep } from '../../../shared/model'
import type { AuditTarget } from '../types'
import { dnsProviderOf, providerOf, step, withProvider, type Variants } from '../web/providers'

export interface RecordSpec {
  /** Absolute name. */
  name: string
  type: string
  value: string
  ttl?: number
}

/** Zone-file form: `www.acme.com. 300 IN CNAME acme.com.` */
export const zoneLine = (r: RecordSpec): string => `${r.name.replace(/\.?$/, '.')} ${r.ttl ?? 300} IN ${r.type} ${r.value}`

/** The host part as DNS dashboards want it (`@` for the apex, `www`, `app`). */
export const hostLabel = (name: string, apex: string): string => (name === apex ? '@' : name.endsWith(`.${apex}`) ? name.slice(0, -apex.length - 1) : name)

function whereToClick(action: 'add' | 'edit' | 'delete', rs: RecordSpec[], apex: string): Variants {
  const r = rs[0]!
  const verb = action === 'add' ? 'Add' : action === 'edit' ? 'Edit' : 'Delete'
  const one = (x: RecordSpec) => `type ${x.type}, name ${hostLabel(x.name, apex)}${action === 'delete' ? '' : `, value ${x.value}`}`
  const what = rs.length === 1 ? one(r) : rs.map((x) => `(${one(x)})`).join('; ')
  return {
    cloudflare: [step(`In Cloudflare, open ${apex} → DNS → Records and ${verb.toLowerCase()} ${rs.length === 1 ? 'the record' : 'these records'}: ${what}.${action !== 'delete' && (r.type === 'A' || r.type === 'AAAA' || r.type === 'CNAME') ? ' Keep it Proxied (orange cloud) for web traffic.' : ''}`)],
    route53: [step(`In the AWS console, open Route 53 → Hosted zones → ${apex} and ${action === 'add' ? 'create' : action} ${rs.length === 1 ? 'the record' : 'these records'}: ${what}.${r.name === apex && r.type === 'CNAME' ? ' At the apex use an Alias record instead of a CNAME.' : ''}`)],
    namecheap: [step(`In Namecheap, open Domain List → Manage next to ${apex} → Advanced DNS and ${action === 'add' ? 'press “Add New Record”' : `${verb.toLowerCase()} ${rs.length === 1 ? 'the record' : 'these records'}`}: ${what}.`)],
    godaddy: [step(`In GoDaddy, open My Products → ${apex} → DNS and ${action === 'add' ? 'press “Add New Record”' : `${verb.toLowerCase()} ${rs.length === 1 ? 'the record' : 'these records'}`}: ${what}.`)],
    vercel: [step(`If Vercel hosts your DNS, open Domains → ${apex} → DNS Records and ${verb.toLowerCase()} ${rs.length === 1 ? 'the record' : 'these records'}: ${what}.`)],
    netlify: [step(`If Netlify hosts your DNS, open Domains → ${apex} → DNS settings and ${verb.toLowerCase()} ${rs.length === 1 ? 'the record' : 'these records'}: ${what}.`)],
  }
}

export function recordFix(t: AuditTarget, action: 'add' | 'edit' | 'delete', r: RecordSpec, why: string): FixStep[] {
  return recordsFix(t, action, [{ ...r, why }])
}

/** One exact step per record, then where to click at the provider once for all of them. */
export function recordsFix(t: AuditTarget, action: 'add' | 'edit' | 'delete', rs: (RecordSpec & { why: string })[]): FixStep[] {
  if (rs.length === 0) return []
  const verb = action === 'add' ? 'Add this record' : action === 'edit' ? 'Change the record to' : 'Delete this record'
  return withProvider(
    dnsProviderOf(t),
    // The reason as its own sentence first: no brackets inside brackets when the reason has its own.
    rs.map((r) => step(`${r.why.charAt(0).toUpperCase()}${r.why.slice(1)}. ${verb}:`, zoneLine(r))),
    whereToClick(action, rs, t.domain),
  )
}

/** The address the hosting provider tells customers to use at the apex, when it is a fixed one. */
export function hostingApexRecord(t: AuditTarget): RecordSpec | undefined {
  const p = providerOf(t.hostingProvider)
  if (p === 'vercel') return { name: t.domain, type: 'A', value: '76.76.21.21' }
  if (p === 'netlify') return { name: t.domain, type: 'A', value: '75.2.60.5' }
  return undefined
}

export function apexFix(t: AuditTarget): FixStep[] {
  const known = hostingApexRecord(t)
  if (known) return recordFix(t, 'add', known, `${t.hostingProvider}’s address for a main domain`)
  return [
    step(`Find your site’s public IP address in your hosting dashboard${t.hostingProvider ? ` (${t.hostingProvider})` : ''}, then add an A record for the main domain pointing at it:`, `${t.domain}. 300 IN A <your server's IP address>`),
    ...withProvider(dnsProviderOf(t), [], whereToClick('add', [{ name: t.domain, type: 'A', value: '<your server IP>' }], t.domain)),
  ]
}

export function wwwFix(t: AuditTarget): FixStep[] {
  const p = providerOf(t.hostingProvider)
  const value = p === 'vercel' ? 'cname.vercel-dns.com.' : `${t.domain}.`
  return recordFix(t, 'add', { name: `www.${t.domain}`, type: 'CNAME', value }, 'so www works and can redirect to your main address')
}

export function cnameAtApexFix(t: AuditTarget, target: string): FixStep[] {
  const p = dnsProviderOf(t)
  return [
    step(`Replace the CNAME on ${t.domain} with A/AAAA records (or your DNS provider’s “ALIAS”/“ANAME”/flattening feature) pointing at ${target}. A CNAME at the main domain hides your MX and TXT records, which breaks email.`),
    ...withProvider(p, [], {
      cloudflare: [step('Cloudflare flattens a CNAME at the apex automatically when it is the only way to point there; make sure it is the CNAME record itself, not a second conflicting record, and keep it proxied.')],
      route53: [step(`In Route 53, delete the CNAME for ${t.domain} and create an A record with “Alias” switched on, targeting ${target}.`)],
      namecheap: [step(`In Namecheap Advanced DNS, delete the CNAME for @ and add an “ALIAS Record” for @ with value ${target}.`)],
      godaddy: [step(`GoDaddy does not support ALIAS records: delete the CNAME for @, add A records with your host’s IP addresses, and use “Forwarding” only for www.`)],
    }),
  ]
}
