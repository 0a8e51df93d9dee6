// `npm start`: builds the app and opens it in Electron. Electron's binary is
// fetched on first start (npm does not run its install script). Where it
// cannot be had, or with `npm start -- --browser`, the same app opens in the
// browser shell instead (`launch-ready app`: the same services, contract and
// screens, on 127.0.0.1), and this says so in one line.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts })
const args = process.argv.slice(2)
const forceBrowser = args.includes('--browser')
const passOn = args.filter((a) => a !== '--browser')

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return { dir, bin: null }
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8'))
    return { dir, bin: existsSync(bin) ? bin : null }
  } catch {
    return { dir: null, bin: null }
  }
}

let bin = null
if (!forceBrowser) {
  const found = electronBinary()
  bin = found.bin
  if (!bin && found.dir) {
    console.log('Fetching the Electron runtime…')
    const env = { ...process.env }
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
    run(process.execPath, [join(found.dir, 'install.js')], { env, stdio: ['ignore', 'ignore', 'ignore'] })
    bin = electronBinary().bin
  }
}

// Quiet unless it fails: the bundler's size notes are for developers, not for someone starting the app.
const quiet = (cmd, cmdArgs) => {
  const r = run(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' })
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`)
    process.exit(r.status ?? 1)
  }
}
/** Whether out/ was built after the newest source change (then starting skips the build). */
function builtIsFresh() {
  const outputs = ['out/main/index.js', 'out/renderer/index.html', 'out/cli/launch-ready.mjs'].map((f) => join(root, f))
  if (!outputs.every((f) => existsSync(f))) return false
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs))
  const newest = (dir) => {
    let m = 0
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
    }
    return m
  }
  const sources = Math.max(newest(join(root, 'src')), ...['package.json', 'package-lock.json', 'electron.vite.config.ts'].map((f) => statSync(join(root, f)).mtimeMs))
  return built > sources
}
const fresh = builtIsFresh()
if (!fresh) quiet('npx', ['electron-vite', 'build'])

if (bin) {
  const preview = run('npx', ['electron-vite', 'preview', '--skipBuild'])
  process.exit(preview.status ?? 0)
}

console.log(forceBrowser ? 'Opening Launch Ready in your web browser (--browser).' : 'The Electron runtime could not be downloaded on this machine, so Launch Ready opens in your web browser instead.')
if (!fresh) quiet(process.execPath, [join(root, 'scripts', 'build-cli.mjs')])
const app = spawn(process.execPath, [join(root, 'bin', 'launch-ready.mjs'), 'app', ...passOn], { stdio: 'inherit', cwd: root })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => app.kill(sig))
app.on('exit', (code) => process.exit(code ?? 0))
