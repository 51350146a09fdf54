import { and, count, eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { member, user } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { orgRequiresTwoFactor } from "./org-security.ts";
import { orgSecurity } from "./schema.ts";

/** The organisation's sign-in rules and how many members have not set up two-factor sign-in yet. */
export async function getSecuritySettings(db: Db, orgId: string) {
  const [requireTwoFactor, [missing]] = await Promise.all([
    orgRequiresTwoFactor(db, orgId),
    db
      .select({ n: count() })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, orgId), eq(user.twoFactorEnabled, false))),
  ]);
  return { requireTwoFactor, membersWithoutTwoFactor: missing?.n ?? 0 };
}

/**
 * Turns the two-factor requirement on or off. Turning it on is refused while the owner doing it has no
 * second factor: the next request would shut them out of the very screen where they would undo it.
 */
export async function updateSecuritySettings(
  db: Db,
  actor: TActor,
  { requireTwoFactor }: { requireTwoFactor: boolean },
) {
  if (requireTwoFactor && !(await hasTwoFactor(db, actor)))
    throw new AppError("CONFLICT", { message: { key: "problem.security.ownTwoFactorFirst" } });
  const updatedBy = actor.kind === "user" ? actor.userId : null;
  await db
    .insert(orgSecurity)
    .values({ orgId: actor.orgId, requireTwoFactor, updatedBy })
    .onConflictDoUpdate({
      target: orgSecurity.orgId,
      set: { requireTwoFactor, updatedBy, updatedAt: new Date() },
    });
  return getSecuritySettings(db, actor.orgId);
}

async function hasTwoFactor(db: Db, actor: TActor): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const [row] = await db.select({ on: user.twoFactorEnabled }).from(user).where(eq(user.id, actor.userId));
  return row?.on === true;
}
