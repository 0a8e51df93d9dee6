// Sums vitest's and Playwright's JSON reports into the one closing line CI reads.
import { existsSync, readFileSync } from 'node:fs'

const [vitestRc = '1', pwRc = '1'] = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0
const lines = []

if (existsSync('reports/vitest.json')) {
  const v = JSON.parse(readFileSync('reports/vitest.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  // A suite that failed to load counts as a failure even with no test inside.
  const brokenFiles = (v.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length
  failed += brokenFiles
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests + brokenFiles} failed, ${v.numPendingTests ?? 0} skipped`)
} else {
  failed += 1
  lines.push('vitest: no report (the run did not complete)')
}
if (existsSync('reports/playwright.json')) {
  const p = JSON.parse(readFileSync('reports/playwright.json', 'utf8'))
  const s = p.stats ?? {}
  passed += (s.expected ?? 0) + (s.flaky ?? 0)
  failed += s.unexpected ?? 0
  skipped += s.skipped ?? 0
  const errors = (p.errors ?? []).length
  failed += errors
  lines.push(`playwright: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed, ${(s.unexpected ?? 0) + errors} failed, ${s.skipped ?? 0} skipped`)
} else {
  failed += 1
  lines.push('playwright: no report (the run did not complete)')
}
if (failed === 0 && (vitestRc !== '0' || pwRc !== '0')) {
  failed += 1
  lines.push(`a runner exited non-zero (vitest ${vitestRc}, playwright ${pwRc}) without a failing test`)
}
for (const l of lines) console.log(l)
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed === 0 ? 0 : 1)
