import type { ScorecardModel, ScorecardSection } from "../scorecard-model.ts";

/** Contact channels that SKA evaluates with a scorecard. */
export type ScorecardChannel = "face_to_face" | "phone" | "email" | "self_service";

/** A ready model an organisation copies and edits; `sourceNote` says where it comes from and what to check. */
export interface ScorecardTemplate extends ScorecardModel {
  channel: ScorecardChannel;
  sourceNote: string;
}

/** A criterion as [text, max]; keys are derived from the section key and position. */
export type CriterionRow = readonly [text: string, max: number];

/** Builds a section whose criterion keys are `<sectionKey>.<n>`, numbered from 1. */
export function section(
  key: string,
  title: string,
  weight: number,
  rows: readonly CriterionRow[],
): ScorecardSection {
  return {
    key,
    title,
    weight,
    criteria: rows.map(([text, max], index) => ({ key: `${key}.${index + 1}`, text, max })),
  };
}
