#!/usr/bin/env node
/**
 * npm run refresh:takeover [-- --from FILE | --url URL]
 * Replaces src/main/engine/dnscheck/takeover/fingerprints.json with the
 * current can-i-take-over-xyz list (CC BY 4.0), where the network allows it,
 * or with a copy downloaded by hand (--from). The new file's shape is checked
 * first (every entry has a service, CNAME list, fingerprint and one of the
 * three verdicts); a file that fails is refused and the old one kept. The
 * README beside it records the source and the date.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { z } from 'zod'

const UPSTREAM = 'https://raw.githubusercontent.com/EdOverflow/can-i-take-over-xyz/master/fingerprints.json'
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'main', 'engine', 'dnscheck', 'takeover')
const { values } = parseArgs({ options: { from: { type: 'string' }, url: { type: 'string' } } })

const Entry = z.object({
  service: z.string().min(1),
  cname: z.array(z.string()),
  fingerprint: z.string(),
  nxdomain: z.boolean(),
  status: z.enum(['Vulnerable', 'Not vulnerable', 'Edge case']),
})

let text
let source
try {
  if (values.from) {
    text = readFileSync(values.from, 'utf8')
    source = `a copy read from ${values.from}`
  } else {
    const url = values.url ?? UPSTREAM
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000) })
    if (!res.ok) throw new Error(`${url} answered ${res.status}`)
    text = await res.text()
    source = url
  }
} catch (e) {
  console.error(`Could not get the list: ${e instanceof Error ? e.message : e}. The vendored copy is unchanged; pass --from FILE with a copy you downloaded.`)
  process.exit(1)
}

let list
try {
  list = z.array(Entry.passthrough()).min(20).parse(JSON.parse(text))
} catch (e) {
  console.error(`The new list does not have the expected shape, so the vendored copy is unchanged: ${e instanceof Error ? e.message.split('\n').slice(0, 6).join(' ') : e}`)
  process.exit(1)
}

const target = join(dir, 'fingerprints.json')
const before = JSON.parse(readFileSync(target, 'utf8'))
writeFileSync(`${target}.tmp`, `${JSON.stringify(list, null, 2)}\n`)
renameSync(`${target}.tmp`, target)
const readme = join(dir, 'README.md')
const note = `Last refreshed on ${new Date().toISOString().slice(0, 10)} from ${source}.`
const body = readFileSync(readme, 'utf8').replace(/\nLast refreshed on .*\n/, '\n')
writeFileSync(readme, `${body.trimEnd()}\n\n${note}\n`)
const count = (l, s) => l.filter((e) => e.status === s).length
console.log(`fingerprints.json: ${before.length} -> ${list.length} services (vulnerable ${count(list, 'Vulnerable')}, edge case ${count(list, 'Edge case')}, not vulnerable ${count(list, 'Not vulnerable')}). Run the tests before committing.`)
