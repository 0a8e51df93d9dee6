/**
 * Each command module registers itself with registerCommand() when imported.
 * They load on demand, by name, so one command's heavy dependencies (the PDF
 * renderer of `report`) never slow down or bloat another (`audit` in CI).
 * Add a command here.
 */
export const COMMANDS: Record<string, () => Promise<unknown>> = {
  perf: () => import('./perf'),
  load: () => import('./load'),
  audit: () => import('./audit'),
  report: () => import('./report'),
  spf: () => import('./spf'),
  app: () => import('./app'),
  secrets: () => import('./secrets'),
  db: () => import('./db'),
  env: () => import('./env'),
  smoke: () => import('./smoke'),
  workflow: () => import('./workflow'),
  watch: () => import('./watch'),
}
