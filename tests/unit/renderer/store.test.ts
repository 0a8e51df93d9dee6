import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { buildApi } from '../../../src/shared/contract/api'
import { Project, type ProjectSummary } from '../../../src/shared/model'
import type { Result } from '../../../src/shared/result'
import { createAppStore } from '../../../src/renderer/src/store'

type Call = { channel: string; input: unknown }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- scripted handlers read whatever fields their channel has
type Handled = any

/** A store wired to the real contract (buildApi) over a scripted in-memory main. */
function setup(overrides: Record<string, (input: Handled) => Result<unknown>> = {}) {
  const calls: Call[] = []
  const now = '2026-01-01T00:00:00.000Z'
  let project = Project.parse({ id: 'p1', name: 'Acme', vertical: 'coach', domain: 'acme.com', createdAt: now, updatedAt: now })
  const summary = (): ProjectSummary => ({ id: 'p1', name: project.name, domain: 'acme.com', vertical: 'coach', updatedAt: now, progress: { done: 0, total: 63 } })
  const handlers: Record<string, (input: Handled) => Result<unknown>> = {
    'app.info': () => ({ ok: true, value: { version: '1', host: 'harness', platform: 'linux', dataDir: '/tmp' } }),
    'projects.list': () => ({ ok: true, value: [summary()] }),
    'projects.get': () => ({ ok: true, value: project }),
    'projects.update': ({ patch }) => {
      project = { ...project, ...patch, updatedAt: '2026-01-02T00:00:00.000Z' }
      return { ok: true, value: project }
    },
    'projects.delete': () => ({ ok: true, value: { undoToken: 'undo-1' } }),
    'projects.restore': () => ({ ok: true, value: project }),
    'vault.status': () => ({ ok: true, value: { available: true, backend: 'Test keychain' } }),
    'vault.list': () => ({ ok: true, value: [] }),
    'vault.set': ({ name, kind }) => ({ ok: true, value: { name, kind, masked: 'ab••••yz', updatedAt: now } }),
    'vault.reveal': () => ({ ok: true, value: { value: 'abSECRETyz' } }),
    ...overrides,
  }
  const api = buildApi({
    invoke: async (channel, input) => {
      calls.push({ channel, input })
      const h = handlers[channel]
      return h ? h(input) : { ok: false, error: { code: 'unknown-channel', message: channel } }
    },
    subscribe: () => () => {},
  })
  const storage = new Map<string, string>()
  const store = createAppStore({
    api: () => api,
    saveDelayMs: 200,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
  })
  return { store, calls, storage, updates: () => calls.filter((c) => c.channel === 'projects.update') }
}

describe('project slice: autosave', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('applies edits at once and sends one debounced update with only the changed keys', async () => {
    const { store, updates } = setup()
    expect(await store.getState().openProject('p1')).toBe(true)
    store.getState().editChecklistItem('s1.domain-live', { done: true })
    store.getState().editChecklistItem('s1.domain-live', { note: 'Points at Vercel' })
    store.getState().setWizardPosition(2)
    expect(store.getState().current?.checklist['s1.domain-live']).toMatchObject({ done: true, note: 'Points at Vercel' })
    expect(store.getState().save.state).toBe('pending')
    expect(updates()).toHaveLength(0)

    await vi.advanceTimersByTimeAsync(199)
    expect(updates()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await store.getState().flushSave()
    expect(updates()).toHaveLength(1)
    const sent = updates()[0]!.input as { id: string; patch: Record<string, unknown> }
    expect(sent.id).toBe('p1')
    expect(Object.keys(sent.patch).sort()).toEqual(['checklist', 'wizard'])
    expect(sent.patch.wizard).toEqual({ stage: 2 })
    expect(store.getState().save.state).toBe('saved')
  })

  it('flushSave sends pending edits without waiting for the debounce', async () => {
    const { store, updates } = setup()
    await store.getState().openProject('p1')
    store.getState().editProject({ dnsProvider: 'Cloudflare' })
    await store.getState().flushSave()
    expect(updates()).toHaveLength(1)
    expect((updates()[0]!.input as { patch: object }).patch).toEqual({ dnsProvider: 'Cloudflare' })
  })

  it('keeps edits that failed to save and sends them with the next attempt', async () => {
    let fail = true
    const { store, updates } = setup({
      'projects.update': ({ patch }) =>
        fail ? { ok: false, error: { code: 'io', message: 'The disk is full.' } } : { ok: true, value: { ...patch, updatedAt: 'x' } },
    })
    await store.getState().openProject('p1')
    store.getState().editProject({ hostingProvider: 'Render' })
    await store.getState().flushSave()
    expect(store.getState().save).toEqual({ state: 'error', message: 'The disk is full.' })
    expect(store.getState().current?.hostingProvider).toBe('Render')
    fail = false
    store.getState().editProject({ cdnProvider: 'Fastly' })
    await store.getState().flushSave()
    expect(Object.keys((updates()[1]!.input as { patch: object }).patch).sort()).toEqual(['cdnProvider', 'hostingProvider'])
    expect(store.getState().save.state).toBe('saved')
  })
})

