/**
 * A versioned JSON document that never loses what was saved before:
 * - on open, the file is parsed, migrated to the current schema version and
 *   validated; a corrupt or schema-invalid file is moved aside (kept, never
 *   deleted) and the last good copy is restored, with a notice for the user;
 * - changes are saved debounced (at most `maxDelayMs`, 500 ms by default) and
 *   on `flush()` (quit, before export), each write atomic (temp + rename),
 *   followed by a refresh of the last-good copy.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { confFile, type DocFileFactory, type DocFile } from './backend'

export interface Recovery {
  /** Where the damaged file was moved. */
  movedTo: string
  /** Plain-language reason. */
  reason: string
  at: string
  /** Whether a last good copy was restored (false: started empty). */
  restored: boolean
}

export interface DocOptions<T> {
  dir: string
  name: string
  schema: z.ZodType<T>
  /** Brings raw data of any known older version to the current one; throws on an unknown version. */
  migrate: (raw: unknown) => unknown
  empty: () => T
  file?: DocFileFactory
  /** Debounce: a change is on disk at most this long after it was made. */
  maxDelayMs?: number
  now?: () => Date
}

type Loaded<T> = { ok: true; data: T; migrated: boolean } | { ok: false; reason: string }

export class DurableDoc<T> {
  private value: T
  private readonly file: DocFile
  private timer: ReturnType<typeof setTimeout> | undefined
  private dirty = false
  readonly recovery: Recovery | undefined
  readonly lastGoodPath: string

  constructor(private readonly opts: DocOptions<T>) {
    mkdirSync(opts.dir, { recursive: true })
    const path = join(opts.dir, `${opts.name}.json`)
    this.lastGoodPath = join(opts.dir, `${opts.name}.last-good.json`)
    const now = opts.now ?? (() => new Date())
    let recovery: Recovery | undefined
    let value: T
    const main = this.load(path)
    if (main === undefined) {
      value = opts.empty()
      this.dirty = true
    } else if (main.ok) {
      value = main.data
      // A migrated file is written back in the current format.
      this.dirty = main.migrated
    } else {
      const at = now().toISOString()
      const movedTo = join(opts.dir, `${opts.name}.damaged-${at.replace(/[:.]/g, '-')}.json`)
      renameSync(path, movedTo)
      const good = this.load(this.lastGoodPath)
      value = good?.ok ? good.data : opts.empty()
      recovery = { movedTo, reason: main.reason, at, restored: Boolean(good?.ok) }
      this.dirty = true
    }
    this.value = value
    this.recovery = recovery
    this.file = (opts.file ?? confFile)({ dir: opts.dir, name: opts.name })
    if (this.dirty) this.flushSync()
  }

  /** undefined: no file yet. */
  private load(path: string): Loaded<T> | undefined {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      return { ok: false, reason: `the file could not be read (${(e as Error).message})` }
    }
    if (text.trim() === '') return { ok: false, reason: 'the file was empty' }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      return { ok: false, reason: 'the file was not valid JSON (it may have been cut short or edited by hand)' }
    }
    let migrated: unknown
    try {
      migrated = this.opts.migrate(raw)
    } catch (e) {
      return { ok: false, reason: (e as Error).message }
    }
    const parsed = this.opts.schema.safeParse(migrated)
    if (!parsed.success) {
      const first = parsed.error.issues[0]
      return { ok: false, reason: `the file did not match the expected format (${first ? `${first.path.join('.') || 'top level'}: ${first.message}` : 'unknown problem'})` }
    }
    return { ok: true, data: parsed.data, migrated: migrated !== raw }
  }

  get data(): T {
    return this.value
  }

  /** Replaces the document (immutably updated by the caller) and schedules a save. */
  set(next: T): void {
    this.value = next
    this.dirty = true
    this.timer ??= setTimeout(() => {
      this.timer = undefined
      this.flushSync()
    }, this.opts.maxDelayMs ?? 300)
  }

  update(fn: (current: T) => T): T {
    this.set(fn(this.value))
    return this.value
  }

  flushSync(): void {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    if (!this.dirty) return
    const plain = this.value as unknown as Record<string, unknown>
    this.file.write(plain)
    // The last-good copy: written beside, then renamed over, so it is never half a file.
    const tmp = `${this.lastGoodPath}.tmp`
    writeFileSync(tmp, JSON.stringify(plain))
    renameSync(tmp, this.lastGoodPath)
    this.dirty = false
  }

  async flush(): Promise<void> {
    this.flushSync()
  }

  close(): void {
    this.flushSync()
  }
}
