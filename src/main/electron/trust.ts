/** Which URLs are the app's own renderer (no electron import, so it is unit-tested in plain Node). */

/** Whether a frame URL is the app's own renderer: the built index.html file, or the dev server's origin. */
export function isAppUrl(raw: string, rendererUrl: string): boolean {
  try {
    const url = new URL(raw)
    const own = new URL(rendererUrl)
    if (own.protocol === 'file:') return url.protocol === 'file:' && url.pathname === own.pathname
    return url.origin === own.origin
  } catch {
    return false
  }
}
