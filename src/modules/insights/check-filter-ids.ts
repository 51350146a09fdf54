import { eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../db/connect.ts";
import { channel, department, employee, service, survey } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { fieldProblem } from "../../http/errors.ts";
import type { SummaryFilters } from "./report-types.ts";

const TABLES: [keyof SummaryFilters, PgTable & { orgId: PgColumn; id: PgColumn }, string][] = [
  ["surveyId", survey, "survey"],
  ["serviceId", service, "service"],
  ["departmentId", department, "department"],
  ["employeeId", employee, "employee"],
  ["channelId", channel, "channel"],
];

/** Rejects filter ids that are not the organisation's own (404 naming the field), so a typo never reads as "no answers". */
export async function checkFilterIds(db: Db, orgId: string, filters: SummaryFilters): Promise<void> {
  for (const [field, table, noun] of TABLES) {
    const id = filters[field];
    if (!id) continue;
    const [found] = await db
      .select({ id: table.id })
      .from(table)
      .where(inOrg(table, orgId, eq(table.id, id)));
    if (!found)
      throw fieldProblem(
        `querystring.${field}`,
        { key: "problem.field.noSuchFilterItem", values: { noun } },
        { code: "NOT_FOUND", detail: { key: "problem.filter.notFound", values: { field, noun } } },
      );
  }
}
