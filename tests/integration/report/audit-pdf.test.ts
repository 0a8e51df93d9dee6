import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pdfExport } from '../../../src/main/cli/pdf-export'
import { sampleProject, sampleRuns } from '../../fixtures/report/sample'
import { pdfInfo, pdfText } from '../../fixtures/report/poppler'

describe('audit --pdf FILE (src/main/cli/pdf-export.ts)', () => {
  it('writes the handover PDF for the audited project and its run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-audit-pdf-'))
    try {
      const writer = await pdfExport()
      expect(writer).toBeTypeOf('function')
      const file = join(dir, 'audit.pdf')
      await writer!(sampleProject(), [sampleRuns(20)[2]!], file)
      expect(Number(pdfInfo(file)['Pages'])).toBeGreaterThan(5)
      const text = pdfText(file)
      expect(text).toContain('Acme Booking')
      expect(text).toContain('Executive summary')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
