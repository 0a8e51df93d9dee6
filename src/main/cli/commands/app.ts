/**
 * `launch-ready app`: the app in a browser, for machines where Electron cannot
 * run. The desktop app's services, contract and renderer behind the browser
 * shell (src/main/shell/server.ts), on the desktop app's data folder and
 * keychain, so a project made in one opens in the other.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCommand } from '../args'
import { registerCommand } from '../main'
import { createServices } from '../../services/handlers'
import { startBrowserShell } from '../../shell/server'
import { promptDialogs } from '../../shell/dialogs'

const USAGE = 'launch-ready app [--port N] [--data-dir DIR] [--no-open]'
const HELP = `${USAGE}

Opens Launch Ready in your web browser instead of its own window: the same
screens, checks, keychain and data folder as the desktop app, served on
127.0.0.1 only. It prints the address to open (it signs one browser in, once)
and keeps running until you stop it with Ctrl+C.

  --port N         listen on this port (default: a free one)
  --data-dir DIR   the app's data folder (default: the desktop app's)
  --no-open        do not open the browser (BROWSER=none does the same)
`

/** The desktop app's data folder, as Electron names it (userData for the app name launch-ready). */
export function desktopDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.LAUNCH_READY_DATA_DIR) return env.LAUNCH_READY_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'launch-ready')
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'launch-ready')
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'launch-ready')
}

/** The built renderer: out/renderer beside the CLI bundle, or in the project folder above the sources. */
export function rendererDir(from = dirname(fileURLToPath(import.meta.url))): string | null {
  if (process.env.LAUNCH_READY_RENDERER_DIR) return process.env.LAUNCH_READY_RENDERER_DIR
  let dir = from
  for (let i = 0; i < 6; i++) {
    for (const c of [join(dir, 'renderer'), join(dir, 'out', 'renderer')]) if (existsSync(join(c, 'index.html'))) return c
    dir = resolve(dir, '..')
  }
  return null
}

/** Opens a URL in the system browser when there is one; never fails the app when there is none. */
function openBrowser(url: string, log: (m: string) => void): void {
  const cmd = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url]
  try {
    const p = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true })
    p.on('error', () => log('No web browser could be opened here: open the address above yourself.'))
    p.unref()
  } catch {
    log('No web browser could be opened here: open the address above yourself.')
  }
}

export async function runApp(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const parsed = parseCommand('app', argv, { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean' } }, { help: HELP }, out, err)
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  const port = v.port === undefined ? 0 : Number(v.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err.write(`launch-ready app: --port must be a port number (0 to 65535)\n\n${USAGE}\n`)
    return 2
  }
  const renderer = rendererDir()
  if (!renderer) {
    err.write('launch-ready app: the app’s screens are not built yet. Run `npm run build` in the project folder (or `npm start`, which does it).\n')
    return 2
  }
  const dataDir = v['data-dir'] ? resolve(v['data-dir']) : desktopDataDir()
  const log = {
    warn: (m: string, d?: unknown) => err.write(`[launch-ready] ${m}${d ? ` ${typeof d === 'string' ? d : JSON.stringify(d)}` : ''}\n`),
    error: (m: string, d?: unknown) => err.write(`[launch-ready] ${m}${d ? ` ${typeof d === 'string' ? d : JSON.stringify(d)}` : ''}\n`),
  }
  const dialogs = { current: undefined as ReturnType<typeof promptDialogs> | undefined }
  const shell = await startBrowserShell({
    rendererDir: renderer,
    port,
    log,
    services: (emit) => {
      dialogs.current = promptDialogs((req) => emit('app.dialog', req))
      return createServices({
        dataDir,
        host: 'browser',
        version: process.env.npm_package_version ?? '0.1.0',
        dialogs: dialogs.current,
        openExternal: async (url) => openBrowser(url, (m) => log.warn(m)),
        emit,
        log,
      })
    },
  })
  out.write(`Launch Ready is running at ${shell.launchUrl}\n`)
  out.write(`Data folder: ${dataDir}. Stop it with Ctrl+C.\n`)
  if (!v['no-open'] && process.env.BROWSER !== 'none') openBrowser(shell.launchUrl, (m) => out.write(`${m}\n`))
  await new Promise<void>((done) => {
    const stop = () => done()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  dialogs.current?.cancelAll()
  await shell.close()
  out.write('Launch Ready stopped; everything is saved.\n')
  return 0
}

registerCommand({ name: 'app', usage: USAGE, summary: 'Open the app in your web browser (where the desktop window cannot run).', run: (argv) => runApp(argv) })
