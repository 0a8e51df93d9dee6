/** Serves one file of a built folder (the renderer): no path outside it, a content type by extension, nothing cached. */
import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

/** Answers a GET or HEAD for `pathname` from `dir` ('/' is index.html); 404 for anything missing or outside it. */
export function serveStatic(dir: string, pathname: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = {}): void {
  const root = resolve(dir)
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    path = '/'
  }
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  let size = -1
  if (file.startsWith(root + sep)) {
    try {
      const st = statSync(file)
      if (st.isFile()) size = st.size
    } catch {
      /* missing: 404 below */
    }
  }
  if (size < 0) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found.')
    return
  }
  res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file).pipe(res)
}
