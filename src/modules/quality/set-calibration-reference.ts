import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { versionCriteria, visibleSession } from "./calibration-access.ts";
import type { TCalibrationReferenceRequest } from "./calibration-contracts.ts";
import { qualityCalibrationSession } from "./calibration-schema.ts";
import { assertComplete, checkScores } from "./calibration-scores.ts";
import { conflict, forbidden } from "./problems.ts";

/** Records the reference scores agreed after the discussion and closes the session (its owner only). */
export async function setCalibrationReference(
  db: Db,
  actor: TActor,
  id: string,
  body: TCalibrationReferenceRequest,
) {
  const { session, version, me } = await visibleSession(db, actor, id);
  if (session.ownerId !== me) throw forbidden({ key: "problem.quality.referenceByOwner" });
  if (session.state === "closed") throw conflict({ key: "problem.calibration.alreadyClosed" });
  const criteria = versionCriteria(version.definition);
  const scored = checkScores(body.scores, criteria);
  assertComplete(scored, criteria);
  const now = new Date();
  await db
    .update(qualityCalibrationSession)
    .set({ referenceScores: Object.fromEntries(scored), state: "closed", closedAt: now, updatedAt: now })
    .where(
      inOrg(
        qualityCalibrationSession,
        actor.orgId,
        eq(qualityCalibrationSession.id, id),
        eq(qualityCalibrationSession.state, "open"),
      ),
    );
}
