/**
 * Start at login. macOS and Windows: Electron's login-item setting (the shell
 * calls it). Linux: an XDG autostart entry (~/.config/autostart), written or
 * removed here, so the watch comes back after a reboot.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export function autostartEntry(exec: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Launch Ready', 'Comment=Keeps the uptime watch running', `Exec="${exec.replace(/"/g, '\\"')}" --hidden`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=false', ''].join('\n')
}

export function setLinuxAutostart(on: boolean, exec: string, configHome = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config')): string {
  const file = join(configHome, 'autostart', 'launch-ready.desktop')
  if (on) {
    mkdirSync(join(configHome, 'autostart'), { recursive: true })
    writeFileSync(file, autostartEntry(exec))
  } else if (existsSync(file)) rmSync(file)
  return file
}
