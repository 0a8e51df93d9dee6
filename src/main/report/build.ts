/**
 * Builds the handover pack's model from a project and its runs. Pure: no I/O,
 * the clock comes in as `now`. Every section is filled only from recorded
 * data; what the founder has not written down yet is listed in `notRecorded`.
 */
import type { Finding, Project, Run } from '../../shared/model'
import { findingKey } from '../../shared/model'
import { runArtifacts, type RunArtifacts } from '../../shared/audit-data'
import { STAGES } from '../../shared/roadmap'
import { VERTICAL_INFO } from '../../shared/verticals'
import { OWNER_DEPENDENCIES, dependencyLabel, knownProvider, ownerCoverage } from '../../shared/handover'
import { SEVERITIES, STATUSES } from '../../shared/catalog'
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  type DmarcStep,
  type OwnerRow,
  type PerfRow,
  type ReportModel,
  type RunRef,
  type Screenshot,
  type StageSection,
} from '../../shared/report-model'
import { latestFindings, newestFirst, summarize } from './summary'
import { buildOpsGuide, renewedBy } from './ops-guide'
import { redactModel } from './sections'
import { exposedSecrets } from './secrets'
import type { OpsView } from '../../shared/contract/monitor'

export interface BuildOptions {
  now?: Date
  appVersion?: string
  /** Extra images that are not checklist evidence (the homepage capture). */
  extraScreenshots?: Screenshot[]
  /** The uptime watch's ops view now (the app reads it from the history file). */
  ops?: OpsView
}

const runRef = (r: Run): RunRef => ({ id: r.id, startedAt: r.startedAt, ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}), state: r.state })

/** The newest value of each artifact across runs. */
function newestArtifacts(runs: Run[]): RunArtifacts {
  const out: RunArtifacts = {}
  for (const run of newestFirst(runs)) {
    const a = runArtifacts(run.meta)
    for (const k of Object.keys(a) as (keyof RunArtifacts)[]) if (out[k] === undefined) (out as Record<string, unknown>)[k] = a[k]
  }
  return out
}

const findingOrder = (a: Finding, b: Finding) =>
  STATUSES.indexOf(b.status === 'fail' ? 'fail' : b.status) - STATUSES.indexOf(a.status === 'fail' ? 'fail' : a.status) ||
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  findingKey(a).localeCompare(findingKey(b))

/** Problems first (fail, warn, error), then passes and skips. */
const statusWeight: Record<string, number> = { fail: 0, error: 1, warn: 2, pass: 3, skipped: 4 }
const byImportance = (a: Finding, b: Finding) => (statusWeight[a.status] ?? 9) - (statusWeight[b.status] ?? 9) || findingOrder(a, b)

function stageSections(project: Project, latest: Finding[]): StageSection[] {
  return STAGES.map((stage) => {
    const findings = latest.filter((f) => f.stage === stage.number).sort(byImportance)
    const times = findings.map((f) => f.ranAt).filter((t): t is string => Boolean(t)).sort()
    const lastRunAt = times[times.length - 1]
    return {
      number: stage.number,
      title: stage.title,
      goal: stage.goal,
      ...(lastRunAt ? { lastRunAt } : {}),
      findings,
      checklist: stage.items.map((item) => {
        const st = project.checklist[item.id]
        return {
          id: item.id,
          title: item.title,
          done: st?.done ?? false,
          note: st?.note ?? '',
          evidence: st?.evidence ?? [],
          ...(st?.updatedAt ? { updatedAt: st.updatedAt } : {}),
          ...(st?.done && st.acceptedFailing ? { acceptedFailing: { reason: st.acceptedFailing.reason, checks: st.acceptedFailing.checks } } : {}),
        }
      }),
    }
  })
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10)

