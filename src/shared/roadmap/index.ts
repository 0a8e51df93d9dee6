import type { StageNumber } from '../catalog'
import type { ChecklistState } from '../model'
import { stage1, stage2, stage3, stage4 } from './stages-early'
import { stage5, stage6, stage7 } from './stages-late'
import type { RoadmapItem, RoadmapStage } from './types'

export type { RoadmapItem, RoadmapStage, GlossaryEntry } from './types'
export { GLOSSARY, glossaryEntry, segmentText, type Segment } from './glossary'

/** The seven stages of SPEC.md's canonical roadmap, in order. */
export const STAGES: readonly RoadmapStage[] = [stage1, stage2, stage3, stage4, stage5, stage6, stage7]

export const STAGE_NUMBERS: readonly StageNumber[] = [1, 2, 3, 4, 5, 6, 7]

export function stageContent(n: StageNumber): RoadmapStage {
  return STAGES[n - 1]!
}

export const ALL_ITEMS: readonly (RoadmapItem & { stage: StageNumber })[] = STAGES.flatMap((s) =>
  s.items.map((i) => ({ ...i, stage: s.number })),
)
export const ALL_ITEM_IDS: readonly string[] = ALL_ITEMS.map((i) => i.id)

export interface Progress {
  done: number
  total: number
}

/** Items done in one stage, counting only ids the roadmap knows. */
export function stageProgress(checklist: Record<string, ChecklistState | undefined>, n: StageNumber): Progress {
  const items = stageContent(n).items
  return { done: items.filter((i) => checklist[i.id]?.done).length, total: items.length }
}

export function overallProgress(checklist: Record<string, ChecklistState | undefined>): Progress {
  return { done: ALL_ITEM_IDS.filter((id) => checklist[id]?.done).length, total: ALL_ITEM_IDS.length }
}
