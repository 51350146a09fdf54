import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { stampedCache } from "../../db/stamped-cache.ts";
import { DEFAULT_FOLLOW_UP_TRIGGER } from "../../domain/follow-up-rule.ts";
import { followUpRule } from "./schema.ts";

/** The organisation's follow-up rule with defaults filled in. */
export interface TFollowUpRule {
  enabled: boolean;
  npsMax: number | null;
  satisfactionMax: number | null;
  surveys: Record<
    string,
    { enabled?: boolean; npsMax?: number | null; satisfactionMax?: number | null; recoveryQuestion?: boolean }
  >;
  deadlineWorkingDays: number;
  unreachableAfter: number;
  defaultOwnerId: string | null;
  departmentManagers: Record<string, string>;
  recoveryQuestion: boolean;
  recoveryDelayDays: number;
  publicPage: boolean;
}

export const DEFAULT_FOLLOW_UP_RULE: TFollowUpRule = {
  ...DEFAULT_FOLLOW_UP_TRIGGER,
  surveys: {},
  deadlineWorkingDays: 2,
  unreachableAfter: 3,
  defaultOwnerId: null,
  departmentManagers: {},
  recoveryQuestion: false,
  recoveryDelayDays: 3,
  publicPage: false,
};

/** A stored rule row (or none) as a full rule. */
export function ruleFromRow(row: typeof followUpRule.$inferSelect | null | undefined): TFollowUpRule {
  if (!row) return DEFAULT_FOLLOW_UP_RULE;
  const { orgId: _o, updatedAt: _u, ...rule } = row;
  return rule;
}

/** Reads the organisation's follow-up rule (defaults when it has none). */
export async function getFollowUpRule(db: Db, orgId: string): Promise<TFollowUpRule> {
  const [row] = await db.select().from(followUpRule).where(inOrg(followUpRule, orgId));
  return ruleFromRow(row);
}

/** Rules kept per organisation with their row's stamp; at most 1,000. */
const keptRules = stampedCache<TFollowUpRule>(1000);

/**
 * The organisation's rule as of `stamp`, the row's `xmin` read with a survey link (null: the organisation has no
 * rule row): from the process cache while the stamp matches, else read again and kept under the stamp read with
 * it. A changed rule has a new xmin, so every process sees the change at its next link read; an answer written
 * with the link checks the stamp again (first-answer.ts). The rule returned is frozen: requests share it.
 */
export async function stampedFollowUpRule(
  db: Db,
  orgId: string,
  stamp: string | null,
): Promise<TFollowUpRule> {
  if (stamp === null) return DEFAULT_FOLLOW_UP_RULE;
  const kept = keptRules.get(orgId, stamp);
  if (kept) return kept;
  const [row] = await db
    .select({ rule: followUpRule, stamp: sql<string>`${followUpRule}.xmin::text` })
    .from(followUpRule)
    .where(inOrg(followUpRule, orgId));
  if (!row) return DEFAULT_FOLLOW_UP_RULE;
  return keptRules.set(orgId, row.stamp, ruleFromRow(row.rule));
}

/** Departments whose cases `userId` manages. */
export function managedDepartments(rule: TFollowUpRule, userId: string): string[] {
  return Object.entries(rule.departmentManagers)
    .filter(([, manager]) => manager === userId)
    .map(([departmentId]) => departmentId);
}
