import { z } from 'zod'
import { Severity, StageNumber, Status } from './catalog'
import { Vertical, FLOW_AREAS } from './verticals'

/* ---------- findings and runs (SPEC.md: "A finding carries") ---------- */

export const FixStep = z.object({
  text: z.string(),
  /** Exact value to paste, when the app can compute it (a DNS record, a header). */
  value: z.string().optional(),
  /** Provider the step is written for (`cloudflare`, `route53`, `google-workspace`, …). */
  provider: z.string().optional(),
  /** A project setting the step asks for: the id of its field on the project settings screen. */
  setting: z.string().optional(),
})
export type FixStep = z.infer<typeof FixStep>

export const Finding = z.object({
  checkId: z.string(),
  stage: StageNumber,
  target: z.string(),
  status: Status,
  severity: Severity,
  title: z.string(),
  /** One plain-language sentence for a founder. */
  summary: z.string(),
  /** Who is hurt and how (UX card's impact line). */
  impact: z.string().optional(),
  evidence: z.record(z.string(), z.unknown()),
  fix: z.array(FixStep),
  durationMs: z.number().nonnegative(),
  /** Business areas this finding touches, for the risk ranking. */
  areas: z.array(z.enum(FLOW_AREAS)).default([]),
  /** When it ran (ISO 8601). */
  ranAt: z.string().optional(),
})
export type Finding = z.infer<typeof Finding>

/** Stable identity of a finding across runs: check + target. */
export const findingKey = (f: Pick<Finding, 'checkId' | 'target'>): string => `${f.checkId}@${f.target}`

export const RunScope = z.object({
  stage: StageNumber.optional(),
  checkIds: z.array(z.string()).optional(),
  targets: z.array(z.string()).optional(),
})
export type RunScope = z.infer<typeof RunScope>

export const Run = z.object({
  id: z.string(),
  projectId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  state: z.enum(['running', 'completed', 'cancelled', 'deadline', 'failed']),
  scope: RunScope.default({}),
  findings: z.array(Finding),
  meta: z.record(z.string(), z.unknown()).default({}),
})
export type Run = z.infer<typeof Run>

/* ---------- the project ---------- */

const id = z.string().min(1).max(100)
const text = (max = 2000) => z.string().max(max)

export const Subdomain = z.object({
  /** Label under the apex: `app`, `api`, `admin`. */
  label: z.string().min(1).max(63),
  role: text(60),
  expectedStatus: z.number().int().min(100).max(599).optional(),
})
export type Subdomain = z.infer<typeof Subdomain>

export const CriticalFlow = z.object({
  id,
  label: text(120),
  url: text(2048),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  area: z.enum(FLOW_AREAS).default('core'),
  /** Name of a keychain credential used to authenticate, if any. */
  credential: z.string().max(100).optional(),
  authKind: z.enum(['bearer', 'cookie', 'header']).optional(),
  authHeader: z.string().max(100).optional(),
  /** A writing route runs only when the user marks it safe and gives a body for a test account. */
  safeToWrite: z.boolean().default(false),
  body: text(20000).optional(),
  /** The post-deploy smoke test: the status to expect (default any 2xx), a word the page must contain, a JSON field (`path` or `path=value`). */
  expectStatus: z.number().int().min(100).max(599).optional(),
  expectKeyword: text(200).optional(),
  expectJson: text(300).optional(),
})
export type CriticalFlow = z.infer<typeof CriticalFlow>

export const Contact = z.object({ id, name: text(120), role: text(120), email: text(200), phone: text(60) })
export type Contact = z.infer<typeof Contact>

export const ExpectedRecord = z.object({ name: text(255), type: text(10), value: text(4000) })
export type ExpectedRecord = z.infer<typeof ExpectedRecord>

export const Evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: text(2048) }),
  z.object({ kind: z.literal('image'), id, name: text(255), mime: text(60) }),
])
export type Evidence = z.infer<typeof Evidence>

export const ChecklistState = z.object({
  done: z.boolean().default(false),
  note: text(10000).default(''),
  evidence: z.array(Evidence).default([]),
  updatedAt: z.string().optional(),
  /** Ticked while covering checks failed: why that is acceptable, and which checks (the same shape as an accepted risk). */
  acceptedFailing: z.object({ reason: text(2000).min(1), at: z.string(), checks: z.array(z.string()).default([]) }).optional(),
})
export type ChecklistState = z.infer<typeof ChecklistState>

export const AcceptedRisk = z.object({ reason: text(2000).min(1), at: z.string() })

export const Owner = z.object({
  /** registrar, dns, cdn, hosting, email, monitoring, payment, or a custom name */
  dependency: text(80),
  provider: text(120).default(''),
  owner: text(120).default(''),
  backupAccess: text(500).default(''),
})
export const EnvVar = z.object({
  name: text(200),
  environment: text(60).default('production'),
  purpose: text(500).default(''),
  owner: text(120).default(''),
  store: text(200).default(''),
})
export const Link = z.object({ label: text(120), url: text(2048) })
export const KnownRisk = z.object({ symptom: text(1000), firstAction: text(1000) })
/** Where a secret lives and who can rotate it. Never its value. */
export const SecretLocation = z.object({
  name: text(200),
  location: text(300).default(''),
  owner: text(120).default(''),
  rotation: text(1000).default(''),
})

