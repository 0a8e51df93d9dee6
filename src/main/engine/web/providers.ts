/**
 * Which provider a fix is written for. The project's providers are free text
 * from the interview ("Cloudflare", "AWS Route 53", "vercel"); fixes come in
 * provider variants and the known provider's variant is used, otherwise every
 * variant is offered (the app shows them as tabs) with nginx as the fallback.
 */
import type { FixStep } from '../../../shared/model'
import type { AuditTarget } from '../types'

export type Provider = 'cloudflare' | 'vercel' | 'netlify' | 'route53' | 'namecheap' | 'godaddy' | 'nginx'

export const PROVIDER_NAMES: Record<Provider, string> = {
  cloudflare: 'Cloudflare',
  vercel: 'Vercel',
  netlify: 'Netlify',
  route53: 'AWS Route 53',
  namecheap: 'Namecheap',
  godaddy: 'GoDaddy',
  nginx: 'your own server (nginx)',
}

export function providerOf(name: string | undefined): Provider | undefined {
  const n = (name ?? '').toLowerCase()
  if (!n.trim()) return undefined
  if (n.includes('cloudflare')) return 'cloudflare'
  if (n.includes('vercel')) return 'vercel'
  if (n.includes('netlify')) return 'netlify'
  if (n.includes('route 53') || n.includes('route53') || n === 'aws' || n.includes('amazon')) return 'route53'
  if (n.includes('namecheap')) return 'namecheap'
  if (n.includes('godaddy') || n.includes('go daddy')) return 'godaddy'
  if (n.includes('nginx')) return 'nginx'
  return undefined
}

/** Where HTTP behaviour (redirects, headers, caching) is configured: the CDN, else the host. */
export function edgeProviderOf(t: Pick<AuditTarget, 'cdnProvider' | 'hostingProvider'>): Provider | undefined {
  return providerOf(t.cdnProvider) ?? providerOf(t.hostingProvider)
}

export const dnsProviderOf = (t: Pick<AuditTarget, 'dnsProvider'>): Provider | undefined => providerOf(t.dnsProvider)

export type Variants = Partial<Record<Provider, FixStep[]>>

/**
 * The known provider's steps when there are some; otherwise every variant,
 * each step tagged with its provider. `generic` steps always come first.
 */
export function withProvider(known: Provider | undefined, generic: FixStep[], variants: Variants): FixStep[] {
  const tag = (p: Provider, steps: FixStep[]) => steps.map((s) => ({ ...s, provider: p }))
  if (known && variants[known]) return [...generic, ...tag(known, variants[known])]
  return [...generic, ...(Object.entries(variants) as [Provider, FixStep[]][]).flatMap(([p, s]) => tag(p, s))]
}

export const step = (text: string, value?: string): FixStep => (value === undefined ? { text } : { text, value })
