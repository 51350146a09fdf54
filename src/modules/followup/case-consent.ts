import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { normalisePhone } from "../../domain/phone.ts";
import { followUpCase } from "./schema.ts";
import { getFollowUpRule } from "./rule.ts";
import { appendCaseEvent } from "./timeline.ts";

/** A respondent's answer to "may we contact you about it?". */
export interface TContactConsent {
  contact: "no" | "email" | "phone";
  /** E.164, with `contact: "phone"`. */
  phone?: string;
}

/** Reads the consent fields of the answer form; `phoneError` when "by phone" comes without a usable number. */
export function readConsent(body: unknown): {
  consent?: TContactConsent;
  phone?: string;
  phoneError: boolean;
} {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const contact =
    b.contact === "no" || b.contact === "email" || b.contact === "phone" ? b.contact : undefined;
  const typed = typeof b.phone === "string" ? b.phone.slice(0, 40) : undefined;
  if (!contact) return { phone: typed, phoneError: false };
  if (contact !== "phone") return { consent: { contact }, phone: typed, phoneError: false };
  const phone = typed ? normalisePhone(typed) : null;
  return phone
    ? { consent: { contact, phone }, phone: typed, phoneError: false }
    : { phone: typed, phoneError: true };
}

/** The consent stored on an answer's case (to show the question again), or null when it has no case. */
export async function findCaseConsent(db: Db, orgId: string, responseId: string) {
  const [c] = await db
    .select({ contactAllowed: followUpCase.contactAllowed, contactChannel: followUpCase.contactChannel })
    .from(followUpCase)
    .where(inOrg(followUpCase, orgId, eq(followUpCase.responseId, responseId)));
  if (!c) return null;
  const contact: TContactConsent["contact"] | undefined =
    c.contactAllowed === false
      ? "no"
      : c.contactAllowed
        ? (c.contactChannel as "email" | "phone")
        : undefined;
  return { contact };
}

/** Stores the consent on the case, inside the answer's transaction; the timeline notes the choice, not the number. */
export async function storeConsent(
  tx: Db,
  orgId: string,
  caseId: string,
  consent: TContactConsent,
  now: Date,
): Promise<void> {
  const allowed = consent.contact !== "no";
  await tx
    .update(followUpCase)
    .set({
      contactAllowed: allowed,
      contactChannel: allowed ? consent.contact : null,
      contactPhone: consent.contact === "phone" ? (consent.phone ?? null) : null,
      updatedAt: now,
    })
    .where(inOrg(followUpCase, orgId, eq(followUpCase.id, caseId)));
  await appendCaseEvent(tx, orgId, caseId, { kind: "consent", data: { contact: consent.contact } }, now);
}

/**
 * Whether a form without a second page (the website survey) asks the contact question up front: when the
 * follow-up rule can open a case for an answer to this survey at all.
 */
export async function asksContactConsent(db: Db, orgId: string, surveyId: string): Promise<boolean> {
  const rule = await getFollowUpRule(db, orgId);
  const o = rule.surveys[surveyId] ?? {};
  if (!(o.enabled ?? rule.enabled)) return false;
  const npsMax = o.npsMax !== undefined ? o.npsMax : rule.npsMax;
  const satMax = o.satisfactionMax !== undefined ? o.satisfactionMax : rule.satisfactionMax;
  return npsMax !== null || satMax !== null;
}
