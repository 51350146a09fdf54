import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { defaultQualityBands, validateBands } from "../../domain/quality-score.ts";
import type { TSettings } from "./contracts.ts";
import { problemsError } from "./problems.ts";
import { qualitySettings } from "./schema.ts";

/** The organisation's quality settings, or the defaults (SKA bands, 3 evaluations per employee a month). */
export async function getQualitySettings(db: Db, orgId: string): Promise<TSettings> {
  const [row] = await db.select().from(qualitySettings).where(inOrg(qualitySettings, orgId));
  if (!row) return { bands: { ...defaultQualityBands }, defaultQuota: 3, quotas: {}, reminderDaysBefore: 3 };
  return {
    bands: row.bands,
    defaultQuota: row.defaultQuota,
    quotas: row.quotas,
    reminderDaysBefore: row.reminderDaysBefore,
  };
}

/** Saves the settings; bands must be whole percents with good below very good. */
export async function setQualitySettings(db: Db, orgId: string, body: TSettings): Promise<void> {
  const problems = validateBands(body.bands);
  if (problems.length > 0) throw problemsError("body", problems);
  const values = { ...body, updatedAt: new Date() };
  await db
    .insert(qualitySettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: qualitySettings.orgId, set: values });
}
