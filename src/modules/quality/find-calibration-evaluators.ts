import { asc, eq, inArray } from "drizzle-orm";
import { ROLE_CAPABILITIES, ROLES, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { member, user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";

/** The roles whose holders evaluate contacts, so may be put on a calibration panel. */
const EVALUATING_ROLES = ROLES.filter((role) => ROLE_CAPABILITIES[role].includes("quality:evaluate"));

/**
 * The organisation's members who may score a calibration session (their user id and name only), so
 * that whoever opens a session can choose its panel without reading the member list.
 */
export function findCalibrationEvaluators(db: Db, actor: TActor) {
  return db
    .select({ userId: member.userId, name: user.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(inOrg({ orgId: member.organizationId }, actor.orgId, inArray(member.role, EVALUATING_ROLES)))
    .orderBy(asc(user.name), asc(member.userId));
}
