import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { SKA_TARGETS, type TKpiSettingsValues } from "./contracts.ts";
import { kpiSettings } from "./schema.ts";

export type TTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface TKpiSettingsRow extends TKpiSettingsValues {
  callerSecret: string;
  timeZone: string;
}

/** The organisation's KPI settings (SKA's defaults until changed); creates the row and its HMAC secret on first use. */
export async function getKpiSettings(db: Db | TTx, orgId: string): Promise<TKpiSettingsRow> {
  await db
    .insert(kpiSettings)
    .values({ orgId, callerSecret: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const [row] = await db
    .select({
      callerSecret: kpiSettings.callerSecret,
      serviceLevelSeconds: kpiSettings.serviceLevelSeconds,
      shortAbandonSeconds: kpiSettings.shortAbandonSeconds,
      fcrWindowDays: kpiSettings.fcrWindowDays,
      retentionMonths: kpiSettings.retentionMonths,
      targets: kpiSettings.targets,
      timeZone: sql<string>`(select time_zone from organization where id = ${kpiSettings.orgId})`,
    })
    .from(kpiSettings)
    .where(inOrg(kpiSettings, orgId));
  return { ...row, targets: { ...SKA_TARGETS, ...row.targets } };
}

/** Public view of the settings (without the secret). */
export function publicSettings(s: TKpiSettingsRow): TKpiSettingsValues {
  return {
    serviceLevelSeconds: s.serviceLevelSeconds,
    shortAbandonSeconds: s.shortAbandonSeconds,
    fcrWindowDays: s.fcrWindowDays,
    retentionMonths: s.retentionMonths,
    targets: s.targets,
  };
}
