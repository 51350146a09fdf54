import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
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

/** Departments whose cases `userId` manages. */
export function managedDepartments(rule: TFollowUpRule, userId: string): string[] {
  return Object.entries(rule.departmentManagers)
    .filter(([, manager]) => manager === userId)
    .map(([departmentId]) => departmentId);
}
