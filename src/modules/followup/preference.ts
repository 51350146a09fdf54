import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { followUpPreference } from "./schema.ts";

export const ASSIGNMENT_MAILS = ["each", "digest"] as const;

export const ZFollowUpPreference = z.object({
  /** each: an e-mail per assigned case; digest: one e-mail a day (07:00 in the organisation's time zone). */
  assignmentMail: z.enum(ASSIGNMENT_MAILS),
});
export type TFollowUpPreference = z.infer<typeof ZFollowUpPreference>;

/** A staff member's follow-up mail preference in the organisation (an e-mail per assignment by default). */
export async function getFollowUpPreference(
  db: Db,
  orgId: string,
  userId: string,
): Promise<TFollowUpPreference> {
  const [row] = await db
    .select({ assignmentMail: followUpPreference.assignmentMail })
    .from(followUpPreference)
    .where(inOrg(followUpPreference, orgId, eq(followUpPreference.userId, userId)));
  return { assignmentMail: row?.assignmentMail === "digest" ? "digest" : "each" };
}

/**
 * Stores the preference. Cases assigned while it was "each" and not yet mailed are mailed by whichever
 * comes first; switching to "digest" starts with the next digest.
 */
export async function setFollowUpPreference(
  db: Db,
  orgId: string,
  userId: string,
  p: TFollowUpPreference,
): Promise<TFollowUpPreference> {
  const now = new Date();
  await db
    .insert(followUpPreference)
    .values({ orgId, userId, assignmentMail: p.assignmentMail, updatedAt: now })
    .onConflictDoUpdate({
      target: [followUpPreference.orgId, followUpPreference.userId],
      set: { assignmentMail: p.assignmentMail, updatedAt: now },
    });
  return getFollowUpPreference(db, orgId, userId);
}
