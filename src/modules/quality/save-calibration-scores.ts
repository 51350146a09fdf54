import { and, eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { versionCriteria, visibleSession } from "./calibration-access.ts";
import type { TCalibrationScoresRequest } from "./calibration-contracts.ts";
import { qualityCalibrationParticipant, qualityCalibrationScore } from "./calibration-schema.ts";
import { assertComplete, checkScores } from "./calibration-scores.ts";
import { conflict, fieldError, forbidden } from "./problems.ts";

/**
 * Saves the actor's own scores of a session (replacing earlier ones); with `submit` they become final.
 * Submitted scores cannot change.
 */
export async function saveCalibrationScores(
  db: Db,
  actor: TActor,
  id: string,
  body: TCalibrationScoresRequest,
) {
  const { session, version, participants, me } = await visibleSession(db, actor, id);
  const mine = participants.find((p) => p.userId === me);
  if (!mine || me === null) throw forbidden({ key: "problem.calibration.participantsOnly" });
  if (session.state === "closed") throw conflict({ key: "problem.calibration.closed" });
  if (mine.submittedAt)
    throw fieldError(body.submit ? "body.submit" : "body.scores", { key: "problem.field.scoresSubmitted" });
  const criteria = versionCriteria(version.definition);
  const scored = checkScores(body.scores, criteria);
  if (body.submit) assertComplete(scored, criteria);
  const participant = and(
    eq(qualityCalibrationParticipant.sessionId, id),
    eq(qualityCalibrationParticipant.userId, me),
  );
  await db.transaction(async (tx) => {
    await tx
      .delete(qualityCalibrationScore)
      .where(
        inOrg(
          qualityCalibrationScore,
          actor.orgId,
          eq(qualityCalibrationScore.sessionId, id),
          eq(qualityCalibrationScore.userId, me),
        ),
      );
    if (scored.size) {
      await tx.insert(qualityCalibrationScore).values(
        [...scored].map(([criterionKey, value]) => ({
          orgId: actor.orgId,
          sessionId: id,
          userId: me,
          criterionKey,
          value,
        })),
      );
    }
    if (body.submit) {
      await tx
        .update(qualityCalibrationParticipant)
        .set({ submittedAt: new Date() })
        .where(inOrg(qualityCalibrationParticipant, actor.orgId, participant));
    }
  });
}
