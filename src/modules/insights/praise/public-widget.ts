import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/connect.ts";
import { organization } from "../../../db/schema.ts";
import { escapeHtml } from "../../../views/html.ts";

/** Allows or stops the public widget. */
export async function setPublicWidget(db: Db, orgId: string, enabled: boolean): Promise<void> {
  await db.update(organization).set({ publicWidget: enabled }).where(eq(organization.id, orgId));
}

/** Whether the widget is on, and the HTML an administrator pastes into the organisation's website. */
export async function getPublicWidget(db: Db, orgId: string, publicUrl: string) {
  const [org] = await db
    .select({
      slug: organization.slug,
      name: organization.name,
      enabled: organization.publicWidget,
      locale: organization.defaultLocale,
    })
    .from(organization)
    .where(eq(organization.id, orgId));
  const src = `${publicUrl}/widget/${encodeURIComponent(org.slug)}?lang=${org.locale}`;
  const snippet = `<iframe src="${escapeHtml(src)}" title="${escapeHtml(org.name)}" width="340" height="460" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  return { enabled: org.enabled, snippet };
}

/** The organisation behind a widget address, only while its widget is on. */
export async function findWidgetOrganization(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: organization.id,
      name: organization.name,
      timeZone: organization.timeZone,
      defaultLocale: organization.defaultLocale,
      minSample: organization.minSample,
    })
    .from(organization)
    .where(and(eq(organization.slug, slug), eq(organization.publicWidget, true)));
  return row ?? null;
}