export const Handover = z.object({
  preparedBy: text(200).default(''),
  owners: z.array(Owner).default([]),
  envVars: z.array(EnvVar).default([]),
  deploySteps: text(20000).default(''),
  rollbackSteps: text(20000).default(''),
  healthCheck: text(2000).default(''),
  monitoringLinks: z.array(Link).default([]),
  knownRisks: z.array(KnownRisk).default([]),
  secrets: z.array(SecretLocation).default([]),
  /** How to tell which release is live (a header, the health payload, the host's dashboard). */
  releaseCheck: text(2000).default(''),
  /** Stage 4's deploy notes: the build command, the migration command and the host's rollback page. */
  buildCommand: text(2000).default(''),
  migrationCommand: text(2000).default(''),
  rollbackLink: text(2048).default(''),
})
export type Handover = z.infer<typeof Handover>

export const SecretIgnore = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16}$|^file:.{1,1000}$/, 'A fingerprint is the 16-character code the scan shows.'),
  reason: z.string().trim().min(1, 'Say why this is not a secret.').max(2000),
  /** The masked form, so the list is readable. */
  masked: z.string().max(200).optional(),
  at: z.string().optional(),
})
export type SecretIgnore = z.infer<typeof SecretIgnore>

/** One variable of the inventory: who owns it, what it is for, where its value is kept (never the value). */
export const EnvVariable = z.object({
  name: z.string().trim().min(1).max(200).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'A variable name is letters, digits and _ (e.g. STRIPE_SECRET_KEY).'),
  owner: z.string().max(120).default(''),
  purpose: z.string().max(500).default(''),
  /** host env, secret manager, CI secret… */
  store: z.string().max(120).default(''),
})
export type EnvVariable = z.infer<typeof EnvVariable>

/** Which variable names one environment has (imported from the host's export, or typed). Names only. */
export const EnvEnvironment = z.object({
  name: z.string().trim().min(1).max(60),
  source: z.string().max(300).default('typed by hand'),
  importedAt: z.string().optional(),
  names: z.array(z.string().max(200)).max(2000).default([]),
})
export type EnvEnvironment = z.infer<typeof EnvEnvironment>

export const EnvInventory = z.object({ variables: z.array(EnvVariable).max(2000).default([]), environments: z.array(EnvEnvironment).max(20).default([]) })
export type EnvInventory = z.infer<typeof EnvInventory>

/** One URL the uptime watch checks. */
export const MonitorUrl = z.object({
  url: z.string().url('Enter the full address, starting with https://').max(2048),
  label: z.string().max(120).default(''),
  intervalS: z.number().int().min(10, 'At least every 10 seconds.').max(86_400).default(60),
  timeoutS: z.number().int().min(1).max(120).default(10),
  expectStatus: z.number().int().min(100).max(599).optional(),
  keyword: z.string().max(200).optional(),
  /** `path` or `path=value` in a JSON body: a health payload's version, a queue depth. */
  jsonField: z.string().max(300).optional(),
})
export type MonitorUrl = z.infer<typeof MonitorUrl>

export const AlertChannel = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(['desktop', 'slack', 'webhook', 'email']),
  name: z.string().trim().min(1, 'Name the channel.').max(120),
  /** The keychain credential holding the webhook URL (slack, webhook) or the SMTP password (email). */
  credential: z.string().max(100).optional(),
  email: z.object({ host: z.string().max(253), port: z.number().int().min(1).max(65535).default(587), secure: z.boolean().default(false), user: z.string().max(200).default(''), from: z.string().max(200), to: z.string().max(500) }).optional(),
})
export type AlertChannel = z.infer<typeof AlertChannel>

export const AlertDelivery = z.object({ channel: z.string(), at: z.string(), ok: z.boolean(), error: z.string().max(2000).optional(), kind: z.string() })
export type AlertDelivery = z.infer<typeof AlertDelivery>

export const MonitorConfig = z.object({
  enabled: z.boolean().default(false),
  urls: z.array(MonitorUrl).max(100).default([]),
  failuresToDown: z.number().int().min(1).max(10).default(2),
  channels: z.array(AlertChannel).max(20).default([]),
  deliveries: z.array(AlertDelivery).max(50).default([]),
  startAtLogin: z.boolean().default(false),
  /** Hosted monitors to read (UptimeRobot, Better Stack); each token is a keychain credential. */
  hosted: z.array(z.object({ provider: z.enum(['uptimerobot', 'betterstack']), credential: z.string().min(1).max(100) })).max(4).default([]),
  /** "We use X" when the tracker is not visible in the page. */
  errorTracking: z.object({ tool: z.string().max(120), link: z.string().max(2048).default('') }).optional(),
})
export type MonitorConfig = z.infer<typeof MonitorConfig>