describe('project slice: list actions', () => {
  it('delete offers an Undo toast that restores the project', async () => {
    const { store, calls } = setup()
    await store.getState().loadProjects()
    await store.getState().deleteProject('p1')
    const toast = store.getState().toasts.at(-1)!
    expect(toast.message).toBe('Deleted “Acme”.')
    toast.action!.run()
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'projects.restore')).toBe(true))
    expect(calls.find((c) => c.channel === 'projects.restore')!.input).toEqual({ undoToken: 'undo-1' })
  })

  it('a failed import keeps the exact error and its issues for the list screen', async () => {
    const error = { code: 'invalid-file', message: 'That file is not a Launch Ready project.', issues: [{ path: 'project.vertical', message: 'Invalid option' }] }
    const { store } = setup({ 'projects.import': () => ({ ok: false, error }) })
    await store.getState().importProject()
    expect(store.getState().importError).toEqual(error)
    store.getState().clearImportError()
    expect(store.getState().importError).toBeUndefined()
  })

  it('init reopens the last project and marks the app ready', async () => {
    const { store, storage } = setup()
    storage.set('lr.lastProject', 'p1')
    await store.getState().init()
    expect(store.getState().ready).toBe(true)
    expect(store.getState().route).toEqual({ name: 'wizard', projectId: 'p1' })
  })
})

describe('ui and vault slices', () => {
  it('keeps the interview draft and the theme in storage', () => {
    const { store, storage } = setup()
    store.getState().updateDraft({ name: 'Acme', domainInput: '192.168.0.1' })
    expect(JSON.parse(storage.get('lr.draft')!)).toMatchObject({ name: 'Acme', domainInput: '192.168.0.1' })
    store.getState().setTheme('dark')
    expect(storage.get('lr.theme')).toBe('dark')
    store.getState().resetDraft()
    expect(storage.has('lr.draft')).toBe(false)
    expect(store.getState().draft.name).toBe('')
  })

  it('never keeps a revealed secret in the store', async () => {
    const { store } = setup()
    await store.getState().loadVault()
    await store.getState().setCredential('api', 'api-token', 'abSECRETyz')
    const r = await store.getState().revealCredential('api')
    expect(r).toEqual({ ok: true, value: { value: 'abSECRETyz' } })
    expect(JSON.stringify(store.getState())).not.toContain('SECRET')
    expect(store.getState().credentials).toEqual([expect.objectContaining({ name: 'api', masked: 'ab••••yz' })])
  })

  it('lists nothing when the keychain is unavailable', async () => {
    const { store, calls } = setup({
      'vault.status': () => ({ ok: true, value: { available: false, backend: 'none', reason: 'No Secret Service is running.' } }),
    })
    await store.getState().loadVault()
    expect(store.getState().vaultStatus?.reason).toBe('No Secret Service is running.')
    expect(calls.some((c) => c.channel === 'vault.list')).toBe(false)
  })
})
