import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { department, survey } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { assertCaseWorker } from "./case-members.ts";
import { fieldError } from "./field-error.ts";
import type { TFollowUpRuleBody } from "./rule-contracts.ts";
import { followUpRule } from "./schema.ts";

/** Replaces the organisation's follow-up rule after checking every id it names belongs to the organisation. */
export async function setFollowUpRule(db: Db, orgId: string, rule: TFollowUpRuleBody): Promise<void> {
  await assertAll(db, orgId, survey, Object.keys(rule.surveys), "body.surveys");
  await assertAll(db, orgId, department, Object.keys(rule.departmentManagers), "body.departmentManagers");
  if (rule.defaultOwnerId) await assertCaseWorker(db, orgId, rule.defaultOwnerId, "body.defaultOwnerId");
  for (const [departmentId, userId] of Object.entries(rule.departmentManagers))
    await assertCaseWorker(db, orgId, userId, `body.departmentManagers.${departmentId}`);
  const now = new Date();
  await db
    .insert(followUpRule)
    .values({ orgId, ...rule, updatedAt: now })
    .onConflictDoUpdate({ target: followUpRule.orgId, set: { ...rule, updatedAt: now } });
}

async function assertAll(
  db: Db,
  orgId: string,
  table: typeof survey | typeof department,
  ids: string[],
  path: string,
): Promise<void> {
  if (!ids.length) return;
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inOrg(table, orgId), inArray(table.id, ids)));
  const known = new Set(found.map((r) => r.id));
  const missing = ids.find((id) => !known.has(id));
  if (missing) throw fieldError(`${path}.${missing}`, { key: "problem.field.noSuchId" });
}
