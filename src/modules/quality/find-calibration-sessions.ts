import { desc, eq, exists, or, sql } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { qualityCalibrationParticipant, qualityCalibrationSession } from "./calibration-schema.ts";

/** The sessions the actor owns or takes part in (every session for those who manage quality), newest first. */
export async function findCalibrationSessions(db: Db, actor: TActor) {
  const me = actor.kind === "user" ? actor.userId : null;
  const mine =
    me === null
      ? sql`false`
      : or(
          eq(qualityCalibrationSession.ownerId, me),
          exists(
            db
              .select({ one: sql`1` })
              .from(qualityCalibrationParticipant)
              .where(
                inOrg(
                  qualityCalibrationParticipant,
                  qualityCalibrationSession.orgId,
                  eq(qualityCalibrationParticipant.sessionId, qualityCalibrationSession.id),
                  eq(qualityCalibrationParticipant.userId, me),
                ),
              ),
          ),
        );
  const rows = await db
    .select()
    .from(qualityCalibrationSession)
    .where(inOrg(qualityCalibrationSession, actor.orgId, can(actor, "quality:manage") ? undefined : mine))
    .orderBy(desc(qualityCalibrationSession.sessionDate), desc(qualityCalibrationSession.createdAt))
    .limit(500);
  return rows.map((s) => ({
    id: s.id,
    title: s.title,
    modelVersionId: s.modelVersionId,
    date: s.sessionDate,
    ownerId: s.ownerId,
    state: s.state as "open" | "closed",
    createdAt: s.createdAt.toISOString(),
  }));
}
