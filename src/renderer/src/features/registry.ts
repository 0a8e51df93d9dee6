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
