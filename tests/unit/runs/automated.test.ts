/** The checks the checklist calls automated are exactly the ones the engine runs, and covers read as the UI shows them. */
import { describe, expect, it } from 'vitest'
import { auditSuites } from '../../../src/main/engine/suites'
import { PERF_SUITE_IDS } from '../../../src/main/engine/perf/suite'
import { DB_IDS } from '../../../src/main/engine/db/advisor'
import { AUTOMATED_CHECK_IDS, coverStatuses, failingCovers, tickState, tickWords } from '../../../src/shared/checklist'
import { ALL_ITEM_IDS, stageContent } from '../../../src/shared/roadmap'
import { makeFinding } from '../../../src/main/engine/finding'

describe('automated checks', () => {
  it('equal the suites’ check IDs plus the perf measurements and the load test', () => {
    const engine = new Set([...auditSuites().flatMap((s) => s.checkIds), ...PERF_SUITE_IDS, 'perf.load', ...DB_IDS, 'deploy.env-inventory', 'deploy.env-parity', 'deploy.smoke', 'monitor.uptime', 'monitor.alerts'])
    expect([...AUTOMATED_CHECK_IDS].sort()).toEqual([...engine].sort())
  })

  it('a checklist cover naming a check that does not run yet says so', () => {
    const covers = [1, 2, 3, 4, 5, 6, 7].flatMap((n) => stageContent(n as 1).items.flatMap((i) => coverStatuses(i.checks, [])))
    // Every check the roadmap names runs now: before any result it says "not run" (or what it still needs), never "automated".
    expect(covers.filter((c) => c.state === 'not-automated')).toEqual([])
    expect(covers.every((c) => c.state === 'not-run' || c.state === 'needs-setup')).toBe(true)
    expect(coverStatuses(['no.such-check'], [])[0]!.state).toBe('not-automated')
    expect(ALL_ITEM_IDS.length).toBeGreaterThan(10)
  })

  it('ticking over failing checks reads as such, with or without a reason', () => {
    const f = (id: string, status: 'pass' | 'fail' | 'error', target = 'acme.com') => makeFinding(id, target, status, { title: id, summary: id })
    const covers = coverStatuses(['email.dkim', 'email.dmarc.present', 'email.spf.present'], [f('email.dkim', 'fail'), f('email.dmarc.present', 'error'), f('email.spf.present', 'pass')])
    expect(covers.map((c) => c.state)).toEqual(['fail', 'error', 'pass'])
    expect(failingCovers(covers)).toHaveLength(2)
    expect(tickState({ done: true }, covers)).toBe('done-but-failing')
    expect(tickState({ done: true, acceptedFailing: { reason: 'DKIM is set up at the ESP next week', at: 'x', checks: [] } }, covers)).toBe('done-accepted')
    expect(tickWords('done-accepted', 2)).toBe('Done, with 2 failing checks accepted')
    expect(tickState({ done: true }, coverStatuses(['email.spf.present'], [f('email.spf.present', 'pass')]))).toBe('done')
  })
})
