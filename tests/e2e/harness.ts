/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createServices } from '../../src/main/services/handlers'
import { dispatch, type Logger } from '../../src/main/services/dispatch'
import type { Dialogs } from '../../src/main/services/context'
import type { Result } from '../../src/shared/result'
import type { KeyringBackend } from '../../src/main/vault/keyring'
import type { EventName } from '../../src/shared/contract'

type Services = Awaited<ReturnType<typeof createServices>>

/**
 * One app instance for one test: real main-process handlers over a fresh temp
 * data dir, reached from the page through `window.launchReady` built from the
 * shared contract. Dialogs return whatever path the test set beforehand.
 */
export class Harness {
  readonly dataDir: string
  /** What the next save / open dialog "chooses"; null means the user cancelled. */
  nextSavePath: string | null = null
  nextOpenPath: string | null = null
  /** What the next folder dialog answers (null: cancelled). */
  nextFolderPath: string | null = null
  readonly opened: string[] = []
  readonly errors: string[] = []
  private services?: Services
  private keepDir: boolean
  private keyring: KeyringBackend | undefined

  private constructor(
    readonly page: Page,
    readonly baseUrl: string,
    dataDir?: string,
  ) {
    this.keepDir = Boolean(dataDir)
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'lr-e2e-'))
  }

  static async attach(page: Page, baseUrl: string, initScript: string, opts: { dataDir?: string; keyring?: KeyringBackend } = {}): Promise<Harness> {
    const h = new Harness(page, baseUrl, opts.dataDir)
    h.keyring = opts.keyring
    await h.startServices()
    await page.exposeBinding('__lrInvoke', async (_source, channel: string, input: unknown) => {
      if (!h.services) return { ok: false, error: { code: 'internal', message: 'The app is restarting.' } }
      return dispatch(h.services.handlers, channel, input, h.services.ctx, h.logger)
    })
    await page.addInitScript({ content: initScript })
    page.on('pageerror', (e) => h.errors.push(`pageerror: ${e.stack ?? e.message}`))
    page.on('console', (m) => m.type() === 'error' && h.errors.push(`console: ${m.text()}`))
    return h
  }

  private logger: Logger = {
    warn: () => {},
    error: (message, detail) => this.errors.push(`main: ${message} ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`),
  }

  private async startServices(): Promise<void> {
    const dialogs: Dialogs = {
      chooseSavePath: async () => this.nextSavePath,
      chooseOpenPath: async () => this.nextOpenPath,
      chooseFolder: async () => this.nextFolderPath,
    }
    this.services = await createServices({
      dataDir: this.dataDir,
      host: 'harness',
      version: '0.0.0-e2e',
      dialogs,
      openExternal: async (url: string) => {
        this.opened.push(url)
      },
      emit: (event: EventName, payload: unknown) => void this.emit(event, payload).catch(() => {}),
      log: this.logger,
      ...(this.keyring ? { keyring: this.keyring } : {}),
    })
  }

  /** Delivers a main -> renderer event to the page's subscribers, as the Electron shell's webContents.send would. */
  async emit(event: EventName, payload: unknown): Promise<void> {
    await this.page.evaluate(
      ([e, p]) => (window as unknown as { __lrDeliver(e: string, p: unknown): void }).__lrDeliver(e, p),
      [event, payload] as const,
    )
  }

  /** Opens the app and waits until the first data load has rendered. */
  async open(): Promise<void> {
    await this.page.goto(this.baseUrl)
    await this.waitReady()
  }

  async waitReady(): Promise<void> {
    await this.page.waitForFunction(() => document.body.dataset.ready === 'true')
  }

  /** Reloads the page only (the renderer restarts; main keeps running). */
  async reload(): Promise<void> {
    await this.page.reload()
    await this.waitReady()
  }

  /** Quits "main" (flush + close), starts it again on the same data dir, then reloads the page. */
  async restart(): Promise<void> {
    await this.page.evaluate(() => window.dispatchEvent(new Event('pagehide')))
    const old = this.services
    this.services = undefined
    await old?.flush()
    await old?.close()
    await this.startServices()
    await this.reload()
  }

  /** Direct access to the handlers, for arranging data and asserting on what main holds. */
  async call<T = unknown>(channel: string, input?: unknown): Promise<T> {
    const r = await this.callRaw(channel, input)
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`)
    return r.value as T
  }

  /** The handler's Result as the page would get it. */
  callRaw(channel: string, input?: unknown): Promise<Result<unknown>> {
    return dispatch(this.services!.handlers, channel, input, this.services!.ctx, this.logger)
  }

  async close(): Promise<void> {
    try {
      await this.services?.flush()
      await this.services?.close()
    } finally {
      this.services = undefined
      if (!this.keepDir) rmSync(this.dataDir, { recursive: true, force: true })
    }
  }
}
