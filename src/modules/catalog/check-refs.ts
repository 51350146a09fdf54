import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { channel, department, employee, member } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError, fieldProblem, fieldsProblem } from "../../http/errors.ts";
import type { CatalogTable } from "./catalog-items.ts";

/** Throws a VALIDATION error naming `field` unless `id` is a row of the organisation in `table`. */
export async function assertInOrg(
  db: Db,
  table: CatalogTable,
  orgId: string,
  id: string | null | undefined,
  field: string,
) {
  if (!id) return;
  // biome-ignore lint/suspicious/noExplicitAny: see catalogItems
  const [row] = await (db as any)
    .select({ id: table.id })
    .from(table)
    .where(inOrg(table, orgId, eq(table.id, id)));
  if (!row) throw fieldProblem(field, { key: "problem.field.noSuchRecord" });
}

/** Throws a VALIDATION error unless `parentId` keeps the department tree free of cycles. */
export async function assertNoCycle(db: Db, orgId: string, id: string, parentId: string) {
  for (let cursor: string | null = parentId, steps = 0; cursor && steps < 100; steps++) {
    if (cursor === id)
      throw fieldProblem(
        "body.parentId",
        { key: "problem.field.cycle" },
        { detail: { key: "problem.catalog.cycle" } },
      );
    const [row] = await db
      .select({ parentId: department.parentId })
      .from(department)
      .where(inOrg(department, orgId, eq(department.id, cursor)));
    cursor = row?.parentId ?? null;
  }
}

/** Throws a VALIDATION error naming `field` unless `userId` is a member of the organisation. */
export async function assertMemberUser(
  db: Db,
  orgId: string,
  userId: string | null | undefined,
  field: string,
) {
  if (!userId) return;
  const [m] = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.userId, userId)));
  if (!m) throw fieldProblem(field, { key: "problem.field.notMemberOfYours" });
}

/** Throws a VALIDATION error naming `field` when `userId` is already the user of another employee. */
export async function assertUserFree(
  db: Db,
  orgId: string,
  userId: string | null | undefined,
  field: string,
  employeeId?: string,
) {
  if (!userId) return;
  const [taken] = await db
    .select({ id: employee.id, name: employee.name })
    .from(employee)
    .where(inOrg(employee, orgId, eq(employee.userId, userId)));
  if (taken && taken.id !== employeeId)
    throw fieldProblem(field, { key: "problem.field.userTaken", values: { name: taken.name } });
}

/**
 * Throws a CONFLICT naming each language whose name another channel of the organisation has already (in any
 * case, archived channels included: restoring one must not make two of a name).
 */
export async function assertUniqueChannelNames(
  db: Db,
  orgId: string,
  names: Record<string, string | undefined> | undefined,
  id?: string,
) {
  if (!names) return;
  const others = await db
    .select({ id: channel.id, names: channel.names, archivedAt: channel.archivedAt })
    .from(channel)
    .where(inOrg(channel, orgId));
  const key = (s: string) => s.trim().toLocaleLowerCase();
  const clashes = Object.entries(names).flatMap(([lang, name]) => {
    if (!name) return [];
    const other = others.find((c) => c.id !== id && c.names[lang] && key(c.names[lang]) === key(name));
    return other ? [{ lang, name: other.names[lang], archived: Boolean(other.archivedAt) }] : [];
  });
  if (clashes.length === 0) return;
  const fields = clashes.map((c) => ({
    path: `body.names.${c.lang}`,
    message: {
      key: c.archived ? "problem.field.channelNameTakenArchived" : "problem.field.channelNameTaken",
      values: { name: c.name },
    },
    code: "duplicate_name",
  }));
  const taken = clashes.map((c) => `"${c.name}"`).join(", ");
  throw fieldsProblem(fields, {
    code: "CONFLICT",
    detail: { key: "problem.channel.nameTaken", values: { names: taken } },
  });
}

/**
 * Throws a CONFLICT naming body.code when another item of the table (archived ones included) has the code, in
 * any case: files name items by code, so one code must mean one item.
 */
export async function assertUniqueCode(
  db: Db,
  table: CatalogTable,
  orgId: string,
  code: string | null | undefined,
  id?: string,
) {
  if (!code) return;
  // biome-ignore lint/suspicious/noExplicitAny: see catalogItems
  const [taken] = await (db as any)
    .select({ id: table.id, code: table.code })
    .from(table)
    .where(inOrg(table, orgId, sql`lower(${table.code}) = lower(${code})`));
  if (!taken || taken.id === id) return;
  throw new AppError("CONFLICT", {
    detail: `code: "${taken.code}" is the code of another item already`,
    message: { key: "problem.duplicateCode", values: { code: taken.code } },
    errors: [{ path: "body.code", message: "another item has this code", code: "duplicate_code" }],
    fieldMessages: [{ key: "problem.field.duplicateCode" }],
  });
}