export const CanonicalHost = z.enum(['apex', 'www', 'auto'])
export type CanonicalHost = z.infer<typeof CanonicalHost>

export const ProjectDraft = z.object({
  name: z.string().trim().min(1, 'Give the product a name.').max(120),
  vertical: Vertical,
  /** ASCII (punycode) apex, normalised by `normalizeDomain`. */
  domain: z.string().min(1).max(253),
  /** `auto`: not known; the audit finds where apex and www converge and says so. */
  canonicalHost: CanonicalHost.default('auto'),
  subdomains: z.array(Subdomain).default([]),
  criticalFlows: z.array(CriticalFlow).default([]),
  emailProviders: z.array(z.string().max(60)).default([]),
  dkimSelectors: z.array(z.string().max(63)).default([]),
  hostingProvider: text(60).default(''),
  dnsProvider: text(60).default(''),
  cdnProvider: text(60).default(''),
  contacts: z.array(Contact).default([]),
  expectedDns: z.array(ExpectedRecord).default([]),
  /** Resolver (`host[:port]`) and extra CA file, for staging or the offline demo. */
  dnsServer: text(300).optional(),
  caFile: text(1000).optional(),
  /** Connect to other ports than the addresses say (`53:5353,80:18080,443:18443`): the offline demo, staging. */
  portMap: z.string().max(200).regex(/^(\s*\d{1,5}[:=]\d{1,5}\s*)(,\s*\d{1,5}[:=]\d{1,5}\s*)*$/, 'Write port mappings as 80:18080,443:18443.').optional(),
  /** The embedded offline demo: main (re)starts its loopback site before each run. */
  demo: z.boolean().optional(),
  /** The project's code on this computer: the secret scan reads its files, history and build. */
  repoPath: text(4096).optional(),
  /** The production build folder (absolute, or inside the repository), when not dist/, build/, .next/ or out/. */
  buildDir: text(4096).optional(),
  /** The keychain credential holding the database connection URL (the advisor reads it; never stored here). */
  dbCredential: z.string().max(100).optional(),
  /** A CA certificate file for the database's TLS (providers with a private CA). */
  dbCaFile: text(1000).optional(),
})
export type ProjectDraft = z.infer<typeof ProjectDraft>

export const Project = ProjectDraft.extend({
  id,
  createdAt: z.string(),
  updatedAt: z.string(),
  checklist: z.record(z.string(), ChecklistState).default({}),
  acceptedRisks: z.record(z.string(), AcceptedRisk).default({}),
  wizard: z.object({ stage: StageNumber.default(1), item: z.string().optional() }).default({ stage: 1 }),
  handover: Handover.default(Handover.parse({})),
  /** Records of the hand tests (e.g. the email deliverability test). */
  handTests: z.record(z.string(), z.object({ outcome: text(60), note: text(5000), at: z.string() })).default({}),
  /** Found values the team decided are not secrets (a fixture, a revoked key), by fingerprint; never the value. */
  secretIgnores: z.array(SecretIgnore).default([]),
  /** Stage 4's environment-variable inventory: names, owners, purposes, stores and which environment has which. */
  envInventory: EnvInventory.default({ variables: [], environments: [] }),
  /** Stage 6's uptime watch: what it checks, how often, and where alerts go. */
  monitor: MonitorConfig.default(MonitorConfig.parse({})),
})
export type Project = z.infer<typeof Project>

type Editable = Omit<Project, 'id' | 'createdAt' | 'updatedAt'>
type EditableInput = Omit<z.input<typeof Project>, 'id' | 'createdAt' | 'updatedAt'>
export type ProjectPatch = Partial<Editable>

/**
 * What may change through `projects.update`: everything but identity and
 * timestamps, each field optional. Top-level defaults are removed on purpose:
 * a patch that names one field must not reset the others to their defaults.
 */
export const ProjectPatch = z.object(
  Object.fromEntries(
    Object.entries(Project.omit({ id: true, createdAt: true, updatedAt: true }).shape).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional(),
    ]),
  ),
) as unknown as z.ZodType<ProjectPatch, Partial<EditableInput>>

export interface ProjectSummary {
  id: string
  name: string
  domain: string
  vertical: Vertical
  updatedAt: string
  /** Checklist items done / total, for the list. */
  progress: { done: number; total: number }
  lastRunAt?: string
  /** The risk report's verdict on the current view (absent before any run). */
  verdict?: 'go' | 'no-go' | 'incomplete'
  /** Problems still open (failing or not checked, not accepted), by severity. */
  open?: { blocker: number; high: number }
}

/** Export file format: `.launchready.json`. */
export const EXPORT_FORMAT = 'launch-ready/project'
export const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  project: Project,
  runs: z.array(Run).default([]),
})
export type ExportFile = z.infer<typeof ExportFile>