/** none -> quarantine -> reject, with the current step and dates to revisit. */
export function dmarcPath(record: string | null, now: Date): DmarcStep[] {
  const policy = record ? /(?:^|;)\s*p\s*=\s*(none|quarantine|reject)/i.exec(record)?.[1]?.toLowerCase() : undefined
  const order = ['none', 'quarantine', 'reject'] as const
  const at = policy ? order.indexOf(policy as (typeof order)[number]) : -1
  const notes = {
    none: 'Reports only: nothing is blocked while you learn who sends mail as your domain.',
    quarantine: 'Mail that fails the checks goes to spam instead of the inbox.',
    reject: 'Mail that fails the checks is refused: nobody can send as your domain.',
  }
  return order.map((p, i) => {
    const state: DmarcStep['state'] = at < 0 ? (i === 0 ? 'next' : 'later') : i < at ? 'done' : i === at ? 'current' : i === at + 1 ? 'next' : 'later'
    const revisit = state === 'next' ? addDays(now, at < 0 ? 0 : p === 'quarantine' ? 14 : 28) : state === 'later' ? addDays(now, at < 0 ? 28 : 42) : undefined
    return { policy: p, state, ...(revisit ? { revisit } : {}), note: notes[p] }
  })
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function perfRows(latest: Finding[]): PerfRow[] {
  return latest
    .filter((f) => (f.checkId === 'perf.ttfb' || f.checkId === 'perf.latency') && f.status !== 'skipped')
    .sort((a, b) => a.checkId.localeCompare(b.checkId) || a.target.localeCompare(b.target))
    .map((f) => {
      const ev = f.evidence
      const h = ev.histogram as { bucketMs?: unknown; counts?: unknown } | undefined
      const hist =
        h && typeof h.bucketMs === 'number' && Array.isArray(h.counts) && h.counts.every((c) => typeof c === 'number')
          ? { bucketMs: h.bucketMs, counts: h.counts as number[] }
          : undefined
      const label = typeof ev.label === 'string' ? ev.label : f.checkId === 'perf.ttfb' ? 'Public page (time to first byte)' : 'Critical route'
      return {
        checkId: f.checkId,
        target: f.target,
        label,
        status: f.status,
        p50Ms: num(ev.p50Ms),
        p95Ms: num(ev.p95Ms),
        p99Ms: num(ev.p99Ms),
        targetMs: num(ev.targetMs),
        ...(f.ranAt ? { measuredAt: f.ranAt } : {}),
        ...(hist ? { histogram: hist } : {}),
      }
    })
}

function screenshots(project: Project, extra: Screenshot[]): Screenshot[] {
  const out: Screenshot[] = [...extra]
  for (const stage of STAGES)
    for (const item of stage.items)
      for (const ev of project.checklist[item.id]?.evidence ?? [])
        if (ev.kind === 'image') out.push({ id: ev.id, name: ev.name, mime: ev.mime, caption: `Stage ${stage.number}: ${item.title}` })
  return out
}

const t = (s: string) => s.trim()

/** The uptime watch for the pack: URLs, channel names (never their URLs or passwords) with their last test, the four numbers. */
function watchSection(project: Project, ops: OpsView | undefined): ReportModel['operations']['watch'] {
  const m = project.monitor
  if (!m.enabled && !m.urls.length && !m.channels.length) return null
  const tested = (id: string) => {
    const d = m.deliveries.find((x) => x.channel === id && x.kind === 'test')
    return d ? `${d.ok ? 'delivered' : 'failed'} ${d.at.slice(0, 10)}` : 'never tested'
  }
  return {
    on: m.enabled,
    urls: m.urls.map((u) => ({ url: u.url, intervalS: u.intervalS })),
    channels: m.channels.map((c) => ({ name: c.name, type: c.type, tested: tested(c.id) })),
    numbers: ops ? { uptimeDay: ops.uptime.day, uptimeWeek: ops.uptime.week, uptimeMonth: ops.uptime.month, p95Ms: ops.p95Ms, targetMs: ops.targetMs, errorRate: ops.errorRate, queue: ops.queue.connected ? ops.queue.value : null } : null,
  }
}

/** Stage 4's inventory as the pack's table: one row per variable and environment that has it (names only), unless the handover form lists that pair already. */
function inventoryEnvVars(project: Project): ReportModel['operations']['envVars'] {
  const inv = project.envInventory
  const listed = new Set(project.handover.envVars.map((v) => `${v.name.trim()}@${(v.environment.trim() || 'production').toLowerCase()}`))
  const info = (name: string) => inv.variables.find((v) => v.name === name)
  const rows = inv.environments.flatMap((e) => e.names.map((name) => ({ name, environment: e.name, purpose: info(name)?.purpose.trim() ?? '', owner: info(name)?.owner.trim() ?? '', store: info(name)?.store.trim() ?? '' })))
  return rows.filter((r) => !listed.has(`${r.name}@${r.environment.toLowerCase()}`))
}

/** The newest database advisor run: which database, who owns it, what is still to do. */
function databaseSection(project: Project, ordered: Run[], latest: Finding[]): ReportModel['database'] {
  const run = [...ordered].reverse().find((r) => r.meta.kind === 'db' && r.state === 'completed')
  if (!run) return null
  const s = run.meta.server as { version?: number; database?: string; user?: string } | undefined
  // The owner map's row for the database (its dependency named "database" or "db"), where the founder added one.
  const owner = project.handover.owners.find((o) => /^(?:database|db|postgres(?:ql)?)$/i.test(o.dependency.trim()))?.owner.trim() ?? ''
  const open = latest.filter((f) => f.checkId.startsWith('db.') && (f.status === 'fail' || f.status === 'warn') && !project.acceptedRisks[findingKey(f)])
  const rank = (x: Finding) => SEVERITIES.indexOf(x.severity)
  return {
    server: s ? `PostgreSQL ${Math.floor((s.version ?? 0) / 10000)}, database ${s.database ?? '?'}` : 'PostgreSQL',
    owner,
    at: run.finishedAt ?? run.startedAt,
    recommendations: open.sort((a, b) => rank(a) - rank(b)).map((f) => ({ title: f.title, severity: f.severity, statement: f.fix.find((x) => x.value)?.value ?? f.fix[0]?.text ?? '' })),
  }
}

/** Builds the model; credential-like evidence fields are always hidden (the service also scrubs vault values). */
export function buildReport(project: Project, runs: Run[], opts: BuildOptions = {}): ReportModel {
  return redactModel(assemble(project, runs, opts), [])
}

function assemble(project: Project, runs: Run[], opts: BuildOptions): ReportModel {
  const now = opts.now ?? new Date()
  const ordered = newestFirst(runs).reverse()
  const latest = latestFindings(ordered)
  const sum = summarize(project, ordered)
  const art = newestArtifacts(ordered)
  const h = project.handover
  const first = ordered[0]
  const last = ordered[ordered.length - 1]

  const owners: OwnerRow[] = OWNER_DEPENDENCIES.map((d): OwnerRow => {
    const row = h.owners.find((o) => o.dependency === d.id)
    return { dependency: d.id, label: d.label, provider: t(row?.provider ?? '') || knownProvider(project, d.id), owner: t(row?.owner ?? ''), backupAccess: t(row?.backupAccess ?? '') }
  }).concat(
    h.owners
      .filter((o) => !OWNER_DEPENDENCIES.some((d) => d.id === o.dependency))
      .map((o) => ({ dependency: o.dependency, label: dependencyLabel(o.dependency), provider: t(o.provider), owner: t(o.owner), backupAccess: t(o.backupAccess) })),
  )

  const notRecorded: string[] = []
  const cov = ownerCoverage(h)
  if (cov.missing.length) notRecorded.push(`Owner map: no owner yet for ${cov.missing.map(dependencyLabel).join(', ')}.`)
  const noBackup = owners.filter((o) => o.owner && !o.backupAccess)
  if (noBackup.length) notRecorded.push(`Backup access path not recorded for ${noBackup.map((o) => o.label).join(', ')}.`)
  if (!h.envVars.length && !inventoryEnvVars(project).length) notRecorded.push('Environment variables: none listed (name, purpose, owner and where each is stored).')
  else if (h.envVars.some((v) => !t(v.owner) || !t(v.store) || !t(v.purpose))) notRecorded.push('Some environment variables have no purpose, owner or store.')
  if (!h.secrets.length) notRecorded.push('Secrets: no locations or owners listed.')
  const database = databaseSection(project, ordered, latest)
  if (database && !database.owner) notRecorded.push('Database: no owner recorded (add a “database” row to the owner map: who holds the admin login and the backups).')
  const exposed = exposedSecrets(project, latest)
  const unowned = exposed.filter((x) => !x.rotatedBy && !x.state.startsWith('accepted') && x.state !== 'check its restrictions')
  if (unowned.length) notRecorded.push(`Who rotates the exposed secrets: not recorded for ${unowned.length} (${[...new Set(unowned.map((x) => x.what))].slice(0, 4).join(', ')}).`)
  if (!t(h.deploySteps)) notRecorded.push('Deploy steps are not written down.')
  if (!t(h.rollbackSteps)) notRecorded.push('Rollback steps are not written down.')
  if (!t(h.healthCheck)) notRecorded.push('Health check: not recorded.')
  if (!t(h.releaseCheck)) notRecorded.push('How to tell which release is live: not recorded.')
  if (!h.monitoringLinks.length) notRecorded.push('Monitoring links: none saved.')
  if (!project.contacts.length) notRecorded.push('Emergency contacts: none listed.')
  if (!h.knownRisks.length) notRecorded.push('Known risks: none listed with a symptom and first action.')
  if (!t(h.preparedBy)) notRecorded.push('Who prepared this pack is not recorded.')

  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    generatedAt: now.toISOString(),
    appVersion: opts.appVersion ?? '0.0.0',
    cover: {
      product: project.name,
      domain: project.domain,
      vertical: VERTICAL_INFO[project.vertical].label,
      date: now.toISOString().slice(0, 10),
      preparedBy: t(h.preparedBy) || null,
      verdict: sum.verdict,
      reasons: sum.reasons,
    },
    runs: { count: ordered.length, ...(first ? { first: runRef(first) } : {}), ...(last ? { last: runRef(last) } : {}) },
    summary: { mustFix: sum.mustFix, defer: sum.defer, couldNotCheck: sum.couldNotCheck, accepted: sum.accepted, fixed: sum.fixed, passed: sum.passed },
    stages: stageSections(project, latest),
    dnsMap: art.dnsMap?.length ? art.dnsMap : null,
    surface: art.surface?.length ? art.surface : null,
    email: art.email ? { state: art.email, dmarcPath: dmarcPath(art.email.dmarc, now) } : null,
    certificates: art.certificates?.length ? art.certificates.map((c) => ({ ...c, renewedBy: renewedBy(project, c) })) : null,
    performance: (() => {
      const rows = perfRows(latest)
      return rows.length ? { rows } : null
    })(),
    database,
    operations: {
      envVars: [...h.envVars.map((v) => ({ name: t(v.name), environment: t(v.environment) || 'production', purpose: t(v.purpose), owner: t(v.owner), store: t(v.store) })), ...inventoryEnvVars(project)]
        .sort((a, b) => a.environment.localeCompare(b.environment) || a.name.localeCompare(b.name)),
      secrets: h.secrets.map((s) => ({ name: t(s.name), location: t(s.location), owner: t(s.owner), rotation: t(s.rotation) })),
      exposed,
      deploySteps: t(h.deploySteps),
      rollbackSteps: t(h.rollbackSteps),
      buildCommand: t(h.buildCommand),
      migrationCommand: t(h.migrationCommand),
      rollbackLink: t(h.rollbackLink),
      healthCheck: t(h.healthCheck),
      releaseCheck: t(h.releaseCheck),
      monitoringLinks: h.monitoringLinks.filter((l) => t(l.url)).map((l) => ({ label: t(l.label) || t(l.url), url: t(l.url) })),
      watch: watchSection(project, opts.ops),
      contacts: project.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone })),
      owners,
    },
    knownRisks: h.knownRisks.filter((r) => t(r.symptom)).map((r) => ({ symptom: t(r.symptom), firstAction: t(r.firstAction) })),
    opsGuide: buildOpsGuide(project, art.certificates ?? null),
    screenshots: screenshots(project, opts.extraScreenshots ?? []),
    notRecorded,
  }
}
