import { createHash, randomBytes } from "node:crypto";
import { desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../../db/connect.ts";
import { employee, organization, praise, response, service } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Only a SHA-256 of the wall token is stored: a database leak must not open every wall. */
export function hashWallToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Turns the praise wall on with a new unguessable link (any earlier link stops working). */
export async function enablePraiseWall(db: Db, orgId: string, publicUrl: string) {
  const token = randomBytes(32).toString("base64url");
  await db
    .update(organization)
    .set({ praiseWallToken: hashWallToken(token) })
    .where(eq(organization.id, orgId));
  return { enabled: true as const, url: `${publicUrl}/wall/${token}` };
}

/** Turns the praise wall off; its link answers 404 from then on. */
export async function disablePraiseWall(db: Db, orgId: string): Promise<void> {
  await db.update(organization).set({ praiseWallToken: null }).where(eq(organization.id, orgId));
}

/** Whether the organisation's wall is on (its link cannot be shown again: only a hash is kept). */
export async function praiseWallStatus(db: Db, orgId: string) {
  const [row] = await db
    .select({ token: organization.praiseWallToken })
    .from(organization)
    .where(eq(organization.id, orgId));
  return { enabled: Boolean(row?.token) };
}

/** The organisation whose wall the token opens, or null. */
export async function findWallOrganization(db: Db, token: string) {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [row] = await db
    .select({
      id: organization.id,
      name: organization.name,
      timeZone: organization.timeZone,
      defaultLocale: organization.defaultLocale,
    })
    .from(organization)
    .where(eq(organization.praiseWallToken, hashWallToken(token)));
  return row ?? null;
}

/** The first word of a name: the wall and the widget name employees by first name only. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

/** A catalogue name in the page language, else Estonian, else any. */
export function nameIn(names: Record<string, string>, locale: string): string {
  return names[locale] ?? names.et ?? Object.values(names)[0] ?? "";
}

/**
 * Approved praise for public display, newest approval first: the approved text, whom it praises (an employee's
 * first name or a service's name) and the answer's month. Nothing about the respondent is selected.
 */
export async function findApprovedPraise(
  db: Db,
  orgId: string,
  { locale = "et", timeZone = "Europe/Tallinn", limit = 24 } = {},
) {
  const rows = await db
    .select({
      text: praise.text,
      target: praise.target,
      employeeName: employee.name,
      serviceNames: service.names,
      receivedAt: response.receivedAt,
    })
    .from(praise)
    .innerJoin(response, inOrg(response, praise.orgId, eq(response.id, praise.responseId)))
    .leftJoin(employee, inOrg(employee, praise.orgId, eq(employee.id, praise.employeeId)))
    .leftJoin(service, inOrg(service, praise.orgId, eq(service.id, praise.serviceId)))
    .where(inOrg(praise, orgId, isNotNull(praise.approvedAt)))
    .orderBy(desc(praise.approvedAt), desc(praise.responseId))
    .limit(limit);
  const month = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone });
  return rows.map((r) => ({
    text: r.text,
    who:
      r.target === "employee"
        ? firstName(r.employeeName ?? "")
        : r.serviceNames
          ? nameIn(r.serviceNames, locale)
          : "",
    month: month.format(r.receivedAt),
  }));
}
