/**
 * Run-level artifacts an audit stores beside its findings, in `Run.meta`
 * (keys below). The engine fills them, the app draws them (site surface
 * matrix, DNS map, email records) and the handover pack prints them.
 * Every field is plain data; nothing secret ever goes here.
 */
import { z } from 'zod'

/** One DNS record as seen, for the DNS map. */
export const DnsMapRecord = z.object({
  name: z.string(),
  type: z.string(),
  ttl: z.number().nullable(),
  /** Presentation form (`10 mx1.acme.com.`, `0 issue "letsencrypt.org"`, the TXT text). */
  value: z.string(),
})
export type DnsMapRecord = z.infer<typeof DnsMapRecord>

export const DnsMapEntry = z.object({
  name: z.string(),
  /** NOERROR, NXDOMAIN, SERVFAIL, … of the A query (or the first query made). */
  rcode: z.string(),
  records: z.array(DnsMapRecord),
  /** From the project's expected DNS map, when it has one for this name. */
  expected: z.array(z.object({ type: z.string(), value: z.string(), matches: z.boolean() })).default([]),
})
export type DnsMapEntry = z.infer<typeof DnsMapEntry>

/** One row of the site-surface matrix: an entry URL and where it ends up. */
export const SurfaceRow = z.object({
  entryUrl: z.string(),
  host: z.string(),
  scheme: z.enum(['http', 'https']),
  /** Whether the host resolved at all. */
  exists: z.boolean(),
  finalUrl: z.string().nullable(),
  finalStatus: z.number().nullable(),
  hops: z.array(z.object({ url: z.string(), status: z.number(), location: z.string().optional(), ms: z.number() })),
  pathKept: z.boolean().nullable(),
  /** Whether the certificate covers the host (https rows), null when not checked. */
  certCovers: z.boolean().nullable(),
  hsts: z.string().nullable(),
  /** Plain-language problem when the walk failed (timeout, refused, loop). */
  error: z.string().optional(),
})
export type SurfaceRow = z.infer<typeof SurfaceRow>

export const CertificateInfo = z.object({
  host: z.string(),
  subject: z.string(),
  issuer: z.string(),
  /** Subject alternative names. */
  names: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  daysLeft: z.number(),
  keyType: z.string().optional(),
  keyBits: z.number().optional(),
  trusted: z.boolean(),
  chainComplete: z.boolean().nullable(),
  protocols: z.array(z.string()).default([]),
})
export type CertificateInfo = z.infer<typeof CertificateInfo>

/** A node of the SPF lookup tree: the record at `domain` and what it pulls in. */
export interface SpfTreeNode {
  domain: string
  /** `include`, `redirect` or `root`. */
  via: 'root' | 'include' | 'redirect'
  record: string | null
  /** DNS-querying terms in this record alone. */
  lookups: number
  /** This record plus everything under it. */
  totalLookups: number
  voidLookups: number
  error?: string
  children: SpfTreeNode[]
  /** Lookups counted before this record when nothing matches (evaluation order). */
  startsAt?: number
  /** This record is the one whose lookups take the total past 10. */
  pushesOverLimit?: boolean
  /** Each term of the record with what it costs. */
  terms?: SpfTreeTerm[]
}

/** One term of an SPF record in the lookup tree. */
export interface SpfTreeTerm {
  text: string
  /** Costs one of the 10 DNS lookups. */
  lookup: boolean
  /** Its DNS query came back empty (a void lookup). */
  void?: boolean
  /** Address lookups behind an `mx` (one per MX host, at most 10 allowed, RFC 7208 §4.6.4). */
  addressLookups?: number
  /** Plain-language problem with the term (syntax, limit, loop). */
  problem?: string
}
export const SpfTreeTerm = z.object({
  text: z.string(),
  lookup: z.boolean(),
  void: z.boolean().optional(),
  addressLookups: z.number().optional(),
  problem: z.string().optional(),
})
export const SpfTreeNode: z.ZodType<SpfTreeNode> = z.lazy(() =>
  z.object({
    domain: z.string(),
    via: z.enum(['root', 'include', 'redirect']),
    record: z.string().nullable(),
    lookups: z.number(),
    totalLookups: z.number(),
    voidLookups: z.number(),
    error: z.string().optional(),
    children: z.array(SpfTreeNode),
    startsAt: z.number().optional(),
    pushesOverLimit: z.boolean().optional(),
    terms: z.array(SpfTreeTerm).optional(),
  }),
)

