/**
 * How the app and the CLI wire the engine for one audit: the wire-protocol
 * resolver (the project's DNS server, else the system's), the audit HTTP
 * client over that resolver, the extra CA (the project's CA file) and the
 * port map (the offline demo and fixtures serve http/https on loopback ports).
 */
import { readFileSync } from 'node:fs'
import type { Project } from '../../../shared/model'
import { UserFacingError } from '../../../shared/result'
import { createResolver } from '../dns/client'
import { createHttpClient } from '../web/http-client'
import { systemClock, type AuditTarget, type EngineDeps } from '../types'

export interface WiredEngine extends EngineDeps {
  /** Releases kept-alive connections once the run is over. */
  close(): void
}

export interface WireOptions {
  /** `host[:port]`; absent: the system's resolvers. */
  dnsServer?: string
  /** PEM text of extra trust anchors. */
  extraCa?: string[]
  portMap?: Readonly<Record<number, number>>
  /** Per-request timeout, ms. */
  timeoutMs?: number
}

export function wireEngine(o: WireOptions): WiredEngine {
  const resolver = createResolver({ ...(o.dnsServer ? { servers: [o.dnsServer] } : {}), ...(o.timeoutMs ? { timeoutMs: Math.min(o.timeoutMs, 3000) } : {}) })
  const http = createHttpClient({
    resolver,
    ...(o.extraCa?.length ? { extraCa: o.extraCa } : {}),
    ...(o.portMap ? { portMap: o.portMap } : {}),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  })
  return {
    resolver,
    http,
    clock: systemClock,
    ...(o.extraCa?.length ? { extraCa: o.extraCa } : {}),
    ...(o.portMap ? { portMap: o.portMap } : {}),
    close: () => http.close(),
  }
}

/** Reads a PEM CA file; the message says exactly what is wrong. */
export function readCaFile(path: string): string {
  let pem: string
  try {
    pem = readFileSync(path, 'utf8')
  } catch {
    throw new UserFacingError('ca-file', `We could not read the CA file ${path}. Check the path in the project settings.`, [{ path: 'caFile', message: 'unreadable' }])
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UserFacingError('ca-file', `${path} holds no PEM certificate (it should contain “-----BEGIN CERTIFICATE-----”).`)
  }
  return pem
}

/**
 * `80:18080,443:18443` -> { 80: 18080, 443: 18443 }. Used by the CLI's
 * --port-map and the LAUNCH_READY_PORT_MAP variable (offline demo, staging).
 */
export function parsePortMap(spec: string): Record<number, number> {
  const out: Record<number, number> = {}
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})[:=](\d{1,5})$/.exec(part)
    const from = Number(m?.[1])
    const to = Number(m?.[2])
    if (!m || from < 1 || from > 65535 || to < 1 || to > 65535) throw new Error(`“${part}” is not a port mapping; write it as 443:18443`)
    out[from] = to
  }
  return out
}

/** The engine for a project: its DNS server, CA file and port map settings, and LAUNCH_READY_PORT_MAP when set. */
export function engineDepsFor(p: Pick<Project, 'dnsServer' | 'caFile' | 'portMap'>, o: { timeoutMs?: number; portMap?: Readonly<Record<number, number>> } = {}): WiredEngine {
  let portMap = o.portMap ?? (p.portMap ? parsePortMap(p.portMap) : undefined)
  const env = process.env.LAUNCH_READY_PORT_MAP
  if (!portMap && env) {
    try {
      portMap = parsePortMap(env)
    } catch (e) {
      throw new UserFacingError('port-map', `LAUNCH_READY_PORT_MAP is not valid: ${(e as Error).message}.`)
    }
  }
  return wireEngine({
    ...(p.dnsServer ? { dnsServer: p.dnsServer } : {}),
    ...(p.caFile ? { extraCa: [readCaFile(p.caFile)] } : {}),
    ...(portMap ? { portMap } : {}),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  })
}

/** What the engine audits for a project: everything it checks, plus the common subdomains by default. */
export function toAuditTarget(p: Project, o: { discoverCommonSubdomains?: boolean } = {}): AuditTarget {
  return {
    domain: p.domain,
    canonicalHost: p.canonicalHost,
    vertical: p.vertical,
    subdomains: p.subdomains,
    discoverCommonSubdomains: o.discoverCommonSubdomains ?? true,
    criticalFlows: p.criticalFlows,
    emailProviders: p.emailProviders,
    dkimSelectors: p.dkimSelectors,
    expectedDns: p.expectedDns,
    dnsProvider: p.dnsProvider,
    cdnProvider: p.cdnProvider,
    hostingProvider: p.hostingProvider,
    ...(p.repoPath ? { repoPath: p.repoPath } : {}),
    ...(p.buildDir ? { buildDir: p.buildDir } : {}),
    secretIgnores: p.secretIgnores.map(({ fingerprint, reason }) => ({ fingerprint, reason })),
    ...(p.monitor.errorTracking?.tool ? { errorTracking: { tool: p.monitor.errorTracking.tool, ...(p.monitor.errorTracking.link ? { link: p.monitor.errorTracking.link } : {}) } } : {}),
  }
}
