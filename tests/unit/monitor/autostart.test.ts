/** Start at login on Linux: the XDG autostart entry is written and removed. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { autostartEntry, setLinuxAutostart } from '../../../src/main/services/autostart'

const dir = mkdtempSync(join(tmpdir(), 'lr-autostart-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('start at login (Linux)', () => {
  it('writes a desktop entry that starts the app hidden, and removes it', () => {
    const file = setLinuxAutostart(true, '/opt/Launch Ready/launch-ready', dir)
    expect(file).toBe(join(dir, 'autostart', 'launch-ready.desktop'))
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Launch Ready/launch-ready'))
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Launch Ready/launch-ready" --hidden')
    setLinuxAutostart(false, '/opt/Launch Ready/launch-ready', dir)
    expect(existsSync(file)).toBe(false)
  })
})