export const EmailAuthState = z.object({
  domain: z.string(),
  mx: z.array(z.object({ preference: z.number(), exchange: z.string() })).default([]),
  nullMx: z.boolean().default(false),
  spf: z.array(z.string()).default([]),
  spfTree: SpfTreeNode.optional(),
  dkim: z.array(z.object({ selector: z.string(), record: z.string().nullable(), keyType: z.string().optional(), keyBits: z.number().optional(), status: z.string() })).default([]),
  dkimSelectorsTried: z.array(z.string()).default([]),
  dmarc: z.string().nullable().default(null),
  /** Where the DMARC record was found (the domain, or the organisational domain). */
  dmarcAt: z.string().optional(),
  mtaSts: z.object({ record: z.string().nullable(), policy: z.string().nullable(), mode: z.string().optional() }).optional(),
  tlsRpt: z.string().nullable().default(null),
  providers: z.array(z.string()).default([]),
})
export type EmailAuthState = z.infer<typeof EmailAuthState>

/** The host the web checks addressed, and whether the audit found it (the project named none). */
export const CanonicalChoice = z.object({ host: z.string(), inferred: z.boolean(), how: z.string() })
export type CanonicalChoice = z.infer<typeof CanonicalChoice>

/** What the secret scan read (and skipped), for the panels; never a found value. */
export const SecretsSummary = z.object({
  repo: z
    .object({
      path: z.string(),
      git: z.boolean(),
      filesScanned: z.number(),
      filesSkipped: z.number(),
      skipped: z.array(z.object({ path: z.string(), reason: z.string() })).default([]),
      commits: z.number().optional(),
      merges: z.number().optional(),
      shallow: z.boolean().optional(),
      historySkipped: z.number().optional(),
      historyError: z.string().optional(),
      buildDirs: z.array(z.string()).optional(),
      buildFiles: z.number().optional(),
    })
    .optional(),
  site: z.object({ pages: z.number(), scripts: z.number(), maps: z.number(), bytes: z.number(), limits: z.array(z.string()).default([]) }).optional(),
})
export type SecretsSummary = z.infer<typeof SecretsSummary>

/** Keys of `Run.meta` that hold these artifacts. */
export const RUN_META = {
  dnsMap: 'dnsMap',
  surface: 'surface',
  certificates: 'certificates',
  email: 'email',
  canonical: 'canonical',
  secrets: 'secrets',
} as const

export const RunArtifacts = z.object({
  dnsMap: z.array(DnsMapEntry).optional(),
  surface: z.array(SurfaceRow).optional(),
  certificates: z.array(CertificateInfo).optional(),
  email: EmailAuthState.optional(),
  canonical: CanonicalChoice.optional(),
  secrets: SecretsSummary.optional(),
})
export type RunArtifacts = z.infer<typeof RunArtifacts>

/** Reads the artifacts of a run's meta, dropping any that do not match (older runs). */
export function runArtifacts(meta: Record<string, unknown>): RunArtifacts {
  const out: RunArtifacts = {}
  for (const key of Object.keys(RunArtifacts.shape) as (keyof RunArtifacts)[]) {
    const parsed = RunArtifacts.shape[key].safeParse(meta[key])
    if (parsed.success && parsed.data !== undefined) (out as Record<string, unknown>)[key] = parsed.data
  }
  return out
}

/**
 * The site's main host: the project's choice, else the one the newest run
 * found (`canonical`), else where the newest surface walk of https://apex/
 * ended, else the apex.
 */
export function mainHostOf(project: { domain: string; canonicalHost: 'apex' | 'www' | 'auto' }, runs: readonly { meta: Record<string, unknown> }[]): string {
  const apex = project.domain
  if (project.canonicalHost === 'www') return `www.${apex}`
  if (project.canonicalHost === 'apex') return apex
  for (const r of runs) {
    const a = runArtifacts(r.meta)
    if (a.canonical) return a.canonical.host
    const row = a.surface?.find((x) => x.entryUrl === `https://${apex}/` && x.finalStatus !== null && x.finalStatus < 400)
    if (row?.finalUrl) {
      try {
        return new URL(row.finalUrl).hostname
      } catch {
        /* an unreadable row says nothing */
      }
    }
  }
  return apex
}
