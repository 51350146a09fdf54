import { asc, eq } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { user } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { ScorecardModel } from "../../domain/scorecard-model.ts";
import { qualityCalibrationParticipant, qualityCalibrationSession } from "./calibration-schema.ts";
import { notFound } from "./problems.ts";
import { qualityModelVersion } from "./schema.ts";

/** A criterion of a model version with the section it belongs to. */
export interface TVersionCriterion {
  sectionKey: string;
  key: string;
  text: string;
  max: number;
}

/** Every criterion of a model definition, in the model's order. */
export function versionCriteria(definition: ScorecardModel): TVersionCriterion[] {
  return definition.sections.flatMap((section) =>
    section.criteria.map((c) => ({ sectionKey: section.key, key: c.key, text: c.text, max: c.max })),
  );
}

/**
 * A session the actor may see (its owner, a participant, or anyone who manages quality) with its
 * participants and model version; NOT_FOUND otherwise, also for another organisation's id.
 */
export async function visibleSession(db: Db, actor: TActor, id: string) {
  const [row] = await db
    .select({ session: qualityCalibrationSession, version: qualityModelVersion })
    .from(qualityCalibrationSession)
    .innerJoin(
      qualityModelVersion,
      inOrg(
        qualityModelVersion,
        qualityCalibrationSession.orgId,
        eq(qualityModelVersion.id, qualityCalibrationSession.modelVersionId),
      ),
    )
    .where(inOrg(qualityCalibrationSession, actor.orgId, eq(qualityCalibrationSession.id, id)));
  if (!row) throw notFound("session");
  const participants = await db
    .select({
      userId: qualityCalibrationParticipant.userId,
      name: user.name,
      submittedAt: qualityCalibrationParticipant.submittedAt,
    })
    .from(qualityCalibrationParticipant)
    .innerJoin(user, eq(user.id, qualityCalibrationParticipant.userId))
    .where(inOrg(qualityCalibrationParticipant, actor.orgId, eq(qualityCalibrationParticipant.sessionId, id)))
    .orderBy(asc(user.name), asc(qualityCalibrationParticipant.userId));
  const me = actor.kind === "user" ? actor.userId : null;
  const maySee =
    row.session.ownerId === me || participants.some((p) => p.userId === me) || can(actor, "quality:manage");
  if (!maySee) throw notFound("session");
  return { ...row, participants, me };
}
