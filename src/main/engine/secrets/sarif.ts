/**
 * SARIF 2.1.0 for code-scanning tools (GitHub's code scanning reads it): one
 * rule per check, one result per failing finding with its file and line, the
 * masked value in the message and the fingerprint as the partial fingerprint
 * (so a value is one alert across runs). Never the value itself.
 */
import type { Finding } from '../../../shared/model'
import { catalogEntry } from '../../../shared/catalog'

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = { blocker: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' }
const SECURITY: Record<string, string> = { blocker: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }

export function toSarif(findings: readonly Finding[], meta: { version: string; root?: string }): object {
  const open = findings.filter((f) => f.status === 'fail' || f.status === 'warn')
  const ids = [...new Set(open.map((f) => f.checkId))].sort()
  const rules = ids.map((id) => {
    const entry = catalogEntry(id)
    return {
      id,
      name: id.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: entry?.name ?? id },
      fullDescription: { text: `Launch Ready check ${id}: ${entry?.name ?? id}.` },
      defaultConfiguration: { level: LEVEL[entry?.severity ?? 'high'] ?? 'error' },
      properties: { tags: ['security', 'secrets'], 'security-severity': SECURITY[entry?.severity ?? 'high'] },
    }
  })
  const results = open.map((f) => {
    const e = f.evidence as Record<string, unknown>
    const file = typeof e.file === 'string' ? e.file : undefined
    const url = typeof e.url === 'string' ? e.url : undefined
    const line = typeof e.line === 'number' && e.line > 0 ? e.line : undefined
    const location = file
      ? { physicalLocation: { artifactLocation: { uri: encodeURI(file), ...(meta.root ? { uriBaseId: 'SRCROOT' } : {}) }, ...(line ? { region: { startLine: line } } : {}) } }
      : url
        ? { physicalLocation: { artifactLocation: { uri: url } } }
        : undefined
    const fix = f.fix.map((s) => s.text).join(' ')
    return {
      ruleId: f.checkId,
      ruleIndex: ids.indexOf(f.checkId),
      level: LEVEL[f.severity] ?? 'warning',
      message: { text: `${f.title}. ${f.summary}${fix ? ` Fix: ${fix}` : ''}` },
      ...(location ? { locations: [location] } : {}),
      partialFingerprints: { 'launchReadySecret/v1': typeof e.fingerprint === 'string' ? `${f.checkId}:${e.fingerprint}${typeof e.commit === 'string' ? `:${e.commit}` : ''}` : `${f.checkId}:${f.target}` },
      properties: {
        target: f.target,
        severity: f.severity,
        ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
        ...(typeof e.provider === 'string' ? { provider: e.provider } : {}),
        ...(typeof e.masked === 'string' ? { masked: e.masked } : {}),
        ...(typeof e.commit === 'string' ? { commit: e.commit } : {}),
      },
    }
  })
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Launch Ready', semanticVersion: meta.version, version: meta.version, rules } },
        ...(meta.root ? { originalUriBaseIds: { SRCROOT: { uri: `file://${encodeURI(meta.root.endsWith('/') ? meta.root : `${meta.root}/`)}` } } } : {}),
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  }
}
