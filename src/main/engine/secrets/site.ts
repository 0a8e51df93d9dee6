/**
 * What the live site hands every visitor: the HTML of its main page and
 * critical pages, their inline scripts, every script they load from the
 * project's own hosts, the chunks those scripts import (static and dynamic
 * imports, Vite's dependency lists, webpack's chunk maps), and the source maps
 * behind them — declared (`sourceMappingURL`, the SourceMap header) or simply
 * served beside the script. A map's `sourcesContent` is scanned too: code
 * commented out in the source survives there and nowhere else. Bounded in
 * scripts, bytes and time; whatever the bounds cut is reported.
 */
import type { SuiteContext } from '../types'
import { pageResources } from '../web/html'
import { getFollowing } from '../web/follow'
import { header } from '../web/http-client'
import { errMsg, inDomain, opTimeout } from '../web/util'
import { scanText } from './detect'
import { mergeOccurrences, toOccurrence, type Occurrence } from './occurrence'

export const SITE_LIMITS = { scripts: 200, bytes: 20 * 1024 * 1024, scriptBytes: 5 * 1024 * 1024, concurrency: 6 } as const

export interface SourceMapSeen {
  url: string
  /** The script it belongs to. */
  script: string
  /** How it was found. */
  how: 'comment' | 'header' | 'beside' | 'inline'
  sources: number
  withContent: number
}

export interface SiteScan {
  pages: { url: string; status?: number; error?: string }[]
  scripts: { url: string; bytes: number; from: string }[]
  inlineScripts: number
  maps: SourceMapSeen[]
  occurrences: Occurrence[]
  bytes: number
  /** What the bounds or errors cut short, in plain words. */
  limits: string[]
  notMaps: { url: string; reason: string }[]
}

