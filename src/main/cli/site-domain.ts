/** A command's domain argument: validated, and www.acme.com read as the site acme.com (staging.acme.com stays itself). */
import { normalizeDomain } from '../../shared/domain'
import { UsageError } from './types'

export function siteDomain(input: string): string {
  const d = normalizeDomain(input)
  if (!d.ok) throw new UsageError(d.message)
  return d.subdomain === 'www' ? d.apex : d.ascii
}
