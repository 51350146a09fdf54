/** Status of an improvement action. */
export type ActionStatus = "planned" | "in_progress" | "done" | "dropped";

/**
 * Whether an action may move from `from` to `to`. Dropping needs a reason and taking up a dropped action
 * again needs a note saying why; those are checked where the request is read.
 */
export function canMoveAction(from: ActionStatus, to: ActionStatus): boolean {
  if (from === to) return false;
  if (from === "done") return to === "in_progress";
  if (from === "dropped") return to === "planned" || to === "in_progress";
  return true;
}
