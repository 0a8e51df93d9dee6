/// <reference lib="dom" />
import { channels, events } from '../../src/shared/contract'
import { expect, test } from './fixtures'

test('window.launchReady is built from the contract: one method per channel, inputs checked in the page, events delivered', async ({ app, page }) => {
  await app.open()
  const shape = await page.evaluate(() => {
    const api = window.launchReady as unknown as Record<string, Record<string, unknown>>
    return Object.fromEntries(Object.entries(api).map(([area, methods]) => [area, Object.keys(methods).sort()]))
  })
  const expected: Record<string, string[]> = {}
  for (const name of Object.keys(channels)) {
    const [area, method] = name.split('.') as [string, string]
    ;(expected[area] ??= []).push(method)
  }
  for (const name of Object.keys(events)) {
    const [area, evt] = name.split('.') as [string, string]
    ;(expected[area] ??= []).push(`on${evt[0]!.toUpperCase()}${evt.slice(1)}`)
  }
  for (const k of Object.keys(expected)) expected[k]!.sort()
  expect(shape).toEqual(expected)

  // Nothing generic is reachable, and the object cannot be replaced.
  expect(await page.evaluate(() => Object.isFrozen(window.launchReady) && !('invoke' in window.launchReady))).toBe(true)

  // Bad input is refused in the page with the contract's message.
  const bad = await page.evaluate(() => window.launchReady.projects.rename({ id: 'x', name: '   ' }))
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

  // A main -> renderer event reaches a subscriber, and unsubscribing stops it.
  const eventName = Object.keys(events)[0]
  test.skip(!eventName, 'the contract has no events yet')
  const [area, evt] = eventName!.split('.') as [string, string]
  const method = `on${evt[0]!.toUpperCase()}${evt.slice(1)}`
  await page.evaluate(
    ([a, m]) => {
      const w = window as unknown as { got: unknown[]; off?: () => void }
      w.got = []
      const api = window.launchReady as unknown as Record<string, Record<string, (cb: (p: unknown) => void) => () => void>>
      w.off = api[a]![m]!((p) => w.got.push(p))
    },
    [area, method] as const,
  )
  await app.emit(eventName as never, { marker: 1 })
  await expect.poll(() => page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([{ marker: 1 }])
  await page.evaluate(() => (window as unknown as { off: () => void }).off())
  await app.emit(eventName as never, { marker: 2 })
  expect(await page.evaluate(() => (window as unknown as { got: unknown[] }).got)).toEqual([{ marker: 1 }])
})
