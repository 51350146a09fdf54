import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { member, organization, session } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import type { TSignedIn } from "../../http/route.ts";
import { inOrg } from "../../db/scope.ts";
import { orgSecurity } from "../identity/schema.ts";

/** The signed-in user, their organisations (oldest membership first) and the active one. */
export async function getMe(db: Db, me: TSignedIn) {
  const orgs = await db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      role: member.role,
      requiresTwoFactor: sql<boolean>`coalesce(${orgSecurity.requireTwoFactor}, false)`,
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .leftJoin(orgSecurity, inOrg(orgSecurity, member.organizationId))
    .where(eq(member.userId, me.userId))
    .orderBy(asc(member.createdAt));
  const active = orgs.find((o) => o.id === me.activeOrganizationId)?.id ?? orgs[0]?.id ?? null;
  return {
    user: {
      id: me.userId,
      name: me.name,
      email: me.email,
      locale: me.locale,
      twoFactorEnabled: me.twoFactorEnabled,
    },
    organizations: orgs,
    activeOrganizationId: active,
  };
}

/** Makes one of the user's organisations the active one of this session; NOT_FOUND if not a member. */
export async function setActiveOrganization(db: Db, me: TSignedIn, organizationId: string) {
  const [m] = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.userId, me.userId), eq(member.organizationId, organizationId)));
  if (!m) throw new AppError("NOT_FOUND", { message: { key: "problem.me.notMember" } });
  await db.update(session).set({ activeOrganizationId: organizationId }).where(eq(session.id, me.sessionId));
  return { activeOrganizationId: organizationId };
}
