/**
 * JSON export of the handover pack: the report model itself, schema-versioned
 * (`schema`, `version`) and validated against its zod schema before it is
 * written, so a consumer can rely on the shape. Findings are in SPEC.md's shape.
 */
import { ReportModel } from '../../shared/report-model'

export function toJson(model: ReportModel): string {
  const checked = ReportModel.parse(model)
  return `${JSON.stringify(checked, null, 2)}\n`
}

/** Parses a handover JSON export back (for tools and tests); throws with the zod issues when it does not match. */
export function parseReportJson(text: string): ReportModel {
  return ReportModel.parse(JSON.parse(text))
}
