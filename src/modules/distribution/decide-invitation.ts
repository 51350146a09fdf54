import { planSend } from "../../domain/contact-rules.ts";
import type { TContactRow } from "./contact-book.ts";
import type { TEffectiveRules } from "./contact-rules.ts";

/** Why an invitation was not scheduled (or, later, not sent). */
export const SKIP_REASONS = [
  "no_address",
  "invalid_address",
  "opted_out",
  "duplicate_event",
  "quarantine",
  "blackout",
  "expired",
  "invalid_tag",
  "invalid_row",
  "erased",
] as const;
export type TSkipReason = (typeof SKIP_REASONS)[number];

/** The life of an invitation. */
export const INVITATION_STATES = [
  "scheduled",
  "sending",
  "sent",
  "answered",
  "expired",
  "skipped",
  "failed",
  "dead",
] as const;
export type TInvitationState = (typeof INVITATION_STATES)[number];

export type TDecision = { state: "scheduled"; sendAt: Date } | { state: "skipped"; reason: TSkipReason };

export interface DecideInvitationOptions {
  contact: Pick<TContactRow, "email" | "emailInvalidAt" | "optedOutAt" | "lastSurveyedAt"> | null;
  /** An invitation for the same survey, contact and instant exists already. */
  duplicate: boolean;
  occurredAt: Date;
  now: Date;
  rules: TEffectiveRules;
}

/**
 * Whether and when to invite, checked in this order: an address at all, a known-bad address, an opt-out, the
 * same event seen before, then the contact rules (blackout or expiry, then the quarantine since the person's
 * latest scheduled or sent survey in any of the organisation's surveys).
 */
export function decideInvitation({
  contact,
  duplicate,
  occurredAt,
  now,
  rules,
}: DecideInvitationOptions): TDecision {
  if (!contact?.email) return { state: "skipped", reason: "no_address" };
  if (contact.emailInvalidAt) return { state: "skipped", reason: "invalid_address" };
  if (contact.optedOutAt) return { state: "skipped", reason: "opted_out" };
  if (duplicate) return { state: "skipped", reason: "duplicate_event" };
  const plan = planSend({ occurredAt, now, rules, lastContactedAt: contact.lastSurveyedAt });
  return plan.state === "scheduled" ? plan : { state: "skipped", reason: plan.reason };
}
