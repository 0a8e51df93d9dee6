/**
 * Occurrences become findings in SPEC.md's shape: one per value and place
 * (so each can be fixed, accepted or ignored on its own), severity from its
 * kind (secret: blocker, test: low, public: info), and one passing finding
 * per check that found nothing, saying what it looked at. A check that could
 * not look (no history to read, no site) is `error`, never a pass.
 */
import type { Finding } from '../../../shared/model'
import type { Severity } from '../../../shared/catalog'
import { errorFinding, makeFinding } from '../finding'
import { rotationSteps, whatOf } from './providers'
import type { Occurrence } from './occurrence'
import type { EnvFileHit } from './env-files'
import type { RepoScanResult } from './repo'

export const KIND_SEVERITY: Record<Occurrence['kind'], Severity> = { secret: 'blocker', test: 'low', public: 'info' }

const KIND_WORD: Record<Occurrence['kind'], string> = { secret: '', test: 'test-mode ', public: 'public ' }
const article = (w: string) => (/^[aeiou]/i.test(w) ? 'An' : 'A')

export function place(o: Occurrence): string {
  if (o.location === 'history') return `${o.file ?? '?'} in commit ${o.commit?.slice(0, 7) ?? '?'}`
  if (o.location === 'site') return o.url ?? '?'
  return o.line ? `${o.file}:${o.line}` : (o.file ?? '?')
}

/** The finding's target: unique per value and place, readable. */
const targetOf = (o: Occurrence) => (o.location === 'history' ? `${o.file}@${o.commit?.slice(0, 12)}#${o.fingerprint.slice(0, 6)}` : o.location === 'site' ? `${o.url}#${o.fingerprint.slice(0, 6)}` : `${o.file}${o.line ? `:${o.line}` : ''}#${o.fingerprint.slice(0, 6)}`)

export function evidenceOf(o: Occurrence): Record<string, unknown> {
  return {
    location: o.location,
    ...(o.file !== undefined ? { file: o.file } : {}),
    ...(o.url !== undefined ? { url: o.url } : {}),
    ...(o.line !== undefined ? { line: o.line } : {}),
    ...(o.commit ? { commit: o.commit, date: o.date, author: o.author } : {}),
    ...(o.stillInTree !== undefined ? { stillInTree: o.stillInTree } : {}),
    ...(o.via ? { via: o.via } : {}),
    provider: o.provider,
    kind: o.kind,
    why: o.why,
    rule: o.ruleId,
    masked: o.masked,
    fingerprint: o.fingerprint,
    ...(o.count && o.count > 1 ? { occurrences: o.count } : {}),
  }
}

export function occurrenceFinding(o: Occurrence): Finding {
  const where = place(o)
  const what = `${KIND_WORD[o.kind]}${whatOf(o.ruleId)}`
  const title = `${article(what)} ${what} is in ${where}`
  const when = o.location === 'history' ? ` It was committed on ${o.date?.slice(0, 10)} by ${o.author}${o.via ? ` in ${o.via}` : ''}${o.stillInTree ? ', and it is still in the code today' : ', and it stays readable in the history even though the file has changed'}.` : ''
  const summary =
    o.kind === 'public'
      ? `${o.masked} is ${o.why}; it is fine in ${o.location === 'site' ? 'the page' : 'the code'} as long as its restrictions are set.`
      : o.kind === 'test'
        ? `${o.masked} is ${o.why}. It cannot touch real money or customers, but anyone who sees it can use your test account.${when}`
        : `${o.masked} is ${o.why}: anyone who can read ${o.location === 'site' ? 'your site’s JavaScript' : o.location === 'build' ? 'your build' : 'this repository'} can use it.${when}`
  return makeFinding(o.checkId, targetOf(o), o.kind === 'public' ? 'warn' : 'fail', {
    title,
    summary,
    severity: KIND_SEVERITY[o.kind],
    evidence: evidenceOf(o),
    fix: rotationSteps(o.ruleId, o.kind, o.location),
  })
}

