import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { canAssignRole, type TActor, type TRole } from "../../auth/permissions.ts";
import type { AppDeps } from "../../context.ts";
import { invitation, member, organization, session, user } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { recordAudit } from "../privacy/record-audit.ts";
import { accountMessage, t } from "../../i18n/account-mail.ts";
import { ensureUser } from "./create-organization.ts";
import { issuePasswordLink } from "./password-link.ts";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const columns = {
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  status: invitation.status,
  expiresAt: invitation.expiresAt,
  createdAt: invitation.createdAt,
};

/** Lists the organisation's invitations, newest first. */
export function findInvitations(deps: Pick<AppDeps, "db">, orgId: string) {
  return deps.db
    .select(columns)
    .from(invitation)
    .where(eq(invitation.organizationId, orgId))
    .orderBy(desc(invitation.createdAt));
}

export interface InviteUserOptions {
  email: string;
  role: TRole;
}

/** Invites someone by e-mail; a new person also gets a link to set a password. */
export async function inviteUser(
  deps: AppDeps,
  actor: TActor & { kind: "user" },
  { email, role }: InviteUserOptions,
) {
  if (!canAssignRole(actor, role))
    throw new AppError("FORBIDDEN", { message: { key: "problem.invitation.ownerOnly" } });
  const normalised = email.trim().toLowerCase();
  const [existing] = await deps.db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, actor.orgId), eq(user.email, normalised)));
  if (existing) throw new AppError("CONFLICT", { message: { key: "problem.invitation.alreadyMember" } });
  const invitee = await ensureUser(deps.db, normalised);
  const [row] = await deps.db
    .insert(invitation)
    .values({
      id: randomUUID(),
      organizationId: actor.orgId,
      email: normalised,
      role,
      status: "pending",
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      inviterId: actor.userId,
    })
    .returning(columns);
  await recordAudit(deps.db, {
    orgId: actor.orgId,
    actor,
    action: "member.invite",
    target: { type: "invitation", id: row.id },
    details: { role, userId: invitee.id },
  });
  const [org] = await deps.db
    .select({ name: organization.name, locale: organization.defaultLocale })
    .from(organization)
    .where(eq(organization.id, actor.orgId));
  const [inviter] = await deps.db.select({ name: user.name }).from(user).where(eq(user.id, actor.userId));
  const msg = accountMessage("invitation", org.locale, {
    org: org.name,
    inviter: inviter?.name ?? "",
    role: t(org.locale, `role.${role}`),
    url: `${deps.config.publicUrl}/app/accept-invitation?id=${row.id}`,
    setPasswordUrl: await issuePasswordLink(deps, invitee.id),
  });
  await deps.mailer.send({ to: normalised, kind: "invitation", orgId: actor.orgId, ...msg });
  return row;
}

/** Cancels a pending invitation. */
export async function cancelInvitation(deps: Pick<AppDeps, "db">, actor: TActor, id: string) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitation)
      .set({ status: "canceled" })
      .where(
        and(
          eq(invitation.organizationId, actor.orgId),
          eq(invitation.id, id),
          eq(invitation.status, "pending"),
        ),
      )
      .returning(columns);
    if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.invitation.notFound" } });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actor,
      action: "member.invitation_cancel",
      target: { type: "invitation", id },
    });
    return row;
  });
}

/** Accepts an invitation addressed to the signed-in user; makes its organisation the active one. */
export async function acceptInvitation(
  deps: Pick<AppDeps, "db">,
  signedIn: { userId: string; email: string; sessionId: string },
  id: string,
) {
  return deps.db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitation)
      .where(
        and(
          eq(invitation.id, id),
          eq(invitation.email, signedIn.email.toLowerCase()),
          eq(invitation.status, "pending"),
        ),
      );
    // Someone else's invitation is reported exactly like a missing one.
    if (!inv || inv.expiresAt < new Date())
      throw new AppError("NOT_FOUND", { message: { key: "problem.invitation.notYours" } });
    await tx
      .insert(member)
      .values({
        id: randomUUID(),
        organizationId: inv.organizationId,
        userId: signedIn.userId,
        role: inv.role ?? "viewer",
      })
      .onConflictDoNothing();
    await tx.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, id));
    await recordAudit(tx, {
      orgId: inv.organizationId,
      actor: { type: "user", id: signedIn.userId },
      action: "member.join",
      target: { type: "user", id: signedIn.userId },
      details: { role: inv.role ?? "viewer", invitationId: id },
    });
    await tx
      .update(session)
      .set({ activeOrganizationId: inv.organizationId })
      .where(eq(session.id, signedIn.sessionId));
    return { organizationId: inv.organizationId, role: inv.role ?? "viewer" };
  });
}
