/// <reference lib="dom" />
import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, sampleDraft, test } from './fixtures'

/** Every file under dir, biggest first. */
function files(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...files(p))
    else out.push(p)
  }
  return out.sort((a, b) => statSync(b).size - statSync(a).size)
}

test('a damaged store file is reported with where the damaged copy was kept', async ({ app, page }) => {
  await app.call('projects.create', sampleDraft)
  await app.open()
  await expect(page.getByTestId('project-row')).toHaveCount(1)
  // A second save so a last good copy exists, then corrupt the main store file.
  await app.call('projects.create', { ...sampleDraft, name: 'Second' })
  await app.restart()
  const store = files(app.dataDir).find((f) => f.endsWith('projects.json'))
  expect(store, `the project store file under ${app.dataDir}`).toBeTruthy()
  writeFileSync(store!, '{"projects": {"broken"')
  await app.restart()

  const info = await app.call<{ recovery?: { movedTo: string; reason: string } }>('app.info')
  expect(info.recovery, 'main reports the recovery').toBeTruthy()
  const notice = page.getByRole('region', { name: 'Data recovered' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(info.recovery!.movedTo)
  await expect(notice).toContainText(info.recovery!.reason)
  expect((await app.call<unknown[]>('projects.list')).length).toBeGreaterThanOrEqual(1)
  await notice.getByRole('button', { name: 'Understood' }).click()
  await expect(notice).toHaveCount(0)
})
