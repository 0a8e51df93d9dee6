// `npm start`: builds the app and opens it in Electron. Electron's binary is
// fetched on first start (npm does not run its install script); where it cannot
// be downloaded this says so and points at what still works without it.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts })

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

let { dir, bin } = electronBinary()
if (!bin && dir) {
  console.log('Fetching the Electron runtime (first start only)…')
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  run(process.execPath, [join(dir, 'install.js')], { env })
  bin = electronBinary().bin
}
if (!bin) {
  console.error(
    '\nThe Electron runtime is not installed and could not be downloaded on this machine.\n' +
      'Everything else works without it:\n' +
      '  npx launch-ready audit <domain>   the launch checks from the terminal\n' +
      '  npm run demo                      an offline broken-launch site to audit\n' +
      '  npm test                          every test, with the renderer in Chromium\n',
  )
  process.exit(1)
}
const build = run('npx', ['electron-vite', 'build'])
if (build.status !== 0) process.exit(build.status ?? 1)
const preview = run('npx', ['electron-vite', 'preview', '--skipBuild'])
process.exit(preview.status ?? 0)
