/**
 * Which services a dangling CNAME can be claimed on, from the community list
 * (takeover/fingerprints.json, can-i-take-over-xyz, CC BY 4.0: see
 * takeover/README.md), read as data: each service's CNAME suffixes, the
 * answer that shows an unclaimed name (a body pattern, NXDOMAIN or an HTTP
 * status) and the list's verdict. Some entries name no CNAME; for the
 * well-known ones SUFFIX_HINTS says which names they serve.
 */
import { z } from 'zod'
import raw from './takeover/fingerprints.json' with { type: 'json' }

export type TakeoverVerdict = 'vulnerable' | 'edge-case' | 'not-vulnerable'

export interface TakeoverService {
  service: string
  suffixes: string[]
  verdict: TakeoverVerdict
  /** What an unclaimed name answers. */
  sign: { kind: 'nxdomain' } | { kind: 'status'; status: number } | { kind: 'body'; patterns: RegExp[] } | { kind: 'none' }
  /** Where the list discusses it (markdown links as in the list). */
  discussion: string
}

const Entry = z.object({
  service: z.string().min(1),
  cname: z.array(z.string()),
  fingerprint: z.string(),
  http_status: z.number().nullable().optional(),
  nxdomain: z.boolean(),
  status: z.enum(['Vulnerable', 'Not vulnerable', 'Edge case']),
  discussion: z.string().default(''),
})
export const FingerprintList = z.array(Entry.passthrough()).min(1)

/** CNAME targets of services the list names without one (our knowledge of where each serves). */
const SUFFIX_HINTS: Record<string, string[]> = {
  Heroku: ['herokuapp.com', 'herokudns.com', 'herokussl.com'],
  Github: ['github.io'],
  Gitlab: ['gitlab.io'],
  Fastly: ['fastly.net'],
  Zendesk: ['zendesk.com'],
  Netlify: ['netlify.app', 'netlify.com'],
  Shopify: ['myshopify.com', 'shops.myshopify.com'],
  Tumblr: ['domains.tumblr.com'],
  Webflow: ['proxy.webflow.com', 'proxy-ssl.webflow.com'],
  Wix: ['wixdns.net'],
  Intercom: ['custom.intercom.help'],
  HubSpot: ['hubspot.net', 'hs-sites.com'],
  Cloudfront: ['cloudfront.net'],
  Firebase: ['firebaseapp.com', 'web.app'],
  Squarespace: ['squarespace.com'],
  'WP Engine': ['wpengine.com'],
  Kinsta: ['kinsta.cloud'],
  'Google Cloud Storage': ['storage.googleapis.com'],
  Pantheon: ['pantheonsite.io'],
  Readthedocs: ['readthedocs.io'],
  'Fly.io': ['fly.dev'],
  Statuspage: ['stspg-customer.com'],
  Unbounce: ['unbouncepages.com'],
  Sendgrid: ['sendgrid.net'],
  Akamai: ['edgesuite.net', 'edgekey.net', 'akamaiedge.net'],
  Vercel: ['vercel.app', 'vercel-dns.com', 'now.sh'],
  'Surge.sh': ['surge.sh'],
  Ngrok: ['ngrok.io', 'ngrok.app'],
  Pingdom: ['stats.pingdom.com'],
  'Campaign Monitor': ['createsend.com'],
  Tilda: ['tilda.ws'],
  UserVoice: ['uservoice.com'],
  Freshdesk: ['freshdesk.com'],
  Mailchimp: ['mcsv.net'],
  Kajabi: ['kajabi.com'],
}

const ENTITIES: Record<string, string> = { '&#124;': '|', '&rsquo;': '’', '&lsquo;': '‘', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }
const decode = (s: string) => s.replace(/&#124;|&rsquo;|&lsquo;|&amp;|&lt;|&gt;|&quot;|&#39;/g, (m) => ENTITIES[m]!)

/** A list pattern: most are plain text, some are regular expressions (".*", alternation); both match case-insensitively. */
function pattern(p: string): RegExp {
  try {
    return new RegExp(p, 'i')
  } catch {
    return new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
  }
}

function hostOf(c: string): string | null {
  const t = c.trim().toLowerCase()
  if (/^\d+\.\d+\.\d+\.\d+$/.test(t)) return null // an address, not a CNAME target
  try {
    return (t.includes('://') ? new URL(t).hostname : t).replace(/\.$/, '') || null
  } catch {
    return null
  }
}

export function buildTakeoverServices(list: z.infer<typeof FingerprintList>): TakeoverService[] {
  return list.map((e) => {
    const verdict: TakeoverVerdict = e.status === 'Vulnerable' ? 'vulnerable' : e.status === 'Edge case' ? 'edge-case' : 'not-vulnerable'
    const fp = decode(e.fingerprint.trim())
    const status = /^HTTP_STATUS=(\d{3})$/.exec(fp)
    const sign: TakeoverService['sign'] = e.nxdomain || fp === 'NXDOMAIN'
      ? { kind: 'nxdomain' }
      : status
        ? { kind: 'status', status: Number(status[1]) }
        : fp
          ? { kind: 'body', patterns: fp.split(/`\s*`/).map((x) => x.replace(/^`|`$/g, '').trim()).filter(Boolean).map(pattern) }
          : { kind: 'none' }
    const listed = e.cname.map(hostOf).filter((h): h is string => !!h && h.includes('.') && !h.startsWith('nonexistent'))
    const suffixes = [...new Set([...listed, ...(SUFFIX_HINTS[e.service] ?? [])])]
    return { service: e.service, suffixes, verdict, sign, discussion: e.discussion }
  })
}

export const TAKEOVER_SERVICES: readonly TakeoverService[] = buildTakeoverServices(FingerprintList.parse(raw))

/** The listed service a CNAME target belongs to (the longest matching suffix wins). */
export function takeoverServiceFor(target: string): TakeoverService | undefined {
  const t = target.toLowerCase().replace(/\.$/, '')
  let best: { s: TakeoverService; len: number } | undefined
  for (const s of TAKEOVER_SERVICES)
    for (const suf of s.suffixes) if ((t === suf || t.endsWith(`.${suf}`)) && (!best || suf.length > best.len)) best = { s, len: suf.length }
  return best?.s
}

/** What the list's verdict means for a founder, in words. */
export function verdictWords(s: TakeoverService): string {
  if (s.verdict === 'vulnerable') return `the community takeover list marks ${s.service} as claimable by anyone`
  if (s.verdict === 'edge-case') return `the community takeover list marks ${s.service} as an edge case: claimable in some setups`
  return `the community takeover list marks ${s.service} as not claimable by others`
}
