/// <reference lib="dom" />
/**
 * Stage 1 against the loopback fixture universe through the real handlers:
 * run all checks with visible progress, the risk report's verdict, accept a
 * risk with a reason, fix something and "Check again", filters, cancel.
 */
import { expect, expectNoSeriousA11yViolations, test, useLoopbackSite } from './fixtures'

const { site, brokenDraft: draft } = useLoopbackSite()

test.describe('the Stage 1 risk report', () => {
  test('runs every check with progress, ranks the risks, accepts one with a reason and re-checks a fix', async ({ app, page }) => {
    const project = await app.call<{ id: string }>('projects.create', draft())
    await app.open()
    await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
    const panel = page.getByTestId('audit-panel-1')
    await expect(panel.getByRole('heading', { name: 'Launch risk report' })).toBeVisible()
    await expect(panel.getByTestId('no-runs')).toContainText('No checks have run yet')

    // Slow DNS down so the run is long enough to watch.
    site().dns.setDelay(300)
    // The first snapshot of the live progress (the bar's numbers and what is running now, or the count
    // when no check is mid-probe), caught by an observer set up before the run starts: reading it after
    // the click would race a run that finishes early.
    await page.evaluate(() => {
      const w = window as unknown as { __firstProgress?: { bar: string; now: string } }
      const look = () => {
        const el = document.querySelector('[data-testid="audit-panel-1"] [data-testid="run-progress"]')
        const bar = el?.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext') ?? ''
        if (el && bar && !w.__firstProgress) w.__firstProgress = { bar, now: el.querySelector('.run-now')?.textContent ?? '' }
      }
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
    await page.waitForFunction(() => !!(window as unknown as { __firstProgress?: unknown }).__firstProgress)
    const snapshot = await page.evaluate(() => (window as unknown as { __firstProgress: { bar: string; now: string } }).__firstProgress)
    expect(snapshot.bar).toMatch(/^\d+ of about \d+ checks done/)
    expect(snapshot.now).toMatch(/^(Now checking: .+ \(.+\)|\d+ of about \d+ checks done|Preparing the checks…)/)

    const verdict = panel.getByTestId('verdict')
    await expect(verdict).toHaveAttribute('data-verdict', 'no-go', { timeout: 45_000 })
    site().dns.setDelay(0)
    await expect(verdict).toContainText('✗ No-go: Not ready')
    await expect(panel.getByRole('status').filter({ hasText: 'Checks finished' })).toContainText(/Checks finished: \d+ of \d+ checks ran/)
    const mustFix = panel.getByTestId('must-fix')
    await expect(mustFix.locator('[data-check="http.https-redirect"][data-target="http://broken.test/"]')).toContainText('http://broken.test does not switch to https://')
    await expect(panel.getByTestId('diff')).toContainText('This is the first run')

    // Every count on screen agrees: the must-fix heading, its cards, the verdict and the finished message.
    const heading = (await panel.locator('#must-fix-h').textContent()) ?? ''
    const [, failingText, notCheckedText] = /^Must fix today \((\d+)(?: failing, (\d+) could not be checked)?\)$/.exec(heading) ?? []
    const failing = Number(failingText)
    const notChecked = Number(notCheckedText ?? 0)
    expect(await mustFix.locator('.finding-card, [data-check]').filter({ has: page.locator('.status-badge') }).count()).toBe(failing + notChecked)
    const said = (await verdict.textContent()) ?? ''
    expect(said).toContain(`fix ${failing} problem${failing === 1 ? '' : 's'} before launch`)
    if (notChecked) expect(said).toContain(`${notChecked} important check${notChecked === 1 ? '' : 's'} could not run`)
    const finished = (await panel.getByRole('status').filter({ hasText: 'Checks finished' }).textContent()) ?? ''
    const [, ran, all, couldNot] = /Checks finished: (\d+) of (\d+) checks ran(?:, (\d+) could not run)?/.exec(finished) ?? []
    expect(Number(ran) + Number(couldNot ?? 0)).toBe(Number(all))

    // A finding card: status and severity in words, evidence collapsed, numbered fix with a copy button.
    const cors = mustFix.locator('[data-check="edge.cors"]')
    await expect(cors.locator('.status-badge')).toHaveText('✗ Fail')
    await expect(cors.locator('.severity-badge')).toContainText('High')
    await expect(cors.getByText('What we saw')).toBeVisible()
    await expect(cors.getByRole('button', { name: /^Copy the value for step 1/ })).toBeVisible()

    // Accept a risk: a reason is required, then it moves to "Accepted risks" and leaves the verdict.
    await cors.getByRole('button', { name: 'Accept this risk…' }).click()
    await cors.getByRole('button', { name: 'Accept with this reason' }).click()
    await expect(cors.getByRole('alert')).toHaveText(/Say why you accept this risk/)
    await cors.getByLabel('Why is it acceptable for now?').fill('The API serves only public data; no cookies are sent.')
    await cors.getByRole('button', { name: 'Accept with this reason' }).click()
    const accepted = panel.getByTestId('accepted')
    await expect(accepted.locator('[data-check="edge.cors"]')).toContainText('Accepted risk: The API serves only public data; no cookies are sent.')
    await expect(mustFix.locator('[data-check="edge.cors"]')).toHaveCount(0)
    await expect(verdict).toContainText('You accepted 1 risk')
    const saved = await app.call<{ acceptedRisks: Record<string, { reason: string }> }>('projects.get', { id: project.id })
    expect(Object.values(saved.acceptedRisks).map((r) => r.reason)).toEqual(['The API serves only public data; no cookies are sent.'])

    // Fix the SPF record, then "Check again" on that one finding: the diff says it is fixed.
    const spf = mustFix.locator('[data-check="email.spf.all"]')
    await expect(spf).toBeVisible()
    site().dns.setZone({ ...site().zone, records: { ...site().zone.records, 'broken.test': site().zone.records['broken.test']!.map((r) => (r.type === 'TXT' ? { ...r, data: 'v=spf1 mx -all' } : r)) } })
    await spf.getByRole('button', { name: 'Check again' }).click()
    await expect(panel.getByTestId('diff')).toContainText('Since the previous run: 1 fixed, 0 new', { timeout: 20_000 })
    await expect(mustFix.locator('[data-check="email.spf.all"]')).toHaveCount(0)
    await panel.getByTestId('diff').getByText('What changed').click()
    await expect(panel.getByTestId('diff')).toContainText('Fixed')

    // The site surface matrix and the consultant's table with filters.
    const matrix = panel.getByTestId('surface-matrix')
    await expect(matrix.getByRole('rowheader', { name: 'http://broken.test/', exact: true })).toBeVisible()
    const table = panel.getByTestId('findings-table')
    await panel.getByLabel('Status').selectOption('fail')
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-status', 'fail')
    expect(await table.locator('tbody tr:not([data-status="fail"])').count()).toBe(0)
    await panel.getByLabel('Stage').selectOption('3')
    await expect(panel.getByText(/Showing \d+ of \d+ results\./)).toBeVisible()
    await expect(panel.getByRole('group', { name: 'Filter results' }).getByRole('button', { name: 'Clear filters' })).toBeVisible()

    await expectNoSeriousA11yViolations(page, 'Stage 1 risk report')
    expect(app.errors).toEqual([])
  })

  test('the DNS server and CA are set on screen; a run can be cancelled; a stage screen runs only its own checks', async ({ app, page }) => {
    const { dnsServer: _d, caFile: _c, ...plain } = draft()
    const project = await app.call<{ id: string }>('projects.create', plain)
    await app.open()
    await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
    const panel = page.getByTestId('audit-panel-1')
    await panel.getByText('Where the checks look').click()
    const dnsField = panel.getByLabel('DNS server to ask instead of this computer’s')
    await dnsField.fill('not a server')
    await expect(panel.getByText('Use an IP address, optionally with a port')).toBeVisible()
    await dnsField.fill(site().dns.server)
    await expect(panel.getByText('Use an IP address, optionally with a port')).toHaveCount(0)
    await panel.getByLabel('Extra trusted certificate authority (path to a PEM file)').fill(site().caFile)
    // DNS that never answers in time: this run can only end by the user's Cancel.
    site().dns.setDelay(30_000)
    await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
    await expect(panel.getByTestId('run-progress')).toBeVisible()
    await panel.getByRole('button', { name: 'Cancel' }).click()
    await expect(panel.getByRole('status').filter({ hasText: 'Checks cancelled' })).toBeVisible({ timeout: 20_000 })
    // Never a false "all good": a stopped run can say no-go or "not sure yet", never go, and says why.
    await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', /^(incomplete|no-go)$/)
    await expect(panel.getByTestId('verdict')).toContainText(/stopped before it finished|No checks have run/)
    await expect(panel.getByRole('button', { name: /^Run all checks( again)?$/ })).toBeEnabled()
    site().dns.setDelay(0)
    // Started straight after typing: the settings reached main before the run did.
    const saved = await app.call<{ dnsServer?: string; caFile?: string }>('projects.get', { id: project.id })
    expect(saved).toMatchObject({ dnsServer: site().dns.server, caFile: site().caFile })

    await page.getByRole('button', { name: /^Stage 3:/ }).click()
    const s3 = page.getByTestId('audit-panel-3')
    await s3.getByRole('button', { name: /Run (checks for this stage|this stage’s checks again)/ }).click()
    await expect(s3.getByRole('heading', { name: /Needs attention \(\d+\)/ })).toBeVisible({ timeout: 30_000 })
    await expect(s3.getByTestId('certificates').getByRole('row').filter({ hasText: 'www.broken.test' })).toContainText(/✓ \d+ days/)
    const checks = await s3.locator('.finding-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-check') ?? ''))
    expect(checks.length).toBeGreaterThan(0)
    expect(checks.every((c) => /^(tls|edge|http\.mixed-content)/.test(c))).toBe(true)

    // "r" re-runs every check from any stage; the stage's own controls show the progress.
    await page.locator('body').press('r')
    await expect(s3.getByRole('status').filter({ hasText: 'Checks finished' })).toBeVisible({ timeout: 60_000 })
    const history = await app.call<{ scopeText: string }[]>('runs.list', { projectId: project.id })
    expect(history[0]?.scopeText).toBe('every automated check')

    // Stage 2 shows the DNS map the audit collected.
    await page.getByRole('button', { name: /^Stage 2:/ }).click()
    const map = page.getByTestId('audit-panel-2').getByTestId('dns-map')
    await expect(map.getByRole('row').filter({ hasText: 'v=spf1 +all' })).toContainText('TXT')
    await expect(map.getByRole('row').filter({ hasText: 'v=spf1 +all' })).toContainText('300 s')
    expect(app.errors).toEqual([])
  })
})

