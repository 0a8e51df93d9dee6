/**
 * The engine's seams. Every check family takes its effects from here (a DNS
 * resolver, an HTTP client, a TLS prober, a clock, the keychain), so the same
 * code runs in the app, the CLI and the tests, and never imports Electron.
 */
import type { Finding } from '../../shared/model'
import type { Vertical } from '../../shared/verticals'
import type { CriticalFlow, ExpectedRecord, Subdomain } from '../../shared/model'
import type { GitRunner } from './secrets/git'

export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'SOA' | 'MX' | 'TXT' | 'CAA' | 'PTR' | 'SRV'
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP' | string

export interface MxData { preference: number; exchange: string }
export interface SoaData { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
export interface CaaData { flags: number; tag: string; value: string }

export interface DnsRecord {
  name: string
  type: RecordType | string
  ttl: number
  /** A/AAAA/CNAME/NS/PTR: string. TXT: the character-strings joined (see `strings`). MX/SOA/CAA: objects. */
  data: string | MxData | SoaData | CaaData | Record<string, unknown>
  /** TXT only: the individual character-strings as received. */
  strings?: string[]
}

export interface DnsResponse {
  name: string
  type: RecordType
  rcode: Rcode
  /** Authoritative answer flag. */
  aa: boolean
  answers: DnsRecord[]
  authority: DnsRecord[]
  /** `host:port` that answered. */
  server: string
  /** Whether the answer came over TCP after a truncated UDP answer. */
  tcp: boolean
  /** Size of the answer in bytes. */
  size: number
  durationMs: number
}

export interface QueryOptions {
  /** `host` or `host:port`; defaults to the resolver's configured server(s). */
  server?: string
  /** The whole question's time limit, every server and retry included (each attempt also stops at the resolver's own timeout), ms. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Ask with RD=0 (to an authoritative server). */
  recursionDesired?: boolean
}

/** Thrown (rejected) when no server answered in time. Message is plain language. */
export class DnsTimeoutError extends Error {
  readonly code = 'dns-timeout'
}

/** Rejected when the question cannot be asked (no or bad server, invalid name) or no server could be reached. Message is plain language. */
export class DnsQueryError extends Error {
  constructor(
    message: string,
    readonly code: 'dns-no-servers' | 'dns-bad-server' | 'dns-bad-name' | 'dns-unreachable',
  ) {
    super(message)
  }
}

export interface Resolver {
  query(name: string, type: RecordType, opts?: QueryOptions): Promise<DnsResponse>
  /** Servers queried by default (`host:port`). */
  servers(): string[]
}

export interface HttpTimings {
  /** Milliseconds, sub-millisecond resolution; absent phases were not needed (reused connection). */
  dnsMs?: number
  connectMs?: number
  tlsMs?: number
  /** From request start to the first response byte. */
  ttfbMs: number
  totalMs: number
  /** Whether the connection was reused (warm). */
  reused: boolean
}

export interface HttpRequest {
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** Stop reading after this many bytes (the response is marked truncated). Default 2 MB. */
  maxBodyBytes?: number
  timeoutMs?: number
  signal?: AbortSignal
  /** Ask for br/gzip and report the encoded and decoded sizes. */
  acceptEncoding?: boolean
}

export interface HttpResponse {
  url: string
  status: number
  /** Lower-case names; repeated headers joined with ", " except set-cookie (array). */
  headers: Record<string, string | string[]>
  body: Uint8Array
  /** Decoded body when the response was compressed (and we asked for it). */
  decodedBody?: Uint8Array
  truncated: boolean
  /** Bytes received on the wire (encoded). */
  wireBytes: number
  remoteAddress?: string
  timings: HttpTimings
}

/** Never follows redirects: callers walk them hop by hop. */
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>
}

export interface Clock {
  /** Wall clock, ms since epoch. */
  now(): number
  /** Monotonic, ms with sub-ms resolution. */
  monotonic(): number
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() }

/** What an audit is run against: the project fields the engine uses. */
export interface AuditTarget {
  /** ASCII apex, e.g. `acme.com`. */
  domain: string
  /** `auto`: the project does not say; the web suites find where apex and www converge (web/canonical.ts). */
  canonicalHost: 'apex' | 'www' | 'auto'
  /** Set on the web suites' context when the canonical host was found rather than configured. */
  canonicalInferred?: boolean
  vertical: Vertical
  subdomains: Subdomain[]
  /** Probe the common subdomains (app, api, admin, …) too. */
  discoverCommonSubdomains: boolean
  criticalFlows: CriticalFlow[]
  emailProviders: string[]
  dkimSelectors: string[]
  expectedDns: ExpectedRecord[]
  dnsProvider: string
  cdnProvider: string
  hostingProvider: string
  healthPaths?: string[]
  adminPaths?: string[]
  /** The project's code on this computer (the secret scan reads it, its history and its build). */
  repoPath?: string
  /** The production build folder, when not dist/, build/, .next/ or out/ in the repository. */
  buildDir?: string
  /** The founder's answer when the tracker is not visible in the page ("we use Sentry", with a link). */
  errorTracking?: { tool: string; link?: string }
  /** The post-deploy smoke test: the release that should be live (the one just deployed). */
  expectVersion?: string
  /** The pages whose scripts the secret scan reads (default: the canonical page and the critical pages). */
  sitePages?: string[]
  /** false: the secret scan skips the git history (`--no-history`). */
  scanHistory?: boolean
  /** Found values the project chose to ignore (by fingerprint, with the reason). */
  secretIgnores?: { fingerprint: string; reason: string }[]
}

/** Read-only access to the keychain for checks that authenticate (main process only). */
export interface SecretSource {
  get(name: string): Promise<string | undefined>
}

export interface EngineDeps {
  resolver: Resolver
  http: HttpClient
  clock: Clock
  /** Extra trust anchors (PEM) besides the system store. */
  extraCa?: string[]
  secrets?: SecretSource
  /**
   * Connect to another port than the URL's (like curl's --connect-to), e.g.
   * `{ 80: 18080, 443: 18443 }`: the offline demo and the test fixtures serve
   * http:// and https:// on loopback ports because 80/443 are not available.
   * URLs, Host headers and SNI keep the real names and ports.
   */
  portMap?: Readonly<Record<number, number>>
  /** Runs git for the secret scan (default: the git on PATH, read-only commands). */
  git?: GitRunner
}

/** What a check family receives for one run. */
export interface SuiteContext extends EngineDeps {
  target: AuditTarget
  signal: AbortSignal
  /** Absolute deadline (clock.now() ms) for the whole run. */
  deadline: number
  /** Opt-in active probes (rate-limit burst, load test). */
  activeProbes: boolean
  /** Restrict to these check IDs when re-running one check; undefined = all. */
  only?: ReadonlySet<string>
  /** Shared per-run memo (e.g. the site surface walk), keyed by the family that fills it. */
  shared: Map<string, Promise<unknown>>
}

export interface ProgressSink {
  /** A check (on one target) has started. */
  start(checkId: string, target: string): void
  /** A finding is ready; marks that check/target as done. */
  finding(f: Finding): void
  /** A started check/target ended with its findings reported on other targets (one per file a scan found): no result is owed for it. */
  drop?(checkId: string, target: string): void
}

/** A check family: dns, http/tls/edge, email, perf, … */
export interface CheckSuite {
  id: string
  /** Catalog IDs this suite can produce. */
  checkIds: readonly string[]
  /** How many check/target pairs it expects to run, for determinate progress (estimate allowed). */
  plan(ctx: SuiteContext): Promise<number> | number
  run(ctx: SuiteContext, sink: ProgressSink): Promise<void>
}
