/**
 * npm run demo: a deliberately broken launch site, offline, on loopback only.
 * Starts the audit fixture (a local authoritative DNS server and HTTP/HTTPS
 * servers with a generated local CA, src/main/demo) and prints the exact
 * `npx launch-ready audit …` command to try, and how to point the app at it.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_DOMAIN as DOMAIN, startDemoSite } from '../src/main/demo'

// The demo universe with mail records: good.test is healthy, broken.test is not (the app's embedded demo is the same).
const site = await startDemoSite()
const { web, dns, caFile } = site
const portMap = site.portMapSpec
// Everything here lives on 127.0.0.1, which dns.private-address rightly flags; the healthy twin accepts that one risk.
const goodConfig = join(site.dir, 'good-test.json')
writeFileSync(goodConfig, `${JSON.stringify({ acceptedRisks: { 'dns.private-address@good.test': 'The offline demo runs on 127.0.0.1.' } }, null, 2)}\n`)

const cmd = `npx launch-ready audit ${DOMAIN} --dns-server ${dns.server} --ca-file ${caFile} --port-map ${portMap}`
process.stdout.write(`
Launch Ready offline demo: a deliberately broken launch at ${DOMAIN}
Everything runs on this computer (127.0.0.1); nothing touches the internet.

  DNS server   ${dns.server}   (port 53 of the name servers maps to it)
  HTTP         127.0.0.1:${web.httpPort}   (stands in for port 80)
  HTTPS        127.0.0.1:${web.httpsPort}  (stands in for port 443)
  Local CA     ${caFile}

Try the audit in another terminal:

  ${cmd}

Add --json for machine-readable output. The healthy twin is good.test (its config
accepts the one thing no offline site can pass: its addresses are 127.0.0.1):

  npx launch-ready audit good.test --dns-server ${dns.server} --ca-file ${caFile} --port-map ${portMap} --config ${goodConfig}

In the app, an empty project list offers “Try it on the offline demo”, which
starts this same site inside the app and opens a project pointed at it.

Press Ctrl+C to stop the demo.
`)

let closing = false
const stop = async () => {
  if (closing) return
  closing = true
  await site.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
