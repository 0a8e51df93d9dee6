/**
 * Packaging without the Electron runtime (it cannot be downloaded here): the
 * electron-builder configuration validates against electron-builder's own
 * schema, names the targets of the three platforms and icons that exist, and
 * the files it packs are the built app — main with its workers, the preload,
 * the renderer — with native modules unpacked and no sources, tests or maps.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[]
  asarUnpack: string[]
  linux: { target: string[]; icon: string }
  mac: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
}

/** The include/exclude globs of `files`, the way electron-builder reads them (a leading ! excludes). */
function packed(files: string[], pathList: string[]): string[] {
  const toRe = (g: string) =>
    new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\\\{([^}]*)\\\}/g, (_m, alts: string) => `(${alts.split(',').join('|')})`).replace(/\*\*\//g, '(.*/)?').replace(/\*\*/g, '.*').replace(/\*/g, '[^/]*')}$`)
  const inc = files.filter((f) => !f.startsWith('!')).map(toRe)
  const exc = files.filter((f) => f.startsWith('!')).map((f) => toRe(f.slice(1)))
  return pathList.filter((p) => inc.some((r) => r.test(p)) && !exc.some((r) => r.test(p)))
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : [relative(root, p)]
  })
}

describe('electron-builder configuration', () => {
  it('validates against electron-builder’s own schema', async () => {
    const debug = { add() {}, isEnabled: false, data: {} }
    await expect(validateConfiguration(config as never, debug as never)).resolves.toBeUndefined()
    // And the schema really is checked: a misspelt key is refused.
    await expect(validateConfiguration({ ...config, appid: 'x' } as never, debug as never)).rejects.toThrow(/appid/)
  })

  it('builds AppImage and deb, dmg and NSIS, with icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config).toMatchObject({ appId: 'app.launchready.desktop', productName: 'Launch Ready' })
    expect(existsSync(join(root, config.mac.icon))).toBe(true)
    for (const n of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(root, config.linux.icon, `${n}x${n}.png`))).toBe(true)
    const png = readFileSync(join(root, config.mac.icon))
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512) // electron-builder needs 512 px or more to make .icns and .ico
  })

  it.skipIf(!existsSync(join(root, 'out/main/index.js')))('packs the built app (main, its workers, the preload, the renderer) and nothing from the sources', () => {
    const candidates = [...walk(join(root, 'out')), 'package.json', ...walk(join(root, 'src')).slice(0, 50), ...walk(join(root, 'tests')).slice(0, 50)]
    const files = packed(config.files, candidates)
    for (const f of ['out/main/index.js', 'out/main/perf-load-worker.js', 'out/main/report-pdf-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) expect(files, f).toContain(f)
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('tests/') || f.startsWith('out/cli/') || f.endsWith('.map'))).toEqual([])
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main).toBe('out/main/index.js')
  })

  it('unpacks the keychain’s native module from the asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/@napi-rs/keyring*/**', '**/*.node']))
    const native = readdirSync(join(root, 'node_modules/@napi-rs')).filter((n) => n.startsWith('keyring'))
    expect(native.length).toBeGreaterThan(1) // the JS package and this platform's prebuilt binary
  })
})
