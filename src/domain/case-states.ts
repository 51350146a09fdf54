/** States of a follow-up case. */
export const CASE_STATES = ["open", "in_progress", "contacted", "unreachable", "resolved"] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** How a case ended. */
export const CASE_RESOLUTIONS = [
  "explained",
  "fixed_for_person",
  "process_change",
  "no_action_possible",
] as const;
export type CaseResolution = (typeof CASE_RESOLUTIONS)[number];

/** open → in progress → contacted | unreachable → resolved; a resolved case can be reopened. */
const NEXT: Record<CaseState, readonly CaseState[]> = {
  open: ["in_progress", "contacted", "unreachable", "resolved"],
  in_progress: ["open", "contacted", "unreachable", "resolved"],
  contacted: ["in_progress", "resolved"],
  unreachable: ["in_progress", "contacted", "resolved"],
  resolved: ["open"],
};

/** Whether a case may move from `from` to `to` (staying put is not a move). */
export function canMoveCase(from: CaseState, to: CaseState): boolean {
  return NEXT[from].includes(to);
}

/** The state after a call attempt: reached → contacted; `attempts` failures reaching the limit → unreachable. */
export function stateAfterCall(
  from: CaseState,
  reached: boolean,
  attempts: number,
  unreachableAfter: number,
): CaseState {
  if (reached) return "contacted";
  if (attempts >= unreachableAfter) return "unreachable";
  return from === "open" ? "in_progress" : from;
}