const INLINE = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi
const DYNAMIC = /\bimport\s*\(\s*["'`]([^"'`\s]+)["'`]\s*\)/g
const STATIC = /\b(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"'\s]+\.m?js)["']/g
const LITERAL_JS = /["'`]((?:\.{1,2}\/|\/)?(?:[\w@~-]+\/)*[\w@~.-]+\.m?js)["'`]/g
const VITE_DEPS = /__vite__mapDeps\s*=\s*\([^)]*?\)\s*=>[^[]*\[|m\.f\s*\|\|\s*\(m\.f\s*=\s*\[/
const WEBPACK_MAP = /["']([\w/.-]*)["']\s*\+\s*(?:\(\s*\{([^{}]*)\}\s*\[\s*\w+\s*\]\s*\|\|\s*\w+\s*\)|\w+)\s*\+\s*["']([.\w-]*)["']\s*\+\s*\{([^{}]{1,200000})\}\s*\[\s*\w+\s*\]\s*\+\s*["']([\w.-]*\.js)["']/g
const MAP_ENTRY = /["']?([\w-]+)["']?\s*:\s*["']([\w.-]+)["']/g
const PUBLIC_PATH = /\.p\s*=\s*["']([^"']*)["']/
const MAP_COMMENT = /[#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/)?\s*$/

/** Chunk paths a script refers to, resolved against the script (and the bundler's public path). */
export function chunkUrls(body: string, scriptUrl: string): string[] {
  const out = new Set<string>()
  const add = (raw: string, base = scriptUrl) => {
    try {
      out.add(new URL(raw, base).href)
    } catch {
      /* not an address */
    }
  }
  for (const m of body.matchAll(DYNAMIC)) add(m[1]!)
  for (const m of body.matchAll(STATIC)) add(m[1]!)
  const origin = new URL(scriptUrl).origin
  const publicPath = PUBLIC_PATH.exec(body)?.[1]
  const root = publicPath !== undefined ? new URL(publicPath || '/', origin).href : `${origin}/`
  // Bare literals ("assets/x.js", "static/chunks/y.js") are relative to the bundler's public path, not the script.
  if (VITE_DEPS.test(body) || publicPath !== undefined || /__webpack_require__|webpackChunk/.test(body))
    for (const m of body.matchAll(LITERAL_JS)) add(m[1]!, m[1]!.startsWith('./') || m[1]!.startsWith('../') ? scriptUrl : root)
  // webpack's runtime: "static/js/" + ({7:"vendors"}[id] || id) + "." + {7:"0a1b2c3d"}[id] + ".chunk.js"
  for (const m of body.matchAll(WEBPACK_MAP)) {
    const [, prefix, names, sep, map, suffix] = m
    const nameOf = new Map([...(names ?? '').matchAll(MAP_ENTRY)].map((e) => [e[1]!, e[2]!]))
    for (const e of map!.matchAll(MAP_ENTRY)) add(`${prefix}${nameOf.get(e[1]!) ?? e[1]}${sep}${e[2]}${suffix}`, root)
  }
  return [...out]
}

interface MapJson {
  version?: unknown
  mappings?: unknown
  sections?: unknown
  sources?: unknown
  sourcesContent?: unknown
}

function parseMap(text: string): MapJson | string {
  let j: unknown
  try {
    j = JSON.parse(text.replace(/^\)\]\}'[^\n]*\n/, ''))
  } catch (e) {
    return `not JSON (${errMsg(e).slice(0, 80)})`
  }
  if (!j || typeof j !== 'object' || (j as MapJson).version === undefined || ((j as MapJson).mappings === undefined && (j as MapJson).sections === undefined)) return 'JSON, but not a source map (no version and mappings)'
  return j as MapJson
}

export async function scanSite(ctx: SuiteContext, pageUrls: readonly string[], timeoutMs: number, onText?: (url: string, text: string) => void): Promise<SiteScan> {
  const apex = ctx.target.domain
  const scan: SiteScan = { pages: [], scripts: [], inlineScripts: 0, maps: [], occurrences: [], bytes: 0, limits: [], notMaps: [] }
  const found: Occurrence[] = []
  const queued = new Set<string>()
  const queue: { url: string; from: string }[] = []
  const own = (u: string) => {
    try {
      const x = new URL(u)
      return (x.protocol === 'https:' || x.protocol === 'http:') && inDomain(x.hostname, apex)
    } catch {
      return false
    }
  }
  const enqueue = (url: string, from: string) => {
    const clean = url.split('#')[0]!
    if (queued.has(clean) || !own(clean)) return
    if (queued.size >= SITE_LIMITS.scripts) {
      if (!scan.limits.some((l) => l.startsWith('stopped at'))) scan.limits.push(`stopped at ${SITE_LIMITS.scripts} scripts; the rest were not read`)
      return
    }
    queued.add(clean)
    queue.push({ url: clean, from })
  }
  const get = (url: string, max: number) => ctx.http.request({ url, timeoutMs: opTimeout(ctx, timeoutMs), signal: ctx.signal, maxBodyBytes: max })
  const budgetLeft = () => SITE_LIMITS.bytes - scan.bytes
  const scanBody = (text: string, url: string, via?: string) => {
    if (!via) onText?.(url, text)
    for (const h of scanText(text, via ?? new URL(url).pathname)) found.push(toOccurrence('secrets.bundle', 'site', h, { url, ...(via ? { via } : {}) }))
  }

  const mapJobs: Promise<void>[] = []
  /** Maps read or being read, by URL (a guessed one beside its script is shared with a declared one at the same address). */
  type MapRead = { seen?: SourceMapSeen; notMap?: string }
  const mapsTried = new Map<string, Promise<MapRead>>()
  const readMap = (mapUrl: string, script: string, how: SourceMapSeen['how']): Promise<MapRead> => {
    const had = mapsTried.get(mapUrl)
    if (had) {
      // The same address, now declared: the map was found the way the script says, and a declared one that is not a map is worth saying.
      if (how !== 'beside')
        void had.then((m) => {
          if (m.seen && m.seen.how === 'beside') m.seen.how = how
          if (m.notMap && !scan.notMaps.some((n) => n.url === mapUrl)) scan.notMaps.push({ url: mapUrl, reason: m.notMap })
        })
      return had
    }
    const job = readMapOnce(mapUrl, script, how)
    mapsTried.set(mapUrl, job)
    mapJobs.push(job.then(() => undefined))
    return job
  }
  const readMapOnce = async (mapUrl: string, script: string, how: SourceMapSeen['how']): Promise<MapRead> => {
    if (budgetLeft() <= 0) return {}
    let text: string
    if (mapUrl.startsWith('data:')) {
      const comma = mapUrl.indexOf(',')
      text = /;base64/.test(mapUrl.slice(0, comma)) ? Buffer.from(mapUrl.slice(comma + 1), 'base64').toString('utf8') : decodeURIComponent(mapUrl.slice(comma + 1))
      how = 'inline'
    } else {
      if (!own(mapUrl)) return {}
      try {
        const r = await get(mapUrl, Math.min(SITE_LIMITS.scriptBytes * 4, budgetLeft()))
        if (r.status !== 200) return {}
        text = Buffer.from(r.body).toString('utf8')
        scan.bytes += r.body.length
        if (r.truncated) scan.limits.push(`${mapUrl} is larger than the read limit; only its start was read`)
      } catch {
        return {}
      }
    }
    const map = parseMap(text)
    if (typeof map === 'string') {
      // A guessed address answering with the page (a single-page app's fallback) is not a map; a declared one is worth saying.
      if (how !== 'beside') scan.notMaps.push({ url: mapUrl.startsWith('data:') ? `${script} (inline map)` : mapUrl, reason: map })
      return { notMap: map }
    }
    const sources = Array.isArray(map.sources) ? map.sources.map(String) : []
    const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : []
    const seen: SourceMapSeen = { url: mapUrl.startsWith('data:') ? `${script} (inline map)` : mapUrl, script, how, sources: sources.length, withContent: contents.filter((c) => typeof c === 'string').length }
    scan.maps.push(seen)
    contents.forEach((c, i) => {
      if (typeof c === 'string') scanBody(c, mapUrl.startsWith('data:') ? script : mapUrl, sources[i] ?? `source ${i + 1}`)
    })
    return { seen }
  }

  let next = 0
  let active = 0
  const worker = async () => {
    for (;;) {
      if (next >= queue.length) return
      const item = queue[next++]!
      if (ctx.signal.aborted || ctx.clock.now() >= ctx.deadline) {
        if (!scan.limits.some((l) => l.startsWith('the time'))) scan.limits.push('the time limit ended the scan before every script was read')
        return
      }
      if (budgetLeft() <= 0) {
        if (!scan.limits.some((l) => l.startsWith('stopped after'))) scan.limits.push(`stopped after ${SITE_LIMITS.bytes / 1024 / 1024} MB of scripts; the rest were not read`)
        return
      }
      try {
        // A map served beside the script is asked for at the same time as the script, not after it.
        const beside = readMap(`${item.url.split('?')[0]}.map`, item.url, 'beside')
        const r = await get(item.url, Math.min(SITE_LIMITS.scriptBytes, budgetLeft()))
        void beside
        if (r.status !== 200) continue
        const type = header(r, 'content-type') ?? ''
        if (/text\/html/i.test(type)) continue // a missing chunk answered by the app's fallback page
        const body = Buffer.from(r.body).toString('utf8')
        scan.bytes += r.body.length
        scan.scripts.push({ url: item.url, bytes: r.body.length, from: item.from })
        if (r.truncated) scan.limits.push(`${item.url} is larger than ${SITE_LIMITS.scriptBytes / 1024 / 1024} MB; only its start was read`)
        scanBody(body, item.url)
        for (const u of chunkUrls(body, item.url)) enqueue(u, item.url)
        const declared = MAP_COMMENT.exec(body.slice(-4096))?.[1]
        const fromHeader = header(r, 'sourcemap') ?? header(r, 'x-sourcemap')
        if (declared) void readMap(declared.startsWith('data:') ? declared : new URL(declared, item.url).href, item.url, 'comment')
        if (fromHeader) void readMap(new URL(fromHeader, item.url).href, item.url, 'header')
        // New chunks get workers of their own while this one goes on.
        drain()
      } catch (e) {
        if (scan.limits.length < 20) scan.limits.push(`${item.url} could not be read: ${errMsg(e)}`)
      }
    }
  }
  const running: Promise<void>[] = []
  /** Starts workers for what is queued, up to the concurrency bound. */
  const drain = () => {
    while (active < SITE_LIMITS.concurrency && next < queue.length) {
      active++
      running.push(worker().finally(() => active--))
    }
  }

  // Every page at once, each feeding the script workers as it arrives; two entry points that settle on one page (apex → www) are read once.
  const pagesRead = new Set<string>()
  await Promise.all(
    pageUrls.map(async (page) => {
      try {
        const others = pageUrls.filter((p) => p !== page)
        const f = await getFollowing(ctx, page, timeoutMs, { maxBodyBytes: 2 * 1024 * 1024, ...(others.length ? { stopAt: others } : {}) })
        // An entry point that redirects to another page of the list is that page: read once, there.
        if (f.redirectTo && others.includes(f.redirectTo)) return
        if (pagesRead.has(f.url)) return
        pagesRead.add(f.url)
        scan.pages.push({ url: f.url, status: f.response.status })
        if (f.response.status >= 400) return
        const html = Buffer.from(f.response.body).toString('utf8')
        scan.bytes += html.length
        scanBody(html, f.url)
        for (const m of html.matchAll(INLINE)) if (m[1]!.trim()) scan.inlineScripts++
        for (const r of pageResources(html, f.url)) if (r.url && (r.tag === 'script' || (r.tag === 'link' && /\.m?js(?:$|\?)/.test(r.url)))) enqueue(r.url, f.url)
        drain()
      } catch (e) {
        scan.pages.push({ url: page, error: errMsg(e) })
      }
    }),
  )
  // Wait for every worker, including those started by others, and every map.
  for (let i = 0; i < running.length; i++) await running[i]
  while (mapJobs.length) await Promise.all(mapJobs.splice(0))
  scan.occurrences = mergeOccurrences(found)
  return scan
}
