import { randomUUID } from "node:crypto";
import { and, eq, inArray, or } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { fieldError } from "../followup/field-error.ts";
import type { TGroupLink } from "./contracts.ts";
import { findLink } from "./find-links.ts";
import { groupLink } from "./schema.ts";

const userOf = (actor: TActor) => (actor.kind === "user" ? actor.userId : null);
const notFound = () => new AppError("NOT_FOUND", { message: { key: "problem.group.linkNotFound" } });

async function mustFind(db: Db, orgId: string, id: string): Promise<TGroupLink> {
  const link = await findLink(db, orgId, id);
  if (!link) throw notFound();
  return link;
}

/** The parent body asks an agency (by its organisation slug or id) to share its figures; the link is pending. */
export async function requestLink(db: Db, actor: TActor, agencyRef: string): Promise<TGroupLink> {
  const [agency] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(or(eq(organization.slug, agencyRef), eq(organization.id, agencyRef)));
  if (!agency) throw fieldError("body.agency", { key: "problem.field.noOrganization" }, "NOT_FOUND");
  if (agency.id === actor.orgId) throw fieldError("body.agency", { key: "problem.field.overseeItself" });
  const [open] = await db
    .select({ id: groupLink.id })
    .from(groupLink)
    .where(
      inOrg(
        groupLink,
        actor.orgId,
        eq(groupLink.agencyOrgId, agency.id),
        inArray(groupLink.state, ["pending", "active"]),
      ),
    );
  if (open) throw fieldError("body.agency", { key: "problem.field.linkExists" }, "CONFLICT");
  const id = randomUUID();
  await db.insert(groupLink).values({
    orgId: actor.orgId,
    id,
    agencyOrgId: agency.id,
    state: "pending",
    requestedBy: userOf(actor),
  });
  return mustFind(db, actor.orgId, id);
}

/**
 * The agency's answer to a pending request: accept (the link becomes active) or decline. Only the agency side can
 * answer; for the parent body the link is not found.
 */
export async function respondToLink(
  db: Db,
  actor: TActor,
  id: string,
  answer: "accept" | "decline",
): Promise<TGroupLink> {
  const link = await mustFind(db, actor.orgId, id);
  if (link.agency.id !== actor.orgId) throw notFound();
  const changed = await db
    .update(groupLink)
    .set({
      state: answer === "accept" ? "active" : "declined",
      respondedBy: userOf(actor),
      respondedAt: new Date(),
    })
    .where(
      and(
        inOrg(groupLink, link.parent.id, eq(groupLink.id, id)),
        eq(groupLink.agencyOrgId, actor.orgId),
        eq(groupLink.state, "pending"),
      ),
    )
    .returning({ id: groupLink.id });
  if (changed.length === 0)
    throw new AppError("CONFLICT", {
      message: { key: "problem.group.answerPendingOnly", values: { state: link.state } },
    });
  return mustFind(db, actor.orgId, id);
}

/** Either side ends a pending or active link; the row stays, with who ended it and when. */
export async function endLink(db: Db, actor: TActor, id: string): Promise<TGroupLink> {
  const link = await mustFind(db, actor.orgId, id);
  const side = link.parent.id === actor.orgId ? "parent" : "agency";
  const changed = await db
    .update(groupLink)
    .set({ state: "ended", endedBySide: side, endedBy: userOf(actor), endedAt: new Date() })
    .where(
      and(
        inOrg(groupLink, link.parent.id, eq(groupLink.id, id)),
        inArray(groupLink.state, ["pending", "active"]),
      ),
    )
    .returning({ id: groupLink.id });
  if (changed.length === 0)
    throw new AppError("CONFLICT", {
      message: { key: "problem.group.endOpenOnly", values: { state: link.state } },
    });
  return mustFind(db, actor.orgId, id);
}
