/**
 * The secrets suite: secrets.bundle and secrets.sourcemaps on the live site
 * (every audit), and, when the project names its repository folder,
 * secrets.repo, secrets.history, secrets.env-committed and
 * secrets.build-output on it. The local scan reads the disk and runs git; it
 * sends nothing anywhere. Publishes the `secrets` artifact (what was read,
 * what was skipped) for the panels.
 */
import { basename } from 'node:path'
import type { Finding } from '../../../shared/model'
import type { SecretsSummary } from '../../../shared/audit-data'
import type { CheckSuite, SuiteContext } from '../types'
import { errorFinding } from '../finding'
import { publishArtifact } from '../run/artifacts'
import { withCanonical } from '../web/canonical'
import { canonicalHostOf } from '../web/surface'
import { inDomain, wants } from '../web/util'
import { nodeGit } from './git'
import { scanRepo, type RepoScanProgress, type RepoScanResult } from './repo'
import { scanSite, type SiteScan } from './site'
import { siteFindings } from './site-findings'
import { repoFindings } from './findings'
import { detectTrackers, errorTrackingFinding, releaseIn, type TrackerSeen } from '../monitor/trackers'

export const SECRETS_SITE_IDS = ['secrets.bundle', 'secrets.sourcemaps'] as const
export const SECRETS_REPO_IDS = ['secrets.repo', 'secrets.history', 'secrets.env-committed', 'secrets.build-output'] as const
export const SECRETS_IDS = [...SECRETS_REPO_IDS, ...SECRETS_SITE_IDS] as const
/** Read from the same scripts as the site scan: which error tracker the site loads. */
const TRACKING_ID = 'monitor.error-tracking'

export interface SecretsSuiteOptions {
  timeoutMs?: number
  /** Live counts while the local scan runs (files read, commits read). */
  onRepoProgress?: (p: RepoScanProgress) => void
}

/** The pages whose scripts are read: the main page and the critical pages on the project's domain. */
export function sitePages(ctx: SuiteContext): string[] {
  if (ctx.target.sitePages?.length) return ctx.target.sitePages.slice(0, 10)
  // With no main host named, both entry points are read at once (the same page is read once) rather than waiting for the audit to decide.
  const apex = ctx.target.domain.toLowerCase()
  const pages = ctx.target.canonicalHost === 'auto' ? [`https://www.${apex}/`, `https://${apex}/`] : [`https://${canonicalHostOf(ctx)}/`]
  for (const f of ctx.target.criticalFlows) {
    try {
      const u = new URL(f.url)
      if (f.method === 'GET' && inDomain(u.hostname, ctx.target.domain) && !pages.includes(u.href)) pages.push(u.href)
    } catch {
      /* a flow without a full address has no page to read */
    }
  }
  return pages.slice(0, 10)
}

export function secretsSummary(repo: RepoScanResult | undefined, site: SiteScan | undefined): SecretsSummary {
  return {
    ...(repo
      ? {
          repo: {
            path: repo.repo,
            git: repo.git,
            filesScanned: repo.files.scanned,
            filesSkipped: repo.files.skippedCount,
            skipped: repo.files.skipped.slice(0, 50),
            ...(repo.history ? { commits: repo.history.commits, merges: repo.history.merges, shallow: repo.history.shallow, historySkipped: repo.history.skippedCount } : {}),
            ...(repo.historyError ? { historyError: repo.historyError } : {}),
            ...(repo.build ? { buildDirs: repo.build.dirs, buildFiles: repo.build.files } : {}),
          },
        }
      : {}),
    ...(site ? { site: { pages: site.pages.length, scripts: site.scripts.length, maps: site.maps.length, bytes: site.bytes, limits: site.limits.slice(0, 10) } } : {}),
  }
}

