/**
 * The handover pack's content model: one structure rendered three ways (PDF,
 * Markdown, JSON) and previewed in Stage 7. The zod schema is the JSON
 * export's schema (`schema` + `version` identify it). Nothing secret is ever
 * part of it: environment variables and secrets are names and locations only.
 */
import { z } from 'zod'
import { Severity, Status } from './catalog'
import { Finding } from './model'
import { CertificateInfo, DnsMapEntry, EmailAuthState, SurfaceRow } from './audit-data'

export const REPORT_SCHEMA = 'launch-ready/handover'
export const REPORT_VERSION = 1

export const RunRef = z.object({ id: z.string(), startedAt: z.string(), finishedAt: z.string().optional(), state: z.string() })
export type RunRef = z.infer<typeof RunRef>

export const RiskItem = z.object({
  key: z.string(),
  checkId: z.string(),
  target: z.string(),
  stage: z.number(),
  status: Status,
  severity: Severity,
  title: z.string(),
  summary: z.string(),
  /** First fix step, when there is one. */
  firstFix: z.string().optional(),
})
export type RiskItem = z.infer<typeof RiskItem>

/** Deferred items that fail at high severity (not launch blockers, but for this week) and the rest. */
export function splitDeferredItems(defer: readonly RiskItem[]): { thisWeek: RiskItem[]; later: RiskItem[] } {
  const thisWeek = defer.filter((r) => r.status === 'fail' && (r.severity === 'high' || r.severity === 'blocker'))
  return { thisWeek, later: defer.filter((r) => !thisWeek.includes(r)) }
}

export const AcceptedItem = RiskItem.extend({ reason: z.string(), acceptedAt: z.string() })
export type AcceptedItem = z.infer<typeof AcceptedItem>

export const FixedItem = z.object({ key: z.string(), checkId: z.string(), target: z.string(), title: z.string(), before: Status, severity: Severity })
export type FixedItem = z.infer<typeof FixedItem>

export const Verdict = z.enum(['go', 'no-go', 'not-checked'])
export type Verdict = z.infer<typeof Verdict>

export const EvidenceRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: z.string() }),
  z.object({ kind: z.literal('image'), id: z.string(), name: z.string(), mime: z.string() }),
])

export const ChecklistRow = z.object({
  id: z.string(),
  title: z.string(),
  done: z.boolean(),
  note: z.string(),
  evidence: z.array(EvidenceRef),
  updatedAt: z.string().optional(),
  /** Ticked while covering checks failed, with the reason given. */
  acceptedFailing: z.object({ reason: z.string(), checks: z.array(z.string()) }).optional(),
})
export type ChecklistRow = z.infer<typeof ChecklistRow>

/** The "Done" cell of a checklist row, the same in every format. */
export function doneWords(c: Pick<ChecklistRow, 'done' | 'acceptedFailing'>): string {
  if (!c.done) return 'No'
  if (!c.acceptedFailing) return 'Yes'
  const n = c.acceptedFailing.checks.length
  return `Yes, with ${n} failing check${n === 1 ? '' : 's'} accepted: ${c.acceptedFailing.reason}`
}

export const StageSection = z.object({
  number: z.number(),
  title: z.string(),
  goal: z.string(),
  lastRunAt: z.string().optional(),
  findings: z.array(Finding),
  checklist: z.array(ChecklistRow),
})
export type StageSection = z.infer<typeof StageSection>

export const DmarcStep = z.object({ policy: z.enum(['none', 'quarantine', 'reject']), state: z.enum(['done', 'current', 'next', 'later']), revisit: z.string().optional(), note: z.string() })
export type DmarcStep = z.infer<typeof DmarcStep>

export const PerfRow = z.object({
  checkId: z.string(),
  target: z.string(),
  label: z.string(),
  status: Status,
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  targetMs: z.number().nullable(),
  measuredAt: z.string().optional(),
  /** Latency histogram (bucket width and counts), for the chart. */
  histogram: z.object({ bucketMs: z.number(), counts: z.array(z.number()) }).optional(),
})
export type PerfRow = z.infer<typeof PerfRow>

