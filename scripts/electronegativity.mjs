// `npm run security:electron`: runs Doyensec's electronegativity over the
// sources (it exits 0 whatever it finds), parses its CSV and fails on any HIGH
// or MEDIUM finding that is not in the reviewed list below. Reviewed entries
// are the ones electronegativity itself marks "review the use of" (manual
// review): they name a file, and a new use elsewhere fails until reviewed.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const electronVersion = (() => {
  try {
    return require('electron/package.json').version
  } catch {
    return '39.0.0'
  }
})()

/** check id -> file -> why it is safe. */
const REVIEWED = {
  PRELOAD_JS_CHECK: {
    'main/electron/window.ts': 'The preload is our own bundled file; it exposes only the contract-built task methods (src/preload/index.ts), never ipcRenderer.',
  },
  OPEN_EXTERNAL_JS_CHECK: {
    'main/electron/security.ts': 'shell.openExternal receives only safeExternalUrl(raw): parsed, http(s) only, no credentials.',
    'main/services/app.ts': 'ServiceContext.openExternal is called with safeExternalUrl(url) only.',
    'renderer/src/screens/wizard/Evidence.tsx': 'A contract call (app.openExternal); main parses and restricts the URL.',
  },
}

const dir = mkdtempSync(join(tmpdir(), 'lr-eneg-'))
const csv = join(dir, 'electronegativity.csv')
const run = spawnSync(process.execPath, [require.resolve('@doyensec/electronegativity/dist/index.js'), '-i', 'src', '-o', csv, '-r', '-v', 'false', '-e', electronVersion], {
  encoding: 'utf8',
})
let text
try {
  text = readFileSync(csv, 'utf8')
} catch {
  console.error(run.stdout, run.stderr)
  console.error('electronegativity wrote no report')
  process.exit(1)
}

/** Minimal CSV (quoted fields with "" escapes). */
function parseCsv(s) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field.trim())
      field = ''
    } else if (c === '\n') {
      row.push(field.trim())
      rows.push(row)
      row = []
      field = ''
    } else if (c !== '\r') field += c
  }
  if (field || row.length) rows.push([...row, field.trim()])
  return rows
}

const [header, ...rows] = parseCsv(text)
const col = (name) => header.findIndex((h) => h.trim() === name)
const findings = rows
  .filter((r) => r.length > 3)
  .map((r) => ({ check: r[col('issue')], severity: r[col('severity')], confidence: r[col('confidence')], file: r[col('filename')], location: r[col('location')] }))

const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM')
const reviewed = serious.filter((f) => REVIEWED[f.check]?.[f.file])
const open = serious.filter((f) => !REVIEWED[f.check]?.[f.file])
console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${reviewed.length} of them reviewed`)
for (const f of reviewed) console.log(`  reviewed  ${f.severity} ${f.check} ${f.file}:${f.location} — ${REVIEWED[f.check][f.file]}`)
for (const f of open) console.log(`  OPEN      ${f.severity} ${f.check} ${f.file}:${f.location}`)
if (open.length) {
  console.error(`${open.length} HIGH/MEDIUM electronegativity finding(s) need a fix.`)
  process.exit(1)
}