export function envFileFinding(h: EnvFileHit): Finding {
  return makeFinding('secrets.env-committed', h.path, 'fail', {
    title: `${h.path} is committed: ${h.what}`,
    summary: `Everyone with access to the repository (and every clone, fork and CI log) has ${h.values ? `${h.values} real value${h.values === 1 ? '' : 's'} from it` : 'its contents'}.`,
    evidence: { location: 'env-file', file: h.path, what: h.what, ...(h.names ? { names: h.names } : {}), ...(h.values ? { values: h.values } : {}) },
    fix: [
      { text: `Rotate every credential in ${h.path} (each provider’s steps are in the findings above, where the scan recognised them).` },
      { text: `Stop tracking it and keep it out: git rm --cached ${h.path} and add it to .gitignore.`, value: `git rm --cached ${JSON.stringify(h.path)} && echo ${JSON.stringify(h.path)} >> .gitignore` },
      { text: 'Keep the values in your host’s environment settings (or a secret manager) and commit an .env.example with placeholder values instead.' },
    ],
  })
}

export interface Ignore {
  fingerprint: string
  reason: string
}

export interface FindingOptions {
  /** The repository, as the passing findings name it. */
  repoLabel: string
  ignores?: readonly Ignore[]
}

const passFinding = (checkId: string, target: string, title: string, summary: string, evidence: Record<string, unknown>) => makeFinding(checkId, target, 'pass', { title, summary, evidence })

/** Every secrets.* finding of a local repository scan (site checks are the site scan's). */
export function repoFindings(r: RepoScanResult, opts: FindingOptions): Finding[] {
  const label = opts.repoLabel
  if (r.error) return ['secrets.repo', 'secrets.history', 'secrets.env-committed'].map((id) => errorFinding(id, label, r.error!))
  const ignored = new Map((opts.ignores ?? []).map((i) => [i.fingerprint, i.reason]))
  const kept = r.occurrences.filter((o) => !ignored.has(o.fingerprint))
  const ignoredCount = (id: string) => r.occurrences.filter((o) => o.checkId === id && ignored.has(o.fingerprint)).length
  const out: Finding[] = kept.map(occurrenceFinding)
  const has = (id: string) => kept.some((o) => o.checkId === id && o.kind !== 'public')
  const skippedNote = r.files.skippedCount ? ` ${r.files.skippedCount} file${r.files.skippedCount === 1 ? ' was' : 's were'} skipped (binary or over 2 MB; listed in the evidence).` : ''
  if (!has('secrets.repo'))
    out.push(passFinding('secrets.repo', label, 'No credentials in the code', `${r.files.scanned} file${r.files.scanned === 1 ? '' : 's'} in the working tree were read and none holds a credential.${skippedNote}`, { location: 'tree', filesScanned: r.files.scanned, skipped: r.files.skipped, skippedCount: r.files.skippedCount, ignored: ignoredCount('secrets.repo') }))
  if (r.envFiles.length) out.push(...r.envFiles.map(envFileFinding))
  else out.push(passFinding('secrets.env-committed', label, 'No .env or credential file is committed', r.git ? 'No tracked file is an environment file with real values or a tool’s credential file.' : 'No file in the folder is an environment file with real values or a tool’s credential file.', { location: 'env-file', git: r.git }))
  if (r.historySkipped || (!r.git && !r.historyError)) {
    const why = r.historySkipped ? 'The history scan was turned off for this run (--no-history).' : 'This folder is not a git repository, so it has no history to read. If the code lives in git elsewhere, scan that clone.'
    out.push(makeFinding('secrets.history', label, 'skipped', { title: 'History not scanned', summary: why, evidence: { location: 'history', git: r.git } }))
  } else if (r.historyError || !r.history) {
    out.push(errorFinding('secrets.history', label, r.historyError ?? 'The history could not be read.', 0, { location: 'history' }))
  } else if (!has('secrets.history')) {
    const h = r.history
    const shallow = h.shallow ? ' This is a shallow clone, so older commits are not here to read: scan a full clone (git fetch --unshallow) to be sure.' : ''
    out.push(
      makeFinding('secrets.history', label, h.shallow ? 'warn' : 'pass', {
        title: h.shallow ? 'No credentials in the history this clone has' : 'No credentials in the code history',
        summary: `${h.commits} commit${h.commits === 1 ? '' : 's'} on every branch and tag (${h.merges} merge${h.merges === 1 ? '' : 's'}) were read, deleted files included, and none added a credential.${shallow}`,
        severity: h.shallow ? 'medium' : undefined,
        evidence: { location: 'history', commits: h.commits, merges: h.merges, patches: h.patches, shallow: h.shallow, skipped: h.skipped, skippedCount: h.skippedCount, ignored: ignoredCount('secrets.history') },
      }),
    )
  } else if (r.history.shallow) {
    out.push(makeFinding('secrets.history', `${label} (shallow clone)`, 'warn', { title: 'This is a shallow clone', summary: 'Older commits are not in this clone, so they were not read: scan a full clone (git fetch --unshallow) to be sure there is nothing more.', severity: 'medium', evidence: { location: 'history', shallow: true, commits: r.history.commits } }))
  }
  if (r.build) out.push(...buildFindings(r, label, kept))
  return out
}

