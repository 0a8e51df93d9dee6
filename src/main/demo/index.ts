/**
 * The offline demo: a deliberately broken launch at broken.test (and its
 * healthy twin good.test), served on loopback by a local authoritative DNS
 * server and HTTP/HTTPS servers with a generated local CA. `npm run demo`
 * prints how to audit it; the app's "Try it on the offline demo" starts it
 * in-process and points a project at it.
 */
import { startSite, type Site } from './site'

export const DEMO_DOMAIN = 'broken.test'

export interface DemoSite extends Site {
  /** The DNS server (`127.0.0.1:PORT`) that answers for the demo's names. */
  dnsServer: string
}

export async function startDemoSite(): Promise<DemoSite> {
  const site = await startSite()
  // One more launch mistake for the broken site: a record left pointing at a deleted app.
  site.dns.setZone({ ...site.zone, records: { ...site.zone.records, [`old.${DEMO_DOMAIN}`]: [{ type: 'CNAME', data: 'gone-app.herokuapp.test' }] } })
  return Object.assign(site, { dnsServer: site.dns.server })
}
