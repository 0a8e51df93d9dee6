/**
 * Feature panels each stage screen mounts below its checklist. Each feature
 * module exports a component taking `{ projectId, stage }`; features add
 * themselves here.
 */
import type { ComponentType } from 'react'
import type { StageNumber } from '../../../shared/catalog'
import { lazy } from 'react'

export interface StagePanelProps {
  projectId: string
  stage: StageNumber
}

export interface StagePanel {
  id: string
  title: string
  stages: StageNumber[]
  Component: ComponentType<StagePanelProps>
}

export const stagePanels: StagePanel[] = []
// Loaded on first use: the charts library stays out of the start-up bundle.
stagePanels.push({ id: 'perf', title: 'Backend performance', stages: [5], Component: lazy(() => import('./perf')) })
// The database advisor: slow queries and missing indexes, read-only.
stagePanels.push({ id: 'db', title: 'Database', stages: [5], Component: lazy(() => import('./db')) })
// Stage 1 risk report and each stage's automated findings (lazily loaded with the other panels).
stagePanels.push({ id: 'audit', title: 'Automated checks', stages: [1, 2, 3, 4, 6], Component: lazy(() => import('./audit')) })
// Stage 2 email authentication: records, SPF lookup tree, provider steps, DKIM selectors and the hand test.
stagePanels.push({ id: 'email', title: 'Email authentication', stages: [2], Component: lazy(() => import('./email')) })
// Secrets: Stage 1 shows the counts by kind beside the risk report; Stage 4 the full scan and table.
stagePanels.push({ id: 'secrets', title: 'Exposed secrets', stages: [1, 4], Component: lazy(() => import('./secrets')) })
// Uptime watch, alerts and the four-number ops view (charts load lazily with the panel).
stagePanels.push({ id: 'monitor', title: 'Uptime', stages: [6], Component: lazy(() => import('./monitor')) })
// Deploys: the environment inventory, the smoke test and rollback notes (Stage 4); the CI workflow (Stages 4 and 6).
stagePanels.push({ id: 'deploy', title: 'Deploys', stages: [4, 6], Component: lazy(() => import('./deploy')) })
stagePanels.push({ id: 'handover', title: 'Handover pack', stages: [7], Component: lazy(() => import('./handover')) })
