import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../../src/main/engine/dns/limit'

describe('createLimiter', () => {
  it('lets `max` through, queues the rest in order and hands slots over on release', async () => {
    const gate = createLimiter(2)
    const r1 = await gate.acquire()
    const r2 = await gate.acquire()
    const order: number[] = []
    const p3 = gate.acquire().then((r) => (order.push(3), r))
    const p4 = gate.acquire().then((r) => (order.push(4), r))
    expect([gate.active, gate.waiting]).toEqual([2, 2])
    r1()
    r1() // a second call is a no-op
    const r3 = await p3
    expect([gate.active, gate.waiting]).toEqual([2, 1])
    r2()
    const r4 = await p4
    expect(order).toEqual([3, 4])
    r3()
    r4()
    expect([gate.active, gate.waiting]).toEqual([0, 0])
  })

  it('drops a waiter whose signal aborts, and refuses an already aborted one', async () => {
    const gate = createLimiter(1)
    const r1 = await gate.acquire()
    const ac = new AbortController()
    const waiting = gate.acquire(ac.signal)
    ac.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    expect(gate.waiting).toBe(0)
    await expect(gate.acquire(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' })
    r1()
    expect(gate.active).toBe(0)
  })
})