export const OwnerRow = z.object({ dependency: z.string(), label: z.string(), provider: z.string(), owner: z.string(), backupAccess: z.string() })
export type OwnerRow = z.infer<typeof OwnerRow>
export const EnvVarRow = z.object({ name: z.string(), environment: z.string(), purpose: z.string(), owner: z.string(), store: z.string() })
export const SecretRow = z.object({ name: z.string(), location: z.string(), owner: z.string(), rotation: z.string() })
/** A value the secret scan found: where it lives and who rotates it; the masked form only, never the value. */
export const ExposedSecretRow = z.object({ where: z.string(), location: z.string(), what: z.string(), masked: z.string(), rotatedBy: z.string(), firstStep: z.string(), state: z.string() })
export type ExposedSecretRow = z.infer<typeof ExposedSecretRow>
export const ContactRow = z.object({ name: z.string(), role: z.string(), email: z.string(), phone: z.string() })

export const Operations = z.object({
  envVars: z.array(EnvVarRow),
  secrets: z.array(SecretRow),
  /** What the secret scan found (masked), with who rotates each. */
  exposed: z.array(ExposedSecretRow).default([]),
  deploySteps: z.string(),
  rollbackSteps: z.string(),
  buildCommand: z.string().default(''),
  migrationCommand: z.string().default(''),
  rollbackLink: z.string().default(''),
  healthCheck: z.string(),
  releaseCheck: z.string(),
  monitoringLinks: z.array(z.object({ label: z.string(), url: z.string() })),
  /** The uptime watch: what it watches, where alerts go (names only) and the four numbers now. */
  watch: z
    .object({
      on: z.boolean(),
      urls: z.array(z.object({ url: z.string(), intervalS: z.number() })),
      channels: z.array(z.object({ name: z.string(), type: z.string(), tested: z.string() })),
      numbers: z.object({ uptimeDay: z.number().nullable(), uptimeWeek: z.number().nullable(), uptimeMonth: z.number().nullable(), p95Ms: z.number().nullable(), targetMs: z.number(), errorRate: z.number().nullable(), queue: z.string().nullable() }).nullable(),
    })
    .nullable()
    .default(null),
  contacts: z.array(ContactRow),
  owners: z.array(OwnerRow),
})
export type Operations = z.infer<typeof Operations>

export const GuideScenario = z.object({ id: z.string(), title: z.string(), symptom: z.string(), steps: z.array(z.string()) })
export type GuideScenario = z.infer<typeof GuideScenario>

export const Screenshot = z.object({ id: z.string(), name: z.string(), mime: z.string(), caption: z.string() })
export type Screenshot = z.infer<typeof Screenshot>

export const ReportModel = z.object({
  schema: z.literal(REPORT_SCHEMA),
  version: z.literal(REPORT_VERSION),
  generatedAt: z.string(),
  appVersion: z.string(),
  cover: z.object({
    product: z.string(),
    domain: z.string(),
    vertical: z.string(),
    date: z.string(),
    preparedBy: z.string().nullable(),
    verdict: Verdict,
    reasons: z.array(z.string()),
  }),
  runs: z.object({ count: z.number(), first: RunRef.optional(), last: RunRef.optional() }),
  summary: z.object({
    mustFix: z.array(RiskItem),
    defer: z.array(RiskItem),
    couldNotCheck: z.array(RiskItem),
    accepted: z.array(AcceptedItem),
    fixed: z.array(FixedItem),
    passed: z.number(),
  }),
  stages: z.array(StageSection),
  dnsMap: z.array(DnsMapEntry).nullable(),
  surface: z.array(SurfaceRow).nullable(),
  email: z.object({ state: EmailAuthState, dmarcPath: z.array(DmarcStep) }).nullable(),
  certificates: z.array(CertificateInfo.extend({ renewedBy: z.string() })).nullable(),
  performance: z.object({ rows: z.array(PerfRow) }).nullable(),
  /** The database the advisor read, its owner and its open recommendations (the statements to run). */
  database: z
    .object({ server: z.string(), owner: z.string(), at: z.string(), recommendations: z.array(z.object({ title: z.string(), severity: Severity, statement: z.string() })) })
    .nullable()
    .default(null),
  operations: Operations,
  knownRisks: z.array(z.object({ symptom: z.string(), firstAction: z.string() })),
  opsGuide: z.array(GuideScenario),
  screenshots: z.array(Screenshot),
  /** Homework: what the founder still has to write down, one plain line each. */
  notRecorded: z.array(z.string()),
})
export type ReportModel = z.infer<typeof ReportModel>

/** Sections of the pack in order, with whether each has content (for the TOC and the Stage 7 preview). */
export interface ReportSectionInfo {
  id: string
  title: string
  included: boolean
  /** One line: what the section holds, or why it is left out. */
  detail: string
  /** Included, but with nothing filled in yet (the section prints its gaps): never shown as done. */
  empty?: boolean
}
