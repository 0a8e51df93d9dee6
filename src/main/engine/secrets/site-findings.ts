/** secrets.bundle and secrets.sourcemaps from a site scan (site.ts). */
import type { Finding } from '../../../shared/model'
import { errorFinding, makeFinding } from '../finding'
import { occurrenceFinding, type Ignore } from './findings'
import type { SiteScan } from './site'

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`)

export function siteFindings(s: SiteScan, host: string, opts: { ignores?: readonly Ignore[]; want: (id: string) => boolean }): Finding[] {
  const out: Finding[] = []
  const pagesRead = s.pages.filter((p) => p.status !== undefined && p.status < 400)
  if (!pagesRead.length) {
    const why = s.pages.map((p) => `${p.url}: ${p.error ?? `answered ${p.status}`}`).join('; ') || 'no page to read'
    for (const id of ['secrets.bundle', 'secrets.sourcemaps']) if (opts.want(id)) out.push(errorFinding(id, host, `The site’s pages could not be read, so its scripts were not checked (${why}).`))
    return out
  }
  const limits = s.limits.length ? ` Not everything was read: ${s.limits.slice(0, 3).join('; ')}.` : ''
  if (opts.want('secrets.bundle')) {
    const ignored = new Set((opts.ignores ?? []).map((i) => i.fingerprint))
    const kept = s.occurrences.filter((o) => !ignored.has(o.fingerprint))
    out.push(...kept.map(occurrenceFinding))
    if (!kept.some((o) => o.kind !== 'public'))
      out.push(
        makeFinding('secrets.bundle', host, 'pass', {
          title: 'No credentials in the JavaScript your site serves',
          summary: `${pagesRead.length} page${pagesRead.length === 1 ? '' : 's'}, ${s.inlineScripts} inline script${s.inlineScripts === 1 ? '' : 's'}, ${s.scripts.length} script file${s.scripts.length === 1 ? '' : 's'} (${kb(s.bytes)}) and ${s.maps.length} source map${s.maps.length === 1 ? '' : 's'} were read; none holds a secret key.${limits}`,
          evidence: { location: 'site', pages: s.pages, scripts: s.scripts.slice(0, 100).map((x) => x.url), scriptCount: s.scripts.length, bytes: s.bytes, limits: s.limits, ignored: s.occurrences.length - kept.length },
        }),
      )
  }
  if (opts.want('secrets.sourcemaps')) {
    if (s.maps.length) {
      const withContent = s.maps.filter((m) => m.withContent > 0).length
      out.push(
        makeFinding('secrets.sourcemaps', host, 'fail', {
          title: `Your site serves ${s.maps.length} source map${s.maps.length === 1 ? '' : 's'} to anyone`,
          summary: `${withContent ? `${withContent} of them include${withContent === 1 ? 's' : ''} your original source code, comments included` : 'They map the minified code back to your file names and structure'}: anyone can read how the app works, and look for weak spots, in a readable form.`,
          evidence: { location: 'site', maps: s.maps.slice(0, 50), count: s.maps.length, notMaps: s.notMaps },
          fix: [
            { text: 'Stop publishing source maps: Vite build.sourcemap: false (or "hidden"), webpack devtool: false (or "hidden-source-map"), Next.js productionBrowserSourceMaps: false; with "hidden" the files exist but the scripts no longer point at them — delete them before deploying, or block *.map at your host or CDN.' },
            { text: 'If your error tracker needs them, upload them to it during the build (Sentry, Bugsnag and Rollbar all have a step for it) and keep them off the public site.' },
          ],
        }),
      )
    } else {
      out.push(
        makeFinding('secrets.sourcemaps', host, 'pass', {
          title: 'Source maps are not public',
          summary: `None of the ${s.scripts.length} script${s.scripts.length === 1 ? '' : 's'} read points at a source map, and no map is served beside them.${s.notMaps.length ? ` ${s.notMaps.length} declared map${s.notMaps.length === 1 ? ' is' : 's are'} not readable as one (listed in the evidence).` : ''}${limits}`,
          evidence: { location: 'site', scripts: s.scripts.length, notMaps: s.notMaps, limits: s.limits },
        }),
      )
    }
  }
  return out
}
