/**
 * Validation problems in a founder's words: the field's label instead of a
 * path, and what is wrong instead of zod's wording (used where a file a person
 * chose is refused, such as importing a project).
 */
import type { z } from 'zod'
import { VERTICAL_INFO, VERTICALS } from './verticals'

const LABELS: Record<string, string> = {
  format: 'The file type',
  version: 'The file version',
  exportedAt: 'The export date',
  'project.id': 'The project id',
  'project.name': 'The product name',
  'project.vertical': 'The business type',
  'project.domain': 'The domain',
  'project.canonicalHost': 'The main address (www or not)',
  'project.createdAt': 'The creation date',
  'project.updatedAt': 'The last change date',
  'project.subdomains': 'The subdomains',
  'project.criticalFlows': 'The critical flows',
  'project.contacts': 'The emergency contacts',
  'project.emailProviders': 'The email providers',
  'project.checklist': 'The checklist',
  'project.handover': 'The handover details',
  runs: 'The audit history',
}

/** The closest label for a path (`project.contacts.0.email` -> "Emergency contact 1, email"). */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.')
  if (LABELS[key]) return LABELS[key]
  for (let n = path.length - 1; n > 0; n--) {
    const base = LABELS[path.slice(0, n).map(String).join('.')]
    if (base) {
      const rest = path.slice(n).map((p) => (typeof p === 'number' ? `#${p + 1}` : String(p)))
      return `${base} (${rest.join(', ')})`
    }
  }
  return key ? `The field “${key}”` : 'The file'
}

const words = (values: readonly unknown[], path: readonly PropertyKey[]): string => {
  if (path.map(String).join('.') === 'project.vertical') return VERTICALS.map((v) => VERTICAL_INFO[v].label.toLowerCase()).join(', ')
  return values.map((v) => (typeof v === 'string' ? `“${v}”` : String(v))).join(', ')
}

/** One sentence for one zod issue. */
export function plainIssue(i: z.core.$ZodIssue): string {
  const label = fieldLabel(i.path)
  switch (i.code) {
    case 'invalid_value':
      if (i.path.map(String).join('.') === 'version') return `This file was made by a different version of Launch Ready; this app reads project files of version ${words(i.values, i.path)}.`
      return `${label} must be one of: ${words(i.values, i.path)}.`
    case 'invalid_type':
      return (i as { input?: unknown }).input === undefined ? `${label} is missing.` : `${label} has the wrong kind of value (it should be ${i.expected === 'string' ? 'text' : i.expected === 'array' ? 'a list' : i.expected}).`
    case 'too_big':
      return `${label} is too long (at most ${String(i.maximum)}${i.origin === 'string' ? ' characters' : i.origin === 'array' ? ' entries' : ''}).`
    case 'too_small':
      return i.origin === 'string' && Number(i.minimum) <= 1 ? `${label} is empty.` : `${label} is too short (at least ${String(i.minimum)}).`
    case 'unrecognized_keys':
      return `${label} has fields this app does not know: ${i.keys.join(', ')}.`
    case 'invalid_format':
      return `${label} is not in the expected format.`
    default:
      return `${label} is not valid.`
  }
}
