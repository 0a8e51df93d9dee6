import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, expect, it } from 'vitest'
import { DurableDoc } from '../../../src/main/store/doc'
import { emptyProjects, migrateProjects, ProjectsDoc } from '../../../src/main/store/schema'
import { bundleEntry } from '../../fixtures/bundle'

let writer: string
beforeAll(async () => {
  writer = await bundleEntry(fileURLToPath(new URL('../../fixtures/store/writer.ts', import.meta.url)))
})

/** Starts the writer, kills it (SIGKILL) `afterMs` after its first acknowledged save; resolves with the last acknowledged n. */
function runAndKill(dir: string, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    let last = -1
    let buf = ''
    let armed = false
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString()
      const lines = buf.split('\n')
      buf = lines.pop() ?? ''
      for (const l of lines) {
        const m = /^saved (\d+)$/.exec(l)
        if (m) last = Number(m[1])
      }
      if (!armed && last >= 0) {
        armed = true
        setTimeout(() => child.kill('SIGKILL'), afterMs)
      }
    })
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer ended without being killed: ${stderr}`))))
  })
}

it('a writer killed mid-write 40 times never loses an acknowledged save nor corrupts the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lr-kill-'))
  try {
    let expected = 0
    for (let round = 0; round < 40; round++) {
      const lastAcked = await runAndKill(dir, (round * 7) % 23)
      const doc = new DurableDoc({ dir, name: 'projects', schema: ProjectsDoc, migrate: migrateProjects, empty: emptyProjects })
      expect(doc.recovery, `round ${round}: the file needed recovery`).toBeUndefined()
      const count = Object.keys(doc.data.projects).length
      expect(count, `round ${round}`).toBeGreaterThanOrEqual(lastAcked + 1)
      expect(count).toBeGreaterThanOrEqual(expected)
      expected = count
    }
    expect(expected).toBeGreaterThan(40)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)
