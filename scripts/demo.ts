/**
 * npm run demo: a deliberately broken launch site, offline, on loopback only.
 * Starts the audit fixture (a local authoritative DNS server and HTTP/HTTPS
 * servers with a generated local CA, from tests/fixtures) and prints the exact
 * `npx launch-ready audit …` command to try, and how to point the app at it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAuditFixture } from '../tests/fixtures/audit/server'
import { startDnsServer } from '../tests/fixtures/dns/server'
import { webZone } from '../tests/fixtures/audit/universe'

const DOMAIN = 'broken.test'

const web = await startAuditFixture()
// Every web host at 127.0.0.1, plus the broken site's mail records: an SPF that lets anyone send, no DMARC.
const zone = webZone(web.hosts, {
  [DOMAIN]: [
    { type: 'SOA', data: { mname: `ns1.${DOMAIN}`, rname: `hostmaster.${DOMAIN}`, serial: 2026010101 } },
    { type: 'NS', data: `ns1.${DOMAIN}` },
    { type: 'MX', data: { preference: 10, exchange: `mx.${DOMAIN}` } },
    { type: 'TXT', data: 'v=spf1 include:_spf.google.com +all' },
    { type: 'CAA', data: { tag: 'issue', value: 'letsencrypt.org' } },
  ],
  [`ns1.${DOMAIN}`]: [{ type: 'A', data: '127.0.0.1' }],
  [`mx.${DOMAIN}`]: [{ type: 'A', data: '127.0.0.1' }],
  [`old.${DOMAIN}`]: [{ type: 'CNAME', data: 'gone-app.herokuapp.test' }],
})
const dns = await startDnsServer(zone)
const dir = mkdtempSync(join(tmpdir(), 'launch-ready-demo-'))
const caFile = join(dir, 'demo-ca.pem')
writeFileSync(caFile, web.caPem)
const portMap = `80:${web.httpPort},443:${web.httpsPort}`

const cmd = `npx launch-ready audit ${DOMAIN} --dns-server ${dns.server} --ca-file ${caFile} --port-map ${portMap}`
process.stdout.write(`
Launch Ready offline demo: a deliberately broken launch at ${DOMAIN}
Everything runs on this computer (127.0.0.1); nothing touches the internet.

  DNS server   ${dns.server}
  HTTP         127.0.0.1:${web.httpPort}   (stands in for port 80)
  HTTPS        127.0.0.1:${web.httpsPort}  (stands in for port 443)
  Local CA     ${caFile}

Try the audit in another terminal:

  ${cmd}

Add --json for machine-readable output. The healthy twin is good.test:

  npx launch-ready audit good.test --dns-server ${dns.server} --ca-file ${caFile} --port-map ${portMap}

To point the app at it: start it with LAUNCH_READY_PORT_MAP=${portMap} npm start,
create a project for ${DOMAIN}, and in its settings set the DNS server to
${dns.server} and the CA file to ${caFile}.

Press Ctrl+C to stop the demo.
`)

let closing = false
const stop = async () => {
  if (closing) return
  closing = true
  await Promise.allSettled([web.close(), dns.close()])
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
