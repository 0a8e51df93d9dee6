import type { StageNumber } from '../catalog'
import type { Vertical } from '../verticals'

/** One manual confirmation on a stage's checklist. */
export interface RoadmapItem {
  /** Stable id, `s<stage>.<slug>`; stored in `project.checklist`. Never rename. */
  id: string
  /** What the user confirms, in plain words. */
  title: string
  /** One line: why this matters. */
  why: string
  /** Catalog check IDs that cover this item automatically, when there are any. */
  checks?: string[]
}

export interface RoadmapStage {
  number: StageNumber
  /** Short name for navigation. */
  title: string
  /** What the stage is for, one or two sentences. */
  goal: string
  /** Why this stage matters, written for each vertical. */
  why: Record<Vertical, string>
  items: RoadmapItem[]
  /** What exists when the stage is done. */
  deliverable: string
  /** Signs the stage was skipped or done badly. */
  failureSignals: string[]
}

export interface GlossaryEntry {
  term: string
  /** Other spellings that should show the same explanation. */
  aliases?: string[]
  /** One line, plain words. */
  explain: string
}
