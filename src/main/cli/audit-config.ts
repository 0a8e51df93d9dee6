/**
 * `launch-ready audit --config FILE`: a `.launchready.json` export from the
 * app, or a plain YAML/JSON file naming subdomains, critical URLs, the
 * expected DNS map and email providers. Validated with zod; every problem is
 * reported with where it is in the file.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { z } from 'zod'
import { parse as parseYaml } from 'yaml'
import { EXPORT_FORMAT, ExportFile, ExpectedRecord, Project, Subdomain } from '../../shared/model'
import { FLOW_AREAS, VERTICALS, type Vertical } from '../../shared/verticals'
import { normalizeDomain } from '../../shared/domain'
import { UsageError } from './types'
import { jsonProblem, yamlProblem } from './parse-errors'

const Label = z.string().trim().regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/i, 'a subdomain label has letters, digits and hyphens only, like app or api')

export const AuditConfig = z
  .object({
    domain: z.string().optional(),
    name: z.string().max(120).optional(),
    vertical: z.enum(VERTICALS, { error: `must be one of ${VERTICALS.join(', ')}` }).optional(),
    canonicalHost: z.enum(['apex', 'www', 'auto'], { error: 'must be apex, www or auto (find where the two converge)' }).optional(),
    subdomains: z.array(z.union([Label, Subdomain])).optional(),
    criticalUrls: z
      .array(
        z.union([
          z.string().url('a critical URL must be a full address starting with https://'),
          z.object({
            url: z.string().url('a critical URL must be a full address starting with https://'),
            label: z.string().max(120).optional(),
            area: z.enum(FLOW_AREAS).optional(),
            method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
            /** For launch-ready smoke: the status to expect, a word the page must contain, a JSON field (path or path=value). */
            expectStatus: z.number().int().min(100).max(599).optional(),
            expectKeyword: z.string().max(200).optional(),
            expectJson: z.string().max(300).optional(),
          }).strict(),
        ]),
      )
      .optional(),
    expectedDns: z.array(ExpectedRecord.strict()).optional(),
    emailProviders: z.array(z.string().max(60)).optional(),
    dkimSelectors: z.array(z.string().max(63)).optional(),
    dnsProvider: z.string().max(60).optional(),
    cdnProvider: z.string().max(60).optional(),
    hostingProvider: z.string().max(60).optional(),
    /** `checkId@target` -> why it is acceptable: listed, but left out of the verdict and the exit code. */
    acceptedRisks: z.record(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+@.+$/, 'an accepted risk is named checkId@target, as in the --json output'), z.string().trim().min(1, 'say why the risk is acceptable')).optional(),
    /** Also probe app, api, admin, dashboard, help, status, docs (default true). */
    discoverCommonSubdomains: z.boolean().optional(),
    /** launch-ready watch: intervals, thresholds and alert channels (their URLs are credentials: a keychain name or an environment variable, never the URL). */
    watch: z
      .object({
        interval: z.number().int().min(10).max(86_400).optional(),
        timeout: z.number().int().min(1).max(120).optional(),
        failures: z.number().int().min(1).max(10).optional(),
        p95TargetMs: z.number().int().min(1).max(60_000).optional(),
        alerts: z.array(z.object({ type: z.enum(['slack', 'webhook']), name: z.string().max(120).optional(), credential: z.string().max(100).optional(), env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name, like SLACK_WEBHOOK_URL').optional() }).strict()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
export type AuditConfig = z.infer<typeof AuditConfig>

export interface LoadedConfig {
  project: Project
  /** Whether it came from an app export. */
  fromExport: boolean
  discoverCommonSubdomains?: boolean
  /** The config's `watch` section (launch-ready watch). */
  watch?: NonNullable<AuditConfig['watch']>
}

const where = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(top level)')

export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 10).map((i) => {
    if (i.code === 'unrecognized_keys') return `  ${where(i.path)}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `“${k}”`).join(', ')}`
    return `  ${where(i.path)}: ${i.message}`
  })
  if (issues.length > 10) lines.push(`  … and ${issues.length - 10} more`)
  return `${basename(file)} is not a valid project file:\n${lines.join('\n')}`
}

/** A project for a bare domain (no config). */
export function projectForDomain(domain: string, vertical: Vertical = 'b2b'): Project {
  const now = new Date().toISOString()
  return Project.parse({ id: 'cli', name: domain, vertical, domain, createdAt: now, updatedAt: now })
}

/** Reads a config; `domain` (the command line's) wins over the file's. */
export function loadConfig(file: string, domain: string | undefined): LoadedConfig {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read the config file ${file}`)
  }
  let raw: unknown
  const yaml = /\.ya?ml$/i.test(file)
  try {
    raw = yaml ? parseYaml(text) : JSON.parse(text)
  } catch (e) {
    // Never the parser's own message: it quotes the file, and the file may be a secret given by mistake.
    throw new UsageError(`${basename(file)} is not valid ${yaml ? 'YAML' : 'JSON'}: ${yaml ? yamlProblem(e) : (jsonProblem(text) ?? 'it does not parse')}`)
  }
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === EXPORT_FORMAT) {
    const parsed = ExportFile.safeParse(raw)
    if (!parsed.success) throw new UsageError(describeIssues(file, parsed.error.issues))
    return { project: { ...parsed.data.project, domain: domain ?? parsed.data.project.domain }, fromExport: true }
  }
  const parsed = AuditConfig.safeParse(raw ?? {})
  if (!parsed.success) throw new UsageError(describeIssues(file, parsed.error.issues))
  const c = parsed.data
  let apex = domain
  if (!apex && c.domain) {
    const d = normalizeDomain(c.domain)
    if (!d.ok) throw new UsageError(`${basename(file)}: domain: ${d.message}`)
    apex = d.ascii
  }
  if (!apex) throw new UsageError(`give the domain to audit, on the command line or as “domain” in ${basename(file)}`)
  const base = projectForDomain(apex, c.vertical)
  const project = Project.parse({
    ...base,
    ...(c.name ? { name: c.name } : {}),
    ...(c.canonicalHost ? { canonicalHost: c.canonicalHost } : {}),
    subdomains: (c.subdomains ?? []).map((s) => (typeof s === 'string' ? { label: s.toLowerCase(), role: '' } : s)),
    criticalFlows: (c.criticalUrls ?? []).map((u, i) => {
      const o = typeof u === 'string' ? { url: u } : u
      return { id: `flow-${i + 1}`, label: o.label ?? new URL(o.url).pathname, url: o.url, method: o.method ?? 'GET', ...(o.area ? { area: o.area } : {}), ...('expectStatus' in o && o.expectStatus ? { expectStatus: o.expectStatus } : {}), ...('expectKeyword' in o && o.expectKeyword ? { expectKeyword: o.expectKeyword } : {}), ...('expectJson' in o && o.expectJson ? { expectJson: o.expectJson } : {}) }
    }),
    expectedDns: c.expectedDns ?? [],
    emailProviders: c.emailProviders ?? [],
    dkimSelectors: c.dkimSelectors ?? [],
    dnsProvider: c.dnsProvider ?? '',
    cdnProvider: c.cdnProvider ?? '',
    hostingProvider: c.hostingProvider ?? '',
    acceptedRisks: Object.fromEntries(Object.entries(c.acceptedRisks ?? {}).map(([k, reason]) => [k, { reason, at: base.createdAt }])),
  })
  return { project, fromExport: false, ...(c.discoverCommonSubdomains !== undefined ? { discoverCommonSubdomains: c.discoverCommonSubdomains } : {}), ...(c.watch ? { watch: c.watch } : {}) }
}
