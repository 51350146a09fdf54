import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { followUpRule, improvementAction } from "./schema.ts";

/** The organisation behind a "You said, we did" page, if it has switched the page on. */
export async function findWeDidOrganization(db: Db, slug: string) {
  const [org] = await db
    .select({
      id: organization.id,
      name: organization.name,
      defaultLocale: organization.defaultLocale,
      timeZone: organization.timeZone,
    })
    .from(organization)
    .innerJoin(followUpRule, inOrg(followUpRule, organization.id, eq(followUpRule.publicPage, true)))
    .where(eq(organization.slug, slug));
  return org ?? null;
}

/** Completed actions marked public, newest first, with their plain-language texts per language. */
export async function findPublicActions(db: Db, orgId: string) {
  return db
    .select({
      id: improvementAction.id,
      title: improvementAction.title,
      description: improvementAction.description,
      completedOn: improvementAction.completedOn,
      publicTexts: improvementAction.publicTexts,
    })
    .from(improvementAction)
    .where(
      inOrg(
        improvementAction,
        orgId,
        eq(improvementAction.status, "done"),
        eq(improvementAction.public, true),
      ),
    )
    .orderBy(desc(improvementAction.completedOn))
    .limit(100);
}

/** The link to the organisation's "You said, we did" page for its thank-you pages, or null when it is off. */
export async function weDidHref(
  db: Db,
  orgId: string,
  orgSlug: string,
  locale: string,
): Promise<string | null> {
  const [on] = await db
    .select({ on: followUpRule.publicPage })
    .from(followUpRule)
    .where(inOrg(followUpRule, orgId, eq(followUpRule.publicPage, true)));
  return on ? `/we-did/${encodeURIComponent(orgSlug)}?lang=${encodeURIComponent(locale)}` : null;
}
