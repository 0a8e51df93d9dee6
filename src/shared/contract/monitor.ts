/* Channels of the monitor area (Stage 6: the uptime watch, alerts, the ops view); see src/shared/contract/index.ts. */
import { z } from 'zod'
import { channel, event } from './define'
import { AlertChannel, MonitorUrl, type AlertDelivery, type Finding, type MonitorConfig } from '../model'

const ProjectId = z.string().min(1).max(100)

export interface OpsView {
  uptime: { day: number | null; week: number | null; month: number | null }
  p95Ms: number | null
  targetMs: number
  errorRate: number | null
  queue: { connected: false } | { connected: true; value: string; url: string; at: number }
  series: { t: number; p95Ms: number | null }[]
  strips: { url: string; hours: (number | null)[] }[]
  incidents: { url: string; start: number; end: number | null; cause: string }[]
  certs: { url: string; daysLeft: number }[]
  unknownMs: number
}

export interface MonitorState {
  config: MonitorConfig
  /** What is (or would be) watched: the configured URLs, or the suggested ones. */
  urls: z.infer<typeof MonitorUrl>[]
  suggested: boolean
  running: boolean
  ops: OpsView
}

export const monitorChannels = {
  'monitor.get': channel<MonitorState>()(z.object({ projectId: ProjectId })),
  'monitor.save': channel<MonitorState>()(
    z.object({
      projectId: ProjectId,
      config: z.object({ urls: z.array(MonitorUrl).max(100).optional(), failuresToDown: z.number().int().min(1).max(10).optional(), channels: z.array(AlertChannel).max(20).optional(), startAtLogin: z.boolean().optional(), hosted: z.array(z.object({ provider: z.enum(['uptimerobot', 'betterstack']), credential: z.string().min(1).max(100) })).max(4).optional(), errorTracking: z.object({ tool: z.string().max(120), link: z.string().max(2048).default('') }).optional() }),
    }),
  ),
  /** Starts the watch in the main process (it keeps running with the window closed). */
  'monitor.start': channel<MonitorState>()(z.object({ projectId: ProjectId })),
  'monitor.stop': channel<MonitorState>()(z.object({ projectId: ProjectId })),
  /** Sends a test alert on one channel and records the delivery or the exact error. */
  'monitor.testAlert': channel<AlertDelivery>()(z.object({ projectId: ProjectId, channelId: z.string().min(1).max(100) })),
  'monitor.checkNow': channel<MonitorState>()(z.object({ projectId: ProjectId })),
  /** monitor.uptime and monitor.alerts, recorded as a run. */
  'monitor.coverage': channel<Finding[]>()(z.object({ projectId: ProjectId })),
}

export const monitorEvents = {
  'monitor.event': event(z.object({ projectId: z.string(), type: z.string(), url: z.string().optional(), state: z.string().optional() })),
}
