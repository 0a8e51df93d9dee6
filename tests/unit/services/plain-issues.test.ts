/** Import problems in words: the field's label and what is wrong, never the path twice or zod's wording. */
import { describe, expect, it } from 'vitest'
import { ExportFile } from '../../../src/shared/model'
import { plainIssue } from '../../../src/shared/plain-issues'

describe('validation problems in plain words', () => {
  it('says which field and what is wrong', () => {
    const r = ExportFile.safeParse({ format: 'launch-ready/project', version: 7, exportedAt: 'now', project: { id: 'x', name: 'Broken', vertical: 'casino' } })
    expect(r.success).toBe(false)
    const said = r.error!.issues.map(plainIssue)
    expect(said).toContain('This file was made by a different version of Launch Ready; this app reads project files of version 1.')
    const vertical = said.find((s) => s.startsWith('The business type'))!
    expect(vertical).toMatch(/^The business type must be one of: .*founder-led ecommerce.*\.$/)
    expect(vertical).not.toContain('"')
    expect(said).toContain('The domain is missing.')
    for (const s of said) {
      expect(s).not.toMatch(/project\.|Invalid option|expected one of/)
      expect(s).toMatch(/^[A-Z].*\.$/)
    }
  })
})
