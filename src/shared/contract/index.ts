import type { ApiOf, ChannelDef, EventDef, InputOf, OutputOf, ParsedInputOf, PayloadOf } from './define'
import { appChannels, appEvents } from './app'
import { projectChannels } from './projects'
import { vaultChannels } from './vault'
import { runsChannels, runsEvents } from './runs'
import { emailChannels, emailEvents } from './email'
import { perfChannels, perfEvents } from './perf'
import { reportChannels, reportEvents } from './report'
import { secretsChannels } from './secrets'
import { dbChannels, dbEvents } from './db'
import { deployChannels } from './deploy'
import { monitorChannels, monitorEvents } from './monitor'

/** Every renderer -> main call. Main registers a handler for each; the preload exposes each. */
export const channels = {
  ...appChannels,
  ...projectChannels,
  ...vaultChannels,
  ...runsChannels,
  ...emailChannels,
  ...perfChannels,
  ...reportChannels,
  ...secretsChannels,
  ...dbChannels,
  ...deployChannels,
  ...monitorChannels,
} satisfies Record<string, ChannelDef>

/** Every main -> renderer event. */
export const events = {
  ...appEvents,
  ...runsEvents,
  ...emailEvents,
  ...perfEvents,
  ...reportEvents,
  ...dbEvents,
  ...monitorEvents,
} satisfies Record<string, EventDef>

export type Channels = typeof channels
export type Events = typeof events
export type ChannelName = keyof Channels
export type EventName = keyof Events
export type In<K extends ChannelName> = InputOf<Channels[K]>
export type ParsedIn<K extends ChannelName> = ParsedInputOf<Channels[K]>
export type Out<K extends ChannelName> = OutputOf<Channels[K]>
export type Payload<K extends EventName> = PayloadOf<Events[K]>
export type LaunchReadyApi = ApiOf<Channels, Events>

/** IPC channel names are namespaced so nothing else on ipcMain can collide. */
export const IPC_PREFIX = 'lr:'
