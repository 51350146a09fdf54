import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { groupLink } from "./schema.ts";

/** An agency whose figures a parent body may read now. */
export interface TActiveAgency {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  minSample: number;
  /** When the agency accepted the link. */
  linkedSince: Date;
}

/**
 * The agencies with an active link to the parent body: the only organisations whose figures it may read. Pending,
 * declined and ended links give nothing.
 */
export async function activeAgencies(db: Db, parentOrgId: string): Promise<TActiveAgency[]> {
  const rows = await db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      timeZone: organization.timeZone,
      minSample: organization.minSample,
      linkedSince: groupLink.respondedAt,
      requestedAt: groupLink.requestedAt,
    })
    .from(groupLink)
    .innerJoin(organization, eq(organization.id, groupLink.agencyOrgId))
    .where(inOrg(groupLink, parentOrgId, eq(groupLink.state, "active")))
    .orderBy(asc(organization.name));
  return rows.map(({ requestedAt, linkedSince, ...a }) => ({
    ...a,
    linkedSince: linkedSince ?? requestedAt,
  }));
}

/** One agency of the parent body's active links; NOT_FOUND otherwise (as for an unknown id). */
export async function getActiveAgency(db: Db, parentOrgId: string, agencyId: string): Promise<TActiveAgency> {
  const found = (await activeAgencies(db, parentOrgId)).find((a) => a.id === agencyId);
  if (!found) throw new AppError("NOT_FOUND", { message: { key: "problem.group.agencyNotFound" } });
  return found;
}

/** The organisation's own minimum sample (the parent body's, for the pooled figures). */
export async function ownMinSample(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ minSample: organization.minSample })
    .from(organization)
    .where(eq(organization.id, orgId));
  return row?.minSample ?? 5;
}
