/** Electron-backed effects for the services: file dialogs and the electron-store document backend. */
import { BrowserWindow, dialog } from 'electron'
import Store from 'electron-store'
import type { Dialogs } from '../services/context'
import { confOptions, wrapConf, type DocFileFactory } from '../store/backend'

export const electronDialogs: Dialogs = {
  async chooseSavePath({ title, defaultName, extensions }) {
    const win = BrowserWindow.getFocusedWindow()
    const opts = { title, defaultPath: defaultName, filters: [{ name: 'Launch Ready', extensions }] }
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts)
    return r.canceled || !r.filePath ? null : r.filePath
  },
  async chooseOpenPath({ title, extensions }) {
    const win = BrowserWindow.getFocusedWindow()
    const opts = { title, properties: ['openFile' as const], filters: [{ name: 'Launch Ready', extensions }] }
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  },
  async chooseFolder({ title }) {
    const win = BrowserWindow.getFocusedWindow()
    const opts = { title, properties: ['openDirectory' as const] }
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  },
}

export const electronStoreFile: DocFileFactory = ({ dir, name }) =>
  wrapConf(new Store<Record<string, unknown>>({ cwd: dir, name, ...confOptions }) as unknown as { path: string; store: Record<string, unknown> })
