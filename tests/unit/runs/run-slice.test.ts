import { describe, expect, it } from 'vitest'
import { buildApi } from '../../../src/shared/contract/api'
import { Project, type Finding } from '../../../src/shared/model'
import type { Result } from '../../../src/shared/result'
import type { RunProgress, RunsLatest } from '../../../src/shared/contract/runs'
import { createAppStore } from '../../../src/renderer/src/store'
import { makeFinding } from '../../../src/main/engine/finding'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scripted handlers read whatever fields their channel has
type Handled = any

const f = (checkId: string, target: string, status: Finding['status']) => makeFinding(checkId, target, status, { title: checkId, summary: `${checkId} ${status}` })

function setup() {
  const now = '2026-01-01T00:00:00.000Z'
  let project = Project.parse({ id: 'p1', name: 'Acme', vertical: 'coach', domain: 'acme.com', createdAt: now, updatedAt: now })
  let latest: RunsLatest = { findings: [], diff: null, artifacts: {}, coverage: { complete: false } }
  let listener: ((p: unknown) => void) | undefined
  const calls: { channel: string; input: unknown }[] = []
  const handlers: Record<string, (input: Handled) => Result<unknown>> = {
    'projects.get': () => ({ ok: true, value: project }),
    'runs.latest': () => ({ ok: true, value: latest }),
    'runs.list': () => ({ ok: true, value: [] }),
    'runs.start': () => ({ ok: true, value: { runId: 'r1' } }),
    'runs.cancel': () => ({ ok: true, value: { cancelled: true } }),
    'runs.acceptRisk': ({ key, reason }) => {
      project = { ...project, acceptedRisks: { ...project.acceptedRisks, [key]: { reason, at: now } }, updatedAt: '2026-01-02T00:00:00.000Z' }
      return { ok: true, value: project }
    },
  }
  const api = buildApi({
    invoke: async (channel, input) => {
      calls.push({ channel, input })
      const h = handlers[channel]
      return h ? h(input) : { ok: false, error: { code: 'unknown-channel', message: channel } }
    },
    subscribe: (_e, l) => {
      listener = l
      return () => (listener = undefined)
    },
  })
  const store = createAppStore({ api: () => api })
  const emit = (p: Omit<RunProgress, 'projectId' | 'runId'> & { runId?: string; projectId?: string }) => listener?.({ projectId: 'p1', runId: 'r1', ...p })
  return { store, calls, emit, setLatest: (l: RunsLatest) => (latest = l) }
}

describe('run slice', () => {
  it('starts a run, follows progress, lays findings over the view as they arrive, reloads when finished', async () => {
    const { store, emit, setLatest, calls } = setup()
    await store.getState().openProject('p1')
    await store.getState().loadRuns('p1')
    expect(store.getState().runsLatest?.findings).toEqual([])
    const r = await store.getState().startRun('p1', { stage: 3 })
    expect(r.ok).toBe(true)
    expect(calls.find((c) => c.channel === 'runs.start')?.input).toEqual({ projectId: 'p1', scope: { stage: 3 } })
    expect(store.getState().liveRun).toMatchObject({ runId: 'r1', scope: { stage: 3 }, done: 0 })

    emit({ type: 'planned', done: 0, total: 2, running: [] })
    emit({ type: 'started', checkId: 'tls.trusted', target: 'acme.com', done: 0, total: 2, running: [{ checkId: 'tls.trusted', target: 'acme.com' }] })
    expect(store.getState().liveRun).toMatchObject({ done: 0, total: 2, running: [{ checkId: 'tls.trusted' }] })
    const fail = f('tls.trusted', 'acme.com', 'fail')
    emit({ type: 'finding', finding: fail, done: 1, total: 2, running: [] })
    expect(store.getState().runsLatest?.findings).toEqual([fail])
    // Another project's events are ignored.
    emit({ type: 'finding', finding: f('dns.ttl', 'x.com', 'fail'), done: 9, total: 9, running: [], runId: 'other', projectId: 'p2' })
    expect(store.getState().liveRun).toMatchObject({ runId: 'r1', done: 1 })
    expect(store.getState().runsLatest?.findings).toEqual([fail])
    setLatest({ findings: [fail, f('tls.hsts', 'acme.com', 'pass')], diff: null, artifacts: {}, coverage: { complete: true } })
    emit({ type: 'finished', state: 'completed', done: 2, total: 2, running: [] })
    await expect.poll(() => store.getState().runMessage).toBe('Checks finished: 2 of 2 checks ran; 1 problem found.')
    expect(store.getState().liveRun).toBeUndefined()
    expect(store.getState().runsLatest?.findings).toHaveLength(2)
  })

  it('says plainly when a run could not start, and cancels the live run', async () => {
    const { store, calls } = setup()
    await store.getState().loadRuns('p1')
    await store.getState().startRun('p1')
    await store.getState().cancelRun()
    expect(store.getState().liveRun?.cancelling).toBe(true)
    expect(calls.find((c) => c.channel === 'runs.cancel')?.input).toEqual({ runId: 'r1' })
  })

  it('accepting a risk updates the open project without marking it dirty', async () => {
    const { store, calls } = setup()
    await store.getState().openProject('p1')
    const r = await store.getState().acceptRisk('p1', 'edge.cors@api.acme.com', 'internal only')
    expect(r.ok).toBe(true)
    expect(store.getState().current?.acceptedRisks['edge.cors@api.acme.com']?.reason).toBe('internal only')
    await store.getState().flushSave()
    expect(calls.filter((c) => c.channel === 'projects.update')).toHaveLength(0)
  })
})
