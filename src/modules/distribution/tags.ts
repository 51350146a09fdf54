import { inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { fieldsProblem } from "../../http/errors.ts";
import { AUDIENCES } from "../catalog/routes.ts";

/** Tags chosen at send time; they decide which breakdowns the answers allow later. */
export interface TTags {
  serviceId?: string | null;
  departmentId?: string | null;
  employeeId?: string | null;
  channelId?: string | null;
  audience?: string | null;
}

export const ZTags = z
  .object({
    serviceId: z.uuid().nullish(),
    departmentId: z.uuid().nullish(),
    employeeId: z.uuid().nullish(),
    channelId: z.uuid().nullish(),
    audience: z.enum(AUDIENCES).nullish(),
  })
  .strict();

/** Tag fields that point at catalogue rows, with their tables (the invitation columns have no foreign keys). */
export const TAG_TABLES = {
  serviceId: "service",
  departmentId: "department",
  employeeId: "employee",
  channelId: "channel",
} as const;
export type TTagKey = keyof typeof TAG_TABLES;
export const TAG_KEYS = Object.keys(TAG_TABLES) as TTagKey[];

/** The column of each tag field in bulk files. */
export const TAG_COLUMNS = {
  serviceId: "service_id",
  departmentId: "department_id",
  employeeId: "employee_id",
  channelId: "channel_id",
} as const satisfies Record<TTagKey, string>;

export type TKnownTags = Record<TTagKey, Set<string>>;

/** Which of the tag ids used in `tagsList` are catalogue rows of the organisation (one query). */
export async function findKnownTags(tx: Db, orgId: string, tagsList: TTags[]): Promise<TKnownTags> {
  const known = Object.fromEntries(TAG_KEYS.map((k) => [k, new Set<string>()])) as TKnownTags;
  const parts: SQL[] = [];
  for (const key of TAG_KEYS) {
    const ids = [...new Set(tagsList.map((t) => t[key]).filter((v): v is string => Boolean(v)))];
    if (ids.length === 0) continue;
    parts.push(
      sql`select ${key}::text as k, id from ${sql.identifier(TAG_TABLES[key])} where org_id = ${orgId} and id = any(${sql.param(ids)}::text[])`,
    );
  }
  if (parts.length === 0) return known;
  const { rows } = await tx.execute(sql.join(parts, sql` union all `));
  for (const r of rows as { k: TTagKey; id: string }[]) known[r.k].add(r.id);
  return known;
}

/** The tag fields of `tags` whose ids are not the organisation's. */
export function unknownTags(tags: TTags, known: TKnownTags): TTagKey[] {
  return TAG_KEYS.filter((k) => tags[k] && !known[k].has(tags[k] as string));
}

/**
 * Throws a VALIDATION error naming each tag field (under `prefix`, e.g. "body.tags") that is not the
 * organisation's; returns what it looked up, for the batch to reuse.
 */
export async function assertTags(tx: Db, orgId: string, tags: TTags, prefix: string): Promise<TKnownTags> {
  return assertKnownTags(tags, await findKnownTags(tx, orgId, [tags]), prefix);
}

/** assertTags with the ids already looked up. */
export function assertKnownTags(tags: TTags, known: TKnownTags, prefix: string): TKnownTags {
  const bad = unknownTags(tags, known);
  if (bad.length === 0) return known;
  throw fieldsProblem(
    bad.map((k) => ({ path: `${prefix}.${k}`, message: { key: "problem.field.noSuchRecord" } })),
  );
}

/**
 * A send tagged with a service but no department is counted under the service's department: returns each
 * item's tags with the department filled in (a department given with the send is kept), and adds the inherited
 * departments to `known` (they are the organisation's by the service's foreign key).
 */
export async function inheritDepartments(
  tx: Db,
  orgId: string,
  tagsList: TTags[],
  known: TKnownTags,
): Promise<TTags[]> {
  const ids = [
    ...new Set(
      tagsList
        .filter((t) => t.serviceId && !t.departmentId && known.serviceId.has(t.serviceId))
        .map((t) => t.serviceId as string),
    ),
  ];
  if (ids.length === 0) return tagsList;
  const rows = await tx
    .select({ id: service.id, departmentId: service.departmentId })
    .from(service)
    .where(inOrg(service, orgId, inArray(service.id, ids)));
  const departmentOf = new Map(rows.map((r) => [r.id, r.departmentId]));
  return tagsList.map((t) => {
    const departmentId = t.serviceId && !t.departmentId ? departmentOf.get(t.serviceId) : null;
    if (!departmentId) return t;
    known.departmentId.add(departmentId);
    return { ...t, departmentId };
  });
}
