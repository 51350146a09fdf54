import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TGroupLink } from "./contracts.ts";
import { groupLink } from "./schema.ts";

const parent = alias(organization, "parent_org");
const agency = alias(organization, "agency_org");

const columns = {
  id: groupLink.id,
  state: groupLink.state,
  parentId: groupLink.orgId,
  parentName: parent.name,
  parentSlug: parent.slug,
  agencyId: groupLink.agencyOrgId,
  agencyName: agency.name,
  agencySlug: agency.slug,
  requestedAt: groupLink.requestedAt,
  respondedAt: groupLink.respondedAt,
  endedAt: groupLink.endedAt,
  endedBySide: groupLink.endedBySide,
};

const toLink = (row: Record<keyof typeof columns, unknown>): TGroupLink => ({
  id: row.id as string,
  state: row.state as TGroupLink["state"],
  parent: { id: row.parentId as string, name: row.parentName as string, slug: row.parentSlug as string },
  agency: { id: row.agencyId as string, name: row.agencyName as string, slug: row.agencySlug as string },
  requestedAt: row.requestedAt as Date,
  respondedAt: (row.respondedAt as Date | null) ?? null,
  endedAt: (row.endedAt as Date | null) ?? null,
  endedBy: (row.endedBySide as TGroupLink["endedBy"]) ?? null,
});

function select(db: Db) {
  return db
    .select(columns)
    .from(groupLink)
    .innerJoin(parent, eq(parent.id, groupLink.orgId))
    .innerJoin(agency, eq(agency.id, groupLink.agencyOrgId));
}

/** Links the organisation requested as a parent body (the agencies it oversees or asked to), newest first. */
export async function findOverseenLinks(db: Db, orgId: string): Promise<TGroupLink[]> {
  const rows = await select(db).where(inOrg(groupLink, orgId)).orderBy(desc(groupLink.requestedAt));
  return rows.map(toLink);
}

/** Links in which the organisation is the agency: requests to it and parents overseeing it, newest first. */
export async function findParentLinks(db: Db, orgId: string): Promise<TGroupLink[]> {
  const rows = await select(db).where(eq(groupLink.agencyOrgId, orgId)).orderBy(desc(groupLink.requestedAt));
  return rows.map(toLink);
}

/** Both directions of the organisation's links. */
export async function findLinks(db: Db, orgId: string) {
  const [overseen, parents] = await Promise.all([findOverseenLinks(db, orgId), findParentLinks(db, orgId)]);
  return { overseen, parents };
}

/** One link as either side sees it; null when the organisation is neither side. */
export async function findLink(db: Db, orgId: string, id: string): Promise<TGroupLink | null> {
  const [asParent] = await select(db).where(inOrg(groupLink, orgId, eq(groupLink.id, id)));
  if (asParent) return toLink(asParent);
  const [asAgency] = await select(db).where(and(eq(groupLink.agencyOrgId, orgId), eq(groupLink.id, id)));
  return asAgency ? toLink(asAgency) : null;
}
