import type { GlossaryEntry } from './types'

/** One-line explanations the app shows on hover or focus wherever a term appears. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'DNS', explain: 'The internet’s address book: it turns a name like acme.com into the address of a server.' },
  { term: 'TTL', explain: 'Time to live: how long other computers may keep a DNS answer before asking again.' },
  { term: 'SPF', explain: 'A DNS record listing which services may send email for your domain.' },
  { term: 'DKIM', explain: 'A signature added to each email that proves it came from your domain and was not changed.' },
  { term: 'DMARC', explain: 'A DNS record telling mail servers what to do with email that fails SPF and DKIM, and where to send reports.' },
  { term: 'HSTS', explain: 'A header that tells browsers to use only HTTPS for your site from then on.' },
  { term: 'CDN', explain: 'Content delivery network: servers around the world that sit in front of yours, cache files and absorb attacks.' },
  { term: 'TLS', aliases: ['SSL'], explain: 'The encryption behind HTTPS and the padlock in the browser (SSL is its old name).' },
  { term: 'HTTPS', explain: 'The web’s secure connection: pages and passwords travel encrypted.' },
  { term: 'p95', explain: 'The 95th percentile: 95 out of 100 requests are at least this fast, the slowest 5 are slower.' },
  { term: 'TTFB', explain: 'Time to first byte: how long a browser waits before the first bit of a page arrives.' },
  { term: 'CNAME', explain: 'A DNS record that makes one name an alias of another name.' },
  { term: 'MX', explain: 'A DNS record naming the servers that receive email for your domain.' },
  { term: 'null MX', explain: 'An MX record of “0 .” that says the domain never receives email, so senders give up at once.' },
  { term: 'MTA-STS', explain: 'A policy that tells other mail servers to deliver to you only over an encrypted, verified connection.' },
  { term: 'TLS-RPT', explain: 'A DNS record asking other mail servers to report when they could not deliver to you securely.' },
  { term: 'selector', aliases: ['selectors'], explain: 'The name under which a DKIM key is published (selector._domainkey.yourdomain); your email provider chooses it.' },
  { term: 'return-path', explain: 'The hidden sender address bounces go to; SPF is checked against its domain.' },
  { term: 'Authentication-Results', explain: 'A header the receiving mail service adds, saying whether SPF, DKIM and DMARC passed.' },
  { term: 'CORS', explain: 'Browser rules that decide which other websites may call your API with a visitor’s login.' },
  { term: 'CAA', explain: 'A DNS record listing which certificate authorities may issue certificates for your domain.' },
  { term: 'rate limit', aliases: ['rate limits', 'rate limited'], explain: 'A cap on how many requests one visitor can make in a short time, to stop abuse.' },
  { term: 'source map', aliases: ['source maps'], explain: 'A file that maps shipped JavaScript back to your original source code; public ones reveal it.' },
  { term: 'apex', explain: 'Your bare domain without any prefix, like acme.com rather than www.acme.com.' },
  { term: 'subdomain', aliases: ['subdomains'], explain: 'A name under your domain, like app.acme.com or api.acme.com.' },
  { term: 'canonical', explain: 'The one official address of a page; every other variant redirects to it.' },
  { term: 'redirect', aliases: ['redirects'], explain: 'An instruction that sends a visitor from one address to another.' },
  { term: 'certificate', explain: 'A file that proves a server really is the site it claims to be; browsers check it before showing the padlock.' },
  { term: 'DDoS', explain: 'A flood of traffic from many machines meant to knock a site offline.' },
  { term: 'environment variable', aliases: ['environment variables'], explain: 'A setting given to your app when it starts, such as a database address or an API key.' },
  { term: 'migration', aliases: ['migrations'], explain: 'A script that changes the database structure, such as adding a column.' },
  { term: 'rollback', aliases: ['roll back', 'rolling back'], explain: 'Putting the previous release back when a new one misbehaves.' },
  { term: 'health check', explain: 'A small URL that answers "I am up" (and which version), used by deploys and monitors.' },
  { term: 'webhook', aliases: ['webhooks'], explain: 'A call another service (like a payment provider) makes to your server when something happens.' },
  { term: 'punycode', explain: 'The ASCII spelling of an international domain name, starting with xn--.' },
  { term: 'request ID', explain: 'A unique label on each request so one failure can be followed through every log.' },
  { term: 'smoke test', explain: 'A quick run through the most important pages right after a deploy.' },
  { term: 'load test', explain: 'Sending many requests at once to see where the site slows down or fails.' },
  { term: 'uptime', explain: 'The share of time your site is reachable, checked from outside at regular intervals.' },
  { term: 'keychain', explain: 'Your operating system’s encrypted password store.' },
]

const byKey = new Map<string, GlossaryEntry>()
for (const g of GLOSSARY) {
  byKey.set(g.term.toLowerCase(), g)
  for (const a of g.aliases ?? []) byKey.set(a.toLowerCase(), g)
}

export function glossaryEntry(term: string): GlossaryEntry | undefined {
  return byKey.get(term.toLowerCase())
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Every spelling, longest first so "rate limited" wins over "rate limit". */
const spellings = GLOSSARY.flatMap((g) => [g.term, ...(g.aliases ?? [])]).sort((a, b) => b.length - a.length)
const pattern = new RegExp(`(?<![\\w-])(${spellings.map(escape).join('|')})(?![\\w-])`, 'gi')
/** Acronyms (DNS, p95) only count in their own case, so "dns" in a host name is left alone. */
const caseSensitive = new Set(spellings.filter((t) => /^[A-Z0-9]+$/.test(t) || /^p\d+$/.test(t)))
const isMatch = (found: string) => {
  const exact = spellings.find((t) => t.toLowerCase() === found.toLowerCase())
  return exact !== undefined && (!caseSensitive.has(exact) || exact === found)
}

export type Segment = { text: string; entry?: GlossaryEntry }

/**
 * Splits text into plain runs and glossary terms. Only the first occurrence of
 * each entry is marked, so a paragraph does not turn into a row of links.
 */
export function segmentText(text: string, seen: Set<string> = new Set()): Segment[] {
  const out: Segment[] = []
  let last = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const entry = isMatch(m[1]!) ? glossaryEntry(m[1]!) : undefined
    if (!entry || seen.has(entry.term)) continue
    seen.add(entry.term)
    if (m.index > last) out.push({ text: text.slice(last, m.index) })
    out.push({ text: m[1]!, entry })
    last = m.index + m[1]!.length
  }
  if (last < text.length) out.push({ text: text.slice(last) })
  return out
}
