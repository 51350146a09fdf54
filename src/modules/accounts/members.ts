import { and, asc, eq, ne } from "drizzle-orm";
import { canAssignRole, type TActor, type TRole } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee, member, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { recordAudit } from "../privacy/record-audit.ts";

const columns = {
  id: member.id,
  userId: member.userId,
  name: user.name,
  email: user.email,
  role: member.role,
  createdAt: member.createdAt,
};

/** Lists the organisation's members, each with the employee of the catalogue they are (if linked). */
export function findMembers(db: Db, orgId: string) {
  return db
    .select({ ...columns, employeeId: employee.id, employeeName: employee.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .leftJoin(employee, inOrg(employee, member.organizationId, eq(employee.userId, member.userId)))
    .where(eq(member.organizationId, orgId))
    .orderBy(asc(user.name));
}

async function getMember(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select(columns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, orgId), eq(member.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.member.notFound" } });
  return row;
}

async function assertAnotherOwner(db: Db, orgId: string, exceptMemberId: string) {
  const others = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.role, "owner"), ne(member.id, exceptMemberId)));
  if (others.length === 0) throw new AppError("CONFLICT", { message: { key: "problem.member.lastOwner" } });
}

function assertMayChange(actor: TActor, ...roles: TRole[]) {
  for (const role of roles) {
    if (!canAssignRole(actor, role))
      throw new AppError("FORBIDDEN", { message: { key: "problem.member.ownerRole" } });
  }
}

/** Changes a member's role (only owners touch owners; the last owner stays). */
export async function updateMemberRole(db: Db, actor: TActor, id: string, role: TRole) {
  const current = await getMember(db, actor.orgId, id);
  assertMayChange(actor, current.role as TRole, role);
  if (current.role === "owner" && role !== "owner") await assertAnotherOwner(db, actor.orgId, id);
  await db.transaction(async (tx) => {
    await tx
      .update(member)
      .set({ role })
      .where(and(eq(member.organizationId, actor.orgId), eq(member.id, id)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "member.role_change",
      target: { type: "user", id: current.userId },
      details: { from: current.role, to: role },
    });
  });
  return { ...current, role };
}

/** Removes a member from the organisation (their user account stays). */
export async function removeMember(db: Db, actor: TActor, id: string) {
  const current = await getMember(db, actor.orgId, id);
  assertMayChange(actor, current.role as TRole);
  if (current.role === "owner") await assertAnotherOwner(db, actor.orgId, id);
  await db.transaction(async (tx) => {
    await tx.delete(member).where(and(eq(member.organizationId, actor.orgId), eq(member.id, id)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "member.remove",
      target: { type: "user", id: current.userId },
      details: { role: current.role },
    });
  });
}
