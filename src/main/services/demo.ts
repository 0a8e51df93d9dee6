/**
 * "Try it on the offline demo": main starts the loopback demo site
 * (src/main/demo) in-process, once per session, and keeps one demo project
 * pointed at it (its DNS server, a copy of its CA in the data folder, its port
 * map). The site's ports change every session, so a run of the demo project
 * starts the site again when needed and updates those settings first.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Project } from '../../shared/model'
import { DEMO_DOMAIN, startDemoSite, type DemoSite } from '../demo'
import type { ServiceContext } from './context'
import type { PartialHandlers } from './dispatch'

export interface DemoService {
  handlers: PartialHandlers<'projects.createDemo'>
  /** For a demo project: makes sure its site runs and its settings point at it. Other projects come back as they are. */
  refresh(p: Project): Promise<Project>
  close(): Promise<void>
}

export function createDemoService(ctx: ServiceContext, start: () => Promise<DemoSite> = startDemoSite): DemoService {
  let site: Promise<DemoSite> | undefined
  const ensure = () => {
    site ??= start().catch((e: unknown) => {
      site = undefined
      throw e
    })
    return site
  }
  const settings = async () => {
    const s = await ensure()
    const dir = join(ctx.dataDir, 'demo')
    mkdirSync(dir, { recursive: true })
    const caFile = join(dir, 'demo-ca.pem')
    writeFileSync(caFile, s.web.caPem)
    return { dnsServer: s.dnsServer, caFile, portMap: s.portMapSpec }
  }
  const refresh = async (p: Project): Promise<Project> => {
    if (!p.demo) return p
    const want = await settings()
    if (p.dnsServer === want.dnsServer && p.caFile === want.caFile && p.portMap === want.portMap) return p
    return ctx.projects.update(p.id, want)
  }
  return {
    refresh,
    handlers: {
      'projects.createDemo': async () => {
        const existing = ctx.projects
          .list()
          .map((s) => ctx.projects.get(s.id))
          .find((p) => p.demo)
        if (existing) return refresh(existing)
        const now = new Date().toISOString()
        return ctx.projects.create(
          Project.parse({
            id: randomUUID(),
            createdAt: now,
            updatedAt: now,
            name: 'Offline demo: Broken Launch',
            vertical: 'membership',
            domain: DEMO_DOMAIN,
            canonicalHost: 'auto',
            subdomains: [{ label: 'app', role: 'app' }],
            emailProviders: [],
            demo: true,
            ...(await settings()),
          }),
        )
      },
    },
    async close() {
      const s = site
      site = undefined
      if (s) await (await s.catch(() => undefined))?.close()
    },
  }
}
