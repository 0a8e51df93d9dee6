/**
 * The RFC 7208 suite, read once, and one vitest case per suite case: each
 * document's zone is served by its own loopback fixture DNS server, started
 * when the document's block starts and closed after it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, it } from 'vitest'
import YAML from 'yaml'
import { startDnsServer, type DnsServer } from '../../fixtures/dns/server'
import { suiteZone, type SuiteDoc, type SuiteTest } from './suite-zone'

const file = fileURLToPath(new URL('./rfc7208-tests.yml', import.meta.url))
export const SUITE_DOCS: SuiteDoc[] = YAML.parseAllDocuments(readFileSync(file, 'utf8'))
  .map((d) => d.toJS() as SuiteDoc | null)
  .filter((d): d is SuiteDoc => !!d && typeof d === 'object' && !!d.tests)

export function eachSuiteCase(run: (id: string, t: SuiteTest, server: DnsServer, doc: SuiteDoc) => Promise<void>): void {
  for (const doc of SUITE_DOCS) {
    describe(doc.description, () => {
      let server: DnsServer | undefined
      const ready = startDnsServer(suiteZone(doc)).then((s) => (server = s))
      afterAll(async () => {
        await server?.close()
      })
      for (const [id, t] of Object.entries(doc.tests)) it(id, async () => run(id, t, await ready, doc))
    })
  }
}