export function createSecretsSuite(opts: SecretsSuiteOptions = {}): CheckSuite {
  const timeoutMs = opts.timeoutMs ?? 8000
  return {
    id: 'secrets',
    checkIds: [...SECRETS_IDS, TRACKING_ID],
    plan: (ctx) => SECRETS_IDS.filter((id) => wants(ctx, id) && (ctx.target.repoPath || !(SECRETS_REPO_IDS as readonly string[]).includes(id))).length + (wants(ctx, TRACKING_ID) ? 1 : 0),
    async run(given, sink) {
      const wantSite = [...SECRETS_SITE_IDS, TRACKING_ID].some((id) => wants(given, id))
      const wantRepo = !!given.target.repoPath && SECRETS_REPO_IDS.some((id) => wants(given, id))
      const report = (fs: Finding[]) => {
        for (const f of fs) {
          if (!wants(given, f.checkId)) continue
          sink.start(f.checkId, f.target)
          sink.finding(f)
        }
      }
      let repo: RepoScanResult | undefined
      let site: SiteScan | undefined
      const repoPart = async () => {
        const path = given.target.repoPath!
        const label = basename(path) || path
        for (const id of SECRETS_REPO_IDS) if (wants(given, id)) sink.start(id, label)
        try {
          repo = await scanRepo({ git: given.git ?? nodeGit(), repo: path, ...(given.target.buildDir ? { buildDir: given.target.buildDir } : {}), ...(given.target.scanHistory === false ? { history: false } : {}), signal: given.signal, ...(opts.onRepoProgress ? { onProgress: opts.onRepoProgress } : {}) })
          const fs = repoFindings(repo, { repoLabel: label, ignores: given.target.secretIgnores ?? [] })
          report(fs)
          // A check whose findings are per file owes no result on the repository itself.
          for (const id of SECRETS_REPO_IDS) if (!fs.some((f) => f.checkId === id && f.target === label)) sink.drop?.(id, label)
        } catch (e) {
          for (const id of SECRETS_REPO_IDS) if (wants(given, id)) sink.finding(errorFinding(id, label, given.signal.aborted ? 'The scan was stopped before it finished.' : `The repository scan stopped: ${e instanceof Error ? e.message : String(e)}`))
        }
      }
      const sitePart = async () => {
        const ctx = given
        // The findings are named after the site's main host, decided beside the scan (shared with the web suites).
        const hostP = withCanonical(given, timeoutMs).then(canonicalHostOf, () => canonicalHostOf(given))
        const trackers = new Map<string, TrackerSeen>()
        const onText = (url: string, text: string) => {
          for (const t of detectTrackers([{ url, text }])) {
            const had = trackers.get(t.name)
            trackers.set(t.name, had ? { ...had, release: had.release || t.release } : t)
          }
          // A release set in another script than the one that loads the SDK still counts.
          for (const [name, t] of trackers) if (!t.release && releaseIn(name, text)) trackers.set(name, { ...t, release: true })
        }
        let host = canonicalHostOf(given)
        try {
          site = await scanSite(ctx, sitePages(ctx), timeoutMs, onText)
          host = await hostP
          const fs = siteFindings(site, host, { ignores: ctx.target.secretIgnores ?? [], want: (id) => wants(ctx, id) })
          if (wants(ctx, TRACKING_ID)) fs.push(site.pages.some((p) => p.status !== undefined && p.status < 400) ? errorTrackingFinding(host, [...trackers.values()], ctx.target.errorTracking) : errorFinding(TRACKING_ID, host, 'The site’s pages could not be read, so its scripts were not checked for an error tracker.'))
          report(fs)
        } catch (e) {
          host = await hostP
          for (const id of [...SECRETS_SITE_IDS, TRACKING_ID]) if (wants(ctx, id)) sink.finding(errorFinding(id, host, `The site’s scripts could not be read: ${e instanceof Error ? e.message : String(e)}`))
        }
      }
      const summary = Promise.all([wantRepo ? repoPart() : undefined, wantSite ? sitePart() : undefined]).then(() => secretsSummary(repo, site))
      publishArtifact(given, 'secrets', summary)
      await summary
    },
  }
}
