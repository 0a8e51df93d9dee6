/**
 * The watch's desktop side: notifications, waking from sleep (powerMonitor
 * resume → the gap is unknown and every URL is checked at once), a tray icon
 * that keeps the app (and its watch) running with the window closed, and the
 * start-at-login setting.
 */
import { app, BrowserWindow, Menu, Notification, Tray, nativeImage, powerMonitor } from 'electron'
import { join } from 'node:path'
import type { Services } from '../services/handlers'
import { setLinuxAutostart } from '../services/autostart'

export async function notify(title: string, body: string): Promise<boolean> {
  if (!Notification.isSupported()) return false
  new Notification({ title, body }).show()
  return true
}

let tray: Tray | undefined

export function watchDesktop(services: Services, openWindow: () => void): void {
  powerMonitor.on('resume', () => services.monitor.resumed())
  powerMonitor.on('unlock-screen', () => services.monitor.resumed())
  const icon = nativeImage.createFromPath(join(__dirname, '../../resources/icon.png')).resize({ width: 18, height: 18 })
  tray = new Tray(icon)
  tray.setToolTip('Launch Ready — watching your sites')
  tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Open Launch Ready', click: () => (BrowserWindow.getAllWindows()[0]?.show() ?? openWindow()) }, { type: 'separator' }, { label: 'Quit (stops the watch)', click: () => app.quit() }]))
}

/** Whether closing the last window should keep the app running: a watch is on. */
export const keepRunning = (services: Services | undefined): boolean => (services?.monitor.watching() ?? 0) > 0

export function applyStartAtLogin(on: boolean): void {
  if (process.platform === 'linux') setLinuxAutostart(on, process.execPath)
  else app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true })
}
