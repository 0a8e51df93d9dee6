/**
 * Run artifacts (the DNS map, the site-surface rows, certificates, the email
 * authentication state) reach the run through the per-run `SuiteContext.shared`
 * map: a suite stores a promise of the artifact under `artifact:<key>` (see
 * `publishArtifact`), with `<key>` one of RUN_META's. Only values that match
 * the shapes of src/shared/audit-data.ts are kept.
 */
import { RUN_META, RunArtifacts } from '../../../shared/audit-data'
import type { SuiteContext } from '../types'

export type ArtifactKey = keyof typeof RUN_META

export const artifactSlot = (key: ArtifactKey): string => `artifact:${RUN_META[key]}`

/** For suites: make an artifact part of the run (a promise is fine; it is awaited when the run ends). */
export function publishArtifact<K extends ArtifactKey>(ctx: Pick<SuiteContext, 'shared'>, key: K, value: RunArtifacts[K] | Promise<RunArtifacts[K]>): void {
  const p = Promise.resolve(value)
  p.catch(() => undefined) // an artifact that fails is simply absent
  ctx.shared.set(artifactSlot(key), p)
}

/** Awaits every published artifact (at most `waitMs` in all) and keeps those that match their schema. */
export async function collectArtifacts(shared: Map<string, Promise<unknown>>, waitMs: number): Promise<RunArtifacts> {
  const out: Record<string, unknown> = {}
  const keys = Object.keys(RUN_META) as ArtifactKey[]
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), waitMs)
  })
  try {
    await Promise.all(
      keys.map(async (key) => {
        const slot = shared.get(artifactSlot(key)) ?? shared.get(RUN_META[key])
        if (!slot) return
        const value = await Promise.race([slot.catch(() => undefined), timeout])
        if (value === 'timeout' || value === undefined) return
        const parsed = RunArtifacts.shape[key].safeParse(value)
        if (parsed.success && parsed.data !== undefined) out[key] = parsed.data
      }),
    )
  } finally {
    clearTimeout(timer)
  }
  return out as RunArtifacts
}
