import { z } from 'zod'
import type { FlowArea } from './verticals'

export const STATUSES = ['pass', 'warn', 'fail', 'error', 'skipped'] as const
export const Status = z.enum(STATUSES)
export type Status = z.infer<typeof Status>

export const SEVERITIES = ['blocker', 'high', 'medium', 'low', 'info'] as const
export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>

export const StageNumber = z.number().int().min(1).max(7)
export type StageNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7

export type CheckFamily = 'dns' | 'http' | 'tls' | 'edge' | 'email' | 'perf' | 'secrets' | 'db' | 'monitor' | 'deploy'

export interface CatalogEntry {
  id: string
  family: CheckFamily
  /** Stage whose screen shows it; every automated check also runs in the Stage 1 audit. */
  stage: StageNumber
  /** Default severity of a failure. `tls.expiry` derives it from days left. */
  severity: Severity
  /** Short plain-language name of what is checked. */
  name: string
  /** Business areas it touches, used by the risk ranking. */
  areas: FlowArea[]
}

const e = (
  id: string,
  stage: StageNumber,
  severity: Severity,
  name: string,
  areas: FlowArea[] = [],
): CatalogEntry => ({ id, family: id.split('.')[0] as CheckFamily, stage, severity, name, areas })

/** SPEC.md's check catalog. IDs are a contract: add, never rename. */
export const CATALOG: readonly CatalogEntry[] = [
  e('dns.apex.resolves', 2, 'blocker', 'Your main domain resolves', ['signup', 'login', 'payment', 'core']),
  e('dns.www.resolves', 2, 'high', 'The www address resolves', ['signup', 'login']),
  e('dns.subdomain.resolves', 2, 'high', 'Your subdomains resolve', ['core']),
  e('dns.cname-at-apex', 2, 'high', 'No CNAME record at the main domain', ['email']),
  e('dns.dangling', 2, 'high', 'No records point at services you no longer use'),
  e('dns.private-address', 2, 'high', 'Public names point at public addresses'),
  e('dns.ttl', 2, 'medium', 'DNS changes take effect quickly (TTL)'),
  e('dns.ns-consistency', 2, 'high', 'Your name servers agree with each other'),
  e('dns.propagation', 2, 'medium', 'Public resolvers see your current records'),
  e('dns.expected', 2, 'high', 'Records match your DNS map'),
  e('dns.caa', 2, 'high', 'CAA records allow your certificate authority'),
  e('http.reachable', 2, 'blocker', 'Your site answers', ['signup', 'login', 'payment', 'core']),
  e('http.https-redirect', 2, 'blocker', 'Plain http:// sends visitors to https://', ['login', 'payment']),
  e('http.canonical', 2, 'high', 'One canonical address', ['login']),
  e('http.redirect-loop', 2, 'blocker', 'No redirect loops', ['signup', 'login', 'payment', 'core']),
  e('http.redirect-chain', 2, 'medium', 'Short redirect chains'),
  e('http.redirect-preserves-path', 2, 'medium', 'Redirects keep the page and its parameters', ['email']),
  e('http.mixed-content', 3, 'medium', 'Secure pages load only secure resources'),
  e('http.subdomain', 2, 'high', 'Subdomains serve HTTPS as expected', ['core']),
  e('http.health', 4, 'high', 'Health check endpoint answers'),
  e('http.version', 4, 'medium', 'You can tell which release is live'),
  e('tls.trusted', 3, 'blocker', 'Browsers trust your certificate', ['signup', 'login', 'payment', 'core']),
  e('tls.hostname', 3, 'blocker', 'The certificate covers the address', ['signup', 'login', 'payment', 'core']),
  e('tls.expiry', 3, 'high', 'The certificate is not about to expire', ['signup', 'login', 'payment', 'core']),
  e('tls.chain-complete', 3, 'high', 'The server sends the full certificate chain', ['payment']),
  e('tls.protocol', 3, 'medium', 'Only modern TLS versions are accepted'),
  e('tls.hsts', 3, 'medium', 'Browsers are told to always use HTTPS (HSTS)', ['login']),
  e('edge.cdn', 3, 'medium', 'A CDN or edge proxy sits in front of the site'),
  e('edge.static-cache', 3, 'medium', 'Static files are cached'),
  e('edge.private-cache', 3, 'blocker', 'Personal pages are never publicly cached', ['login', 'payment']),
  e('edge.compression', 3, 'medium', 'Text responses are compressed'),
  e('edge.security-headers', 3, 'low', 'Browser security headers are set'),
  e('edge.cors', 3, 'high', 'Other sites cannot read your API with a user’s session', ['login']),
  e('edge.rate-limit', 3, 'high', 'Login, signup and reset are rate limited', ['login', 'signup']),
  e('edge.admin-exposed', 3, 'blocker', 'Admin pages are not public'),
  e('email.mx', 2, 'medium', 'Mail to your domain has somewhere to go', ['email']),
  e('email.spf.present', 2, 'high', 'One SPF record is published', ['email']),
  e('email.spf.syntax', 2, 'high', 'The SPF record is valid', ['email']),
  e('email.spf.lookups', 2, 'high', 'SPF stays within its lookup limits', ['email']),
  e('email.spf.all', 2, 'high', 'SPF ends with a strict rule for everyone else', ['email']),
  e('email.spf.authorizes', 2, 'high', 'SPF authorises your email providers', ['email']),
  e('email.dkim', 2, 'high', 'Emails are signed (DKIM)', ['email']),
  e('email.dmarc.present', 2, 'high', 'A DMARC policy is published', ['email']),
  e('email.dmarc.policy', 2, 'medium', 'The DMARC policy and its reports work', ['email']),
  e('email.mta-sts', 2, 'low', 'MTA-STS policy is valid', ['email']),
  e('email.tls-rpt', 2, 'info', 'TLS delivery reports are requested', ['email']),
  e('perf.ttfb', 5, 'medium', 'Public pages start loading quickly'),
  e('perf.latency', 5, 'high', 'Critical routes answer within target', ['login', 'core']),
  e('perf.payload', 5, 'low', 'API responses stay small'),
  e('perf.load', 5, 'high', 'The site holds up with 20 to 50 users at once', ['login', 'signup', 'core']),
  e('db.stats', 5, 'medium', 'Slow queries can be found (pg_stat_statements)'),
  e('db.slow-queries', 5, 'high', 'No query is slow or takes most of the database’s time', ['core']),
  e('db.missing-index', 5, 'high', 'Large tables are read through indexes', ['core']),
  e('db.fk-index', 5, 'medium', 'Foreign keys have an index'),
  e('db.duplicate-index', 5, 'low', 'No duplicate indexes'),
  e('db.unused-index', 5, 'low', 'No unused indexes'),
  e('db.invalid-index', 5, 'medium', 'No invalid indexes'),
  e('db.no-primary-key', 5, 'medium', 'Every table has a primary key'),
  e('secrets.repo', 1, 'blocker', 'No credentials in the code'),
  e('secrets.history', 1, 'blocker', 'No credentials in the code history'),
  e('secrets.env-committed', 4, 'blocker', 'No .env file in the repository'),
  e('secrets.bundle', 4, 'blocker', 'No credentials in the JavaScript your site serves'),
  e('secrets.sourcemaps', 4, 'medium', 'Source maps are not public'),
  e('secrets.build-output', 4, 'high', 'The production build ships no source maps, credentials or debug flags'),
  e('monitor.request-id', 6, 'low', 'Responses carry a request ID'),
  e('monitor.error-tracking', 6, 'medium', 'Errors are tracked'),
  e('monitor.uptime', 6, 'high', 'An uptime monitor watches your critical pages'),
  e('monitor.alerts', 6, 'high', 'A test alert reached a person'),
  e('deploy.env-inventory', 4, 'medium', 'Every environment variable has an owner'),
  e('deploy.env-parity', 4, 'high', 'Every environment has the variables the app needs', ['core']),
  e('deploy.smoke', 4, 'high', 'The post-deploy smoke test passes', ['signup', 'login', 'core']),
]

const byId = new Map(CATALOG.map((c) => [c.id, c]))
export function catalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id)
}
