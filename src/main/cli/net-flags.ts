/**
 * The network flags every command that reaches a site shares: --dns-server,
 * --ca-file and --port-map, checked (a bad value is a UsageError naming the
 * flag) and wired into the engine's resolver and HTTP client.
 */
import { UsageError } from './types'
import { UserFacingError } from '../../shared/result'
import { parsePortMap, readCaFile, wireEngine } from '../engine/run/engine-deps'
import { parseServer } from '../engine/dns/client'

export interface NetFlagValues {
  'dns-server'?: string | boolean | (string | boolean)[]
  'ca-file'?: string | boolean | (string | boolean)[]
  'port-map'?: string | boolean | (string | boolean)[]
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

export function wireFromFlags(v: NetFlagValues, timeoutMs: number): ReturnType<typeof wireEngine> {
  const dns = str(v['dns-server'])
  const caFile = str(v['ca-file'])
  const pm = str(v['port-map'])
  if (dns) {
    try {
      parseServer(dns)
    } catch (e) {
      throw new UsageError(`--dns-server: ${(e as Error).message}`)
    }
  }
  let ca: string | undefined
  if (caFile) {
    try {
      ca = readCaFile(caFile)
    } catch (e) {
      throw new UsageError(e instanceof UserFacingError && !e.issues ? e.message : `cannot read the CA file ${caFile}`)
    }
  }
  let portMap: Record<number, number> | undefined
  if (pm) {
    try {
      portMap = parsePortMap(pm)
    } catch (e) {
      throw new UsageError(`--port-map: ${(e as Error).message}`)
    }
  }
  return wireEngine({ ...(dns ? { dnsServer: dns } : {}), ...(ca ? { extraCa: [ca] } : {}), ...(portMap ? { portMap } : {}), timeoutMs })
}
