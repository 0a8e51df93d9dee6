/**
 * The preload: builds `window.launchReady` from the shared contract, one
 * task-level method per channel and one `onX` per event, over ipcRenderer.
 * Nothing else crosses: no generic invoke/send/on, no ipcRenderer itself.
 * Bundled into one CommonJS file so the window's sandbox stays on.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { z } from 'zod'
import { buildApi, type Transport } from '../shared/contract/api'
import { IPC_PREFIX } from '../shared/contract'
import type { Result } from '../shared/result'

z.config({ jitless: true })

const transport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const wrapped = (_e: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(`${IPC_PREFIX}evt:${event}`, wrapped)
    return () => {
      ipcRenderer.removeListener(`${IPC_PREFIX}evt:${event}`, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('launchReady', buildApi(transport))
