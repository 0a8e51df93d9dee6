import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serveStatic } from '../../../src/main/shell/static'

export interface StaticServer {
  url: string
  close(): Promise<void>
}

/** Serves a built directory on 127.0.0.1 at a random port. Nothing else. */
export async function startStaticServer(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => serveStatic(dir, new URL(req.url ?? '/', 'http://x').pathname, req, res))
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
