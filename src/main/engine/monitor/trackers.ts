/**
 * monitor.error-tracking: which error tracker the live site loads, read from
 * what its pages and scripts contain — script hosts, SDK init calls, DSN and
 * key shapes — and whether a release/version tag is set (errors you cannot
 * tie to a release are hard to act on). A founder's "we use X" (with a link)
 * is a configured answer.
 */
import type { Finding } from '../../../shared/model'
import { makeFinding } from '../finding'

interface Tracker {
  name: string
  signs: RegExp[]
  release: RegExp[]
}

const TRACKERS: Tracker[] = [
  { name: 'Sentry', signs: [/browser\.sentry-cdn\.com/, /https:\/\/[0-9a-f]{32}@[\w.-]*\.?(?:ingest\.)?(?:[a-z]{2}\.)?sentry\.io\/\d+/, /\bSentry\.init\s*\(/, /@sentry\/(?:browser|react|nextjs|vue)/, /sentry_key=/], release: [/\brelease\s*:\s*["'`][^"'`]+["'`]/, /SENTRY_RELEASE\s*=\s*\{[^}]*id\s*:\s*["'][^"']+/] },
  { name: 'Bugsnag', signs: [/d2wy8f7a9ursnm\.cloudfront\.net\/v\d+\/bugsnag/, /\bBugsnag\.start\s*\(/, /sessions\.bugsnag\.com|notify\.bugsnag\.com/], release: [/\bappVersion\s*:\s*["'`][^"'`]+/] },
  { name: 'Rollbar', signs: [/cdn\.rollbar\.com/, /\b_rollbarConfig\b/, /api\.rollbar\.com/, /\bRollbar\.init\s*\(/], release: [/code_version\s*:\s*["'`][^"'`]+/] },
  { name: 'Datadog RUM', signs: [/datadoghq-browser-agent\.com/, /\bDD_RUM\.init\s*\(|datadogRum\.init\s*\(/, /browser-intake-datadoghq\.(?:com|eu)/], release: [/\bversion\s*:\s*["'`][^"'`]+["'`][^)]{0,200}\bservice\s*:|\bservice\s*:[^)]{0,200}\bversion\s*:\s*["'`][^"'`]+/] },
  { name: 'LogRocket', signs: [/cdn\.(?:logrocket\.io|lr-ingest\.io|lr-in\.com)/, /\bLogRocket\.init\s*\(/], release: [/\brelease\s*:\s*["'`][^"'`]+/] },
  { name: 'Highlight', signs: [/\bH\.init\s*\(\s*["'`][a-z0-9]+["'`]/, /highlight\.run/, /pub\.highlight\.io/], release: [/\bversion\s*:\s*["'`][^"'`]+/] },
  { name: 'PostHog', signs: [/\bposthog\.init\s*\(/, /(?:us|eu)(?:-assets)?\.i\.posthog\.com|app\.posthog\.com/, /\bphc_[A-Za-z0-9]{30,}/], release: [/\$app_version|\bapp_version\s*:/] },
]

/** Whether a text sets the named tracker's release. */
export const releaseIn = (name: string, text: string): boolean => TRACKERS.find((t) => t.name === name)?.release.some((re) => re.test(text)) ?? false

export interface TrackerSeen {
  name: string
  where: string
  release: boolean
}

export function detectTrackers(texts: readonly { url: string; text: string }[]): TrackerSeen[] {
  const out: TrackerSeen[] = []
  for (const t of TRACKERS) {
    const hit = texts.find((x) => t.signs.some((re) => re.test(x.text)))
    if (!hit) continue
    out.push({ name: t.name, where: hit.url, release: texts.some((x) => t.release.some((re) => re.test(x.text))) })
  }
  return out
}

export function errorTrackingFinding(target: string, seen: readonly TrackerSeen[], configured?: { tool: string; link?: string }): Finding {
  if (seen.length) {
    const noRelease = seen.filter((s) => !s.release)
    return makeFinding('monitor.error-tracking', target, noRelease.length ? 'warn' : 'pass', {
      title: noRelease.length ? `${seen.map((s) => s.name).join(' and ')} catches errors, without a release tag` : `${seen.map((s) => s.name).join(' and ')} catches errors, with the release`,
      summary: noRelease.length ? `${noRelease.map((s) => s.name).join(', ')} is loaded (${noRelease[0]!.where}) but no release or version is set, so an error cannot be tied to the deploy that caused it.` : `The site loads ${seen.map((s) => `${s.name} (${s.where})`).join(', ')} and tags errors with the release.`,
      severity: noRelease.length ? 'low' : undefined,
      evidence: { trackers: seen },
      ...(noRelease.length ? { fix: [{ text: `Set the release when the SDK starts, from the build (e.g. Sentry.init({ release: process.env.NEXT_PUBLIC_COMMIT_SHA }), Bugsnag appVersion, Rollbar code_version, Datadog version).` }] } : {}),
    })
  }
  if (configured?.tool) return makeFinding('monitor.error-tracking', target, 'pass', { title: `Errors are tracked in ${configured.tool} (as you told us)`, summary: `Not visible in the page’s scripts (a server-side SDK, or loaded later), but you said ${configured.tool} catches them${configured.link ? `: ${configured.link}` : ''}.`, evidence: { configured } })
  return makeFinding('monitor.error-tracking', target, 'fail', {
    title: 'No error tracker found',
    summary: 'None of Sentry, Bugsnag, Rollbar, Datadog RUM, LogRocket, Highlight or PostHog is in the page or its scripts, so a customer’s crash reaches you only if they write in.',
    evidence: { looked: TRACKERS.map((t) => t.name) },
    fix: [{ text: 'Add an error tracker to the front end and the server (Sentry’s free plan is a common start), with the release set from your build; or, if one runs server-side only, say so in Stage 6.' }],
  })
}
