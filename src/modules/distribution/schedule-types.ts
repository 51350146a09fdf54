// What scheduling takes and gives, apart from schedule-batch.ts so that the row writers it calls need not
// import it back.
import type { TContactInput } from "./contact-input.ts";
import type { TSkipReason } from "./decide-invitation.ts";
import type { TTags } from "./tags.ts";

export type TSendSource = "api" | "bulk" | "manual";

/** One person to invite about one service contact. */
export interface TScheduleItem {
  contact: TContactInput | null;
  occurredAt: Date | null;
  tags: TTags;
  locale?: string | null;
  idempotencyKey?: string | null;
  /** Set when a bulk row cannot be scheduled as given (the API rejects such input instead). */
  invalid?: { reason: "invalid_address" | "invalid_tag" | "invalid_row"; detail: string };
}

/** What became of one item. */
export interface TScheduleOutcome {
  invitationId: string;
  contactId: string | null;
  state: "scheduled" | "skipped";
  sendAt: Date | null;
  reason: TSkipReason | null;
  detail: string | null;
  /** For duplicate_event: the invitation already scheduled for this contact and instant. */
  duplicateOf: string | null;
}
