/** Finds the sub-resources a page loads (scripts, styles, images, frames, media) in its HTML. Tolerant, regex-based; enough for an audit. */

export interface PageResource {
  tag: string
  /** As written in the page. */
  raw: string
  /** Resolved against the page URL; null when invalid. */
  url: string | null
  /** Loaded as an active resource (script, style, frame) rather than passive (image, media). */
  active: boolean
}

const TAG = /<(script|link|img|iframe|source|video|audio|embed|object)\b([^>]*)>/gi
const ATTR = /([a-zA-Z-:]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of s.matchAll(ATTR)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? ''
  return out
}

function resolve(raw: string, base: string): string | null {
  try {
    return new URL(raw.trim(), base).href
  } catch {
    return null
  }
}

export function pageResources(html: string, pageUrl: string): PageResource[] {
  const out: PageResource[] = []
  // Comments can hold old markup that is never loaded.
  const clean = html.replace(/<!--[\s\S]*?-->/g, '')
  for (const m of clean.matchAll(TAG)) {
    const tag = m[1]!.toLowerCase()
    const a = attrs(m[2] ?? '')
    const push = (raw: string | undefined, active: boolean) => {
      if (!raw || raw.startsWith('data:') || raw.startsWith('#') || raw.startsWith('javascript:')) return
      out.push({ tag, raw, url: resolve(raw, pageUrl), active })
    }
    if (tag === 'link') {
      const rel = (a.rel ?? '').toLowerCase()
      if (/\b(stylesheet|preload|modulepreload|icon|manifest)\b/.test(rel)) push(a.href, rel.includes('stylesheet') || rel.includes('modulepreload'))
      continue
    }
    if (tag === 'object') {
      push(a.data, true)
      continue
    }
    push(a.src, tag === 'script' || tag === 'iframe' || tag === 'embed')
    if (a.srcset) for (const part of a.srcset.split(',')) push(part.trim().split(/\s+/)[0], false)
  }
  return out
}

/** Fingerprinted file names: a hash of 8+ hex or base-36 characters next to the extension (`app.3f9a7c1e.js`, `main-B2xQ9kLm.css`). */
export function isFingerprinted(url: string): boolean {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return false
  }
  const file = path.split('/').pop() ?? ''
  const m = /[._-]([0-9A-Za-z_-]{8,})\.(js|mjs|css|woff2?|png|jpe?g|gif|svg|webp|avif)$/.exec(file)
  // A hash mixes digits in; words like `.production.` do not.
  return !!m && /\d/.test(m[1]!) && (/^[0-9a-f]+$/.test(m[1]!) || /[A-Za-z]/.test(m[1]!))
}