test.describe('the risk report in the dark theme', () => {
  test.use({ colorScheme: 'dark' })
  test('no serious or critical axe violations with every panel open', async ({ app, page }) => {
    await app.call('projects.create', draft())
    await app.open()
    await page.getByRole('button', { name: 'Broken Launch', exact: true }).click()
    const panel = page.getByTestId('audit-panel-1')
    await panel.getByRole('button', { name: 'Run all checks', exact: true }).click()
    await expect(panel.getByTestId('verdict')).toHaveAttribute('data-verdict', 'no-go', { timeout: 45_000 })
    await panel.getByText('Where the checks look').click()
    await panel.getByTestId('defer').getByText(/^Show them: /).click()
    await panel.getByTestId('must-fix').locator('.finding-card').first().getByText('What we saw').click()
    await panel.getByText(/Run history \(1\)/).click()
    await expectNoSeriousA11yViolations(page, 'Stage 1 risk report (dark, expanded)')
    for (const n of [2, 3]) {
      await page.getByRole('button', { name: new RegExp(`^Stage ${n}:`) }).click()
      const p = page.getByTestId(`audit-panel-${n}`)
      await expect(p.getByRole('heading', { name: /Needs attention/ })).toBeVisible()
      await p.getByText(/Passed or not applicable/).click()
      await expectNoSeriousA11yViolations(page, `Stage ${n} findings (dark)`)
    }
    expect(app.errors).toEqual([])
  })
})
