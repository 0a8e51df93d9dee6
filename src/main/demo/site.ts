/**
 * The audit fixture universe (tests/fixtures/audit: loopback DNS + HTTP/HTTPS
 * with a local CA) with mail records for the healthy good.test and the broken
 * broken.test, and the CA written to a file for --ca-file / a project's caFile.
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAuditFixture, type AuditFixture } from './web-server'
import { startDnsServer, type DnsServer, type Zone, type ZoneRecord } from './dns-server'

/** Every web host at 127.0.0.1 (TTL 300), plus the extra records given. */
export function webZone(hosts: string[], extra: Record<string, ZoneRecord[]> = {}): Zone {
  const records: Record<string, ZoneRecord[]> = {}
  for (const h of hosts) records[h] = [{ type: 'A', data: '127.0.0.1', ttl: 300 }]
  for (const [k, v] of Object.entries(extra)) records[k] = [...(records[k] ?? []), ...v]
  return { records }
}

export interface Site {
  web: AuditFixture
  dns: DnsServer
  /** What the DNS server serves (change it with dns.setZone). */
  zone: Zone
  caFile: string
  dir: string
  /** `53:D,80:H,443:S` for --port-map (53: the authoritative name-server queries). */
  portMapSpec: string
  close(): Promise<void>
}

export async function startSite(): Promise<Site> {
  const web = await startAuditFixture()
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
  const soa = (d: string) => ({ type: 'SOA' as const, data: { mname: `ns1.${d}`, rname: `hostmaster.${d}`, serial: 2026010101 } })
  const zone = webZone(web.hosts, {
    'good.test': [soa('good.test'), { type: 'NS', data: 'ns1.good.test' }, { type: 'MX', data: { preference: 10, exchange: 'mx.good.test' } }, { type: 'TXT', data: 'v=spf1 mx -all' }],
    'ns1.good.test': [{ type: 'A', data: '127.0.0.1' }],
    'mx.good.test': [{ type: 'A', data: '127.0.0.1' }],
    '_dmarc.good.test': [{ type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@good.test' }],
    'default._domainkey.good.test': [{ type: 'TXT', data: `v=DKIM1; k=rsa; p=${p}` }],
    '_smtp._tls.good.test': [{ type: 'TXT', data: 'v=TLSRPTv1; rua=mailto:tls@good.test' }],
    'broken.test': [soa('broken.test'), { type: 'NS', data: 'ns1.broken.test' }, { type: 'MX', data: { preference: 10, exchange: 'mx.broken.test' } }, { type: 'TXT', data: 'v=spf1 +all' }],
    'ns1.broken.test': [{ type: 'A', data: '127.0.0.1' }],
    'mx.broken.test': [{ type: 'A', data: '127.0.0.1' }],
  })
  const dns = await startDnsServer(zone)
  const dir = mkdtempSync(join(tmpdir(), 'lr-site-'))
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, web.caPem)
  return {
    web,
    dns,
    zone,
    caFile,
    dir,
    portMapSpec: `53:${dns.port},80:${web.httpPort},443:${web.httpsPort}`,
    async close() {
      await Promise.allSettled([web.close(), dns.close()])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
