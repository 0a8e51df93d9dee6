import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DurableDoc } from '../../../src/main/store/doc'
import { emptyProjects, migrateProjects, PROJECTS_VERSION, ProjectsDoc } from '../../../src/main/store/schema'
import { Project } from '../../../src/shared/model'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lr-doc-'))
})
afterEach(() => {
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

const open = () => new DurableDoc({ dir, name: 'projects', schema: ProjectsDoc, migrate: migrateProjects, empty: emptyProjects })
const now = '2026-01-01T00:00:00.000Z'
const project = (id: string, name = 'Acme') => Project.parse({ id, name, vertical: 'coach', domain: 'acme.com', createdAt: now, updatedAt: now })
const addProject = (doc: DurableDoc<ProjectsDoc>, id: string) => doc.update((d) => ({ ...d, projects: { ...d.projects, [id]: project(id) } }))
const onDisk = () => JSON.parse(readFileSync(join(dir, 'projects.json'), 'utf8')) as ProjectsDoc

describe('DurableDoc', () => {
  it('creates an empty, versioned file on first open', () => {
    const doc = open()
    expect(doc.recovery).toBeUndefined()
    expect(onDisk()).toEqual({ schemaVersion: PROJECTS_VERSION, projects: {} })
  })

  it('saves a change within 500 ms, debounced, and at once on flush', () => {
    vi.useFakeTimers()
    const doc = open()
    addProject(doc, 'a')
    addProject(doc, 'b')
    expect(Object.keys(onDisk().projects)).toEqual([])
    vi.advanceTimersByTime(500)
    expect(Object.keys(onDisk().projects).sort()).toEqual(['a', 'b'])
    addProject(doc, 'c')
    doc.flushSync()
    expect(Object.keys(onDisk().projects).sort()).toEqual(['a', 'b', 'c'])
  })

  it('reopens what was saved', () => {
    const doc = open()
    addProject(doc, 'a')
    doc.close()
    expect(Object.keys(open().data.projects)).toEqual(['a'])
  })

  const damage: [string, string | Buffer, RegExp][] = [
    ['cut short', '{"schemaVersion":2,"projects":{"a":{"id":"a","na', /not valid JSON/],
    ['empty', '', /empty/],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x22]), /not valid JSON/],
    ['valid JSON, wrong shape', '{"schemaVersion":2,"projects":{"a":{"id":"a","vertical":"casino"}}}', /did not match the expected format/],
    ['a JSON array', '[1,2,3]', /does not hold a Launch Ready project list/],
    ['no version', '{"projects":{}}', /no schema version/],
    ['from a newer app', '{"schemaVersion":99,"projects":{}}', /newer version of Launch Ready/],
  ]
  for (const [label, content, reason] of damage) {
    it(`moves a damaged file aside (${label}) and restores the last good copy`, () => {
      const first = open()
      addProject(first, 'kept')
      first.close()
      writeFileSync(join(dir, 'projects.json'), content)
      const doc = open()
      expect(doc.recovery).toBeDefined()
      expect(doc.recovery!.reason).toMatch(reason)
      expect(doc.recovery!.restored).toBe(true)
      expect(Object.keys(doc.data.projects)).toEqual(['kept'])
      // The damaged bytes are kept, never deleted.
      expect(readFileSync(doc.recovery!.movedTo)).toEqual(Buffer.from(content))
      // And the main file is good again.
      expect(Object.keys(onDisk().projects)).toEqual(['kept'])
    })
  }

  it('starts empty, and says so, when there is no good copy to restore', () => {
    writeFileSync(join(dir, 'projects.json'), '{oops')
    const doc = open()
    expect(doc.recovery?.restored).toBe(false)
    expect(doc.data.projects).toEqual({})
    expect(readdirSync(dir).some((f) => f.startsWith('projects.damaged-'))).toBe(true)
  })

  it('falls back to empty when the last good copy is damaged too, keeping the damaged main file', () => {
    const first = open()
    addProject(first, 'a')
    first.close()
    writeFileSync(join(dir, 'projects.json'), 'nope')
    writeFileSync(join(dir, 'projects.last-good.json'), 'nope either')
    const doc = open()
    expect(doc.recovery?.restored).toBe(false)
    expect(existsSync(doc.recovery!.movedTo)).toBe(true)
  })
})

describe('migrations', () => {
  it('v1 (an array, currentStage on each project) becomes v2 (a map, wizard.stage)', () => {
    const v1 = {
      version: 1,
      projects: [
        { id: 'p1', name: 'Acme', vertical: 'coach', domain: 'acme.com', createdAt: now, updatedAt: now, currentStage: 3 },
        { id: 'p2', name: 'Globex', vertical: 'ecommerce', domain: 'globex.io', createdAt: now, updatedAt: now },
      ],
    }
    writeFileSync(join(dir, 'projects.json'), JSON.stringify(v1))
    const doc = open()
    expect(doc.recovery).toBeUndefined()
    expect(doc.data.schemaVersion).toBe(2)
    expect(doc.data.projects.p1?.wizard.stage).toBe(3)
    expect(doc.data.projects.p2?.wizard.stage).toBe(1)
    expect('currentStage' in doc.data.projects.p1!).toBe(false)
    doc.flushSync()
    expect(onDisk().schemaVersion).toBe(2)
  })

  it('a v1 project without an id is a damaged file, not a silent drop', () => {
    expect(() => migrateProjects({ version: 1, projects: [{ name: 'x' }] })).toThrow(/no id/)
  })
})
