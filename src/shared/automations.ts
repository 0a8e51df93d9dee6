/** The checks the CI workflow can automate ("what I would automate"), in the founder's words. */
export const AUTOMATIONS = ['secrets', 'audit', 'email', 'smoke', 'perf'] as const
export type Automation = (typeof AUTOMATIONS)[number]

export const AUTOMATION_WORDS: Record<Automation, string> = {
  secrets: 'Secret scan on every push and pull request (results in code scanning)',
  audit: 'The full launch audit every morning and on demand',
  email: 'SPF, DKIM and DMARC check every morning',
  smoke: 'Smoke test after each deploy (pages, health, live version)',
  perf: 'p95 guard on the key routes against your target',
}