function buildFindings(r: RepoScanResult, label: string, kept: readonly Occurrence[]): Finding[] {
  const b = r.build!
  const out: Finding[] = []
  const maps = b.problems.filter((p) => p.what === 'source-map')
  const debug = b.problems.filter((p) => p.what === 'debug')
  if (maps.length)
    out.push(
      makeFinding('secrets.build-output', `${b.dirs.join(', ')} (source maps)`, 'fail', {
        title: `The production build ships ${maps.length} source map${maps.length === 1 ? '' : 's'}`,
        summary: 'Deployed as they are, they hand anyone your original source code, comments included.',
        evidence: { location: 'build', dirs: b.dirs, files: maps.slice(0, 50).map((m) => m.file), count: maps.length },
        fix: [
          { text: 'Turn public source maps off for production builds: Vite build.sourcemap: false (or "hidden"), webpack devtool: false (or "hidden-source-map"), Next.js productionBrowserSourceMaps: false.' },
          { text: 'If your error tracker needs them, upload them to it during the build and delete them before deploying.' },
        ],
      }),
    )
  if (debug.length)
    out.push(
      makeFinding('secrets.build-output', `${b.dirs.join(', ')} (debug build)`, 'fail', {
        title: 'The build is a development build',
        summary: `${debug.map((d) => d.detail).join('; ')} (in ${debug[0]!.file}). Development builds are slower and show internal details.`,
        severity: 'medium',
        evidence: { location: 'build', problems: debug },
        fix: [{ text: 'Build with NODE_ENV=production (npm run build does this for Vite, Next.js and Create React App; check your build script does not override it).' }],
      }),
    )
  if (!maps.length && !debug.length && !kept.some((o) => o.checkId === 'secrets.build-output' && o.kind !== 'public'))
    out.push(passFinding('secrets.build-output', b.dirs.join(', ') || label, 'The build output is clean', `${b.files} file${b.files === 1 ? '' : 's'} in ${b.dirs.join(', ')}: no source maps, no credentials, built for production.`, { location: 'build', dirs: b.dirs, files: b.files }))
  return out
}

/** Reads a `.launchready-ignore` file: one fingerprint per line, `#` starts the reason (or a comment line). */
export function parseIgnoreFile(text: string): Ignore[] {
  const out: Ignore[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const [fp = '', ...rest] = line.split('#')
    const fingerprint = fp.trim()
    if (/^[0-9a-f]{16}$|^file:.+/.test(fingerprint)) out.push({ fingerprint, reason: rest.join('#').trim() || 'listed in .launchready-ignore' })
  }
  return out
}
