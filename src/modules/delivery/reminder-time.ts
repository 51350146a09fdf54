import { planSend } from "../../domain/contact-rules.ts";
import type { TContactRules } from "../../db/schema.ts";

export interface ReminderTimeOptions {
  sentAt: Date;
  afterDays: number | null;
  /** When the link closes: a reminder after that is pointless. */
  expiresAt: Date;
  rules: TContactRules | null;
  timeZone: string;
}

/**
 * When the one reminder goes: `afterDays` after sending, moved into the send window on a working day that
 * is no holiday nor blackout; null when no reminder is set or none fits before the link closes.
 */
export function reminderTime({
  sentAt,
  afterDays,
  expiresAt,
  rules,
  timeZone,
}: ReminderTimeOptions): Date | null {
  if (!afterDays || afterDays <= 0) return null;
  const due = new Date(sentAt.getTime() + afterDays * 86_400_000);
  if (due >= expiresAt) return null;
  let plan: ReturnType<typeof planSend>;
  try {
    plan = planSend({
      occurredAt: due,
      now: due,
      rules: {
        window: rules?.window,
        blackouts: rules?.blackouts,
        timeZone,
        delayWorkingDays: 0,
        expiryDays: Math.ceil((expiresAt.getTime() - due.getTime()) / 86_400_000),
      },
    });
  } catch {
    return null; // rules the calendar cannot plan with: no reminder rather than a wrong one
  }
  return plan.state === "scheduled" && plan.sendAt < expiresAt ? plan.sendAt : null;
}
