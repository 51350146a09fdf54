import { and, asc, eq, isNotNull } from "drizzle-orm";
import { can, type TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { member } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import {
  type CalibrationCriterion,
  referenceTrend,
  seesEveryCalibrationTrend,
} from "../../domain/calibration.ts";
import { versionCriteria } from "./calibration-access.ts";
import {
  qualityCalibrationParticipant,
  qualityCalibrationScore,
  qualityCalibrationSession,
} from "./calibration-schema.ts";
import { forbidden, notFound } from "./problems.ts";
import { qualityModelVersion } from "./schema.ts";

/** An evaluator's mean deviation from the agreed reference over the closed sessions they submitted. */
export async function calibrationTrend(db: Db, actor: TActor, userId: string) {
  const [m] = await db
    .select({ userId: member.userId })
    .from(member)
    .where(inOrg({ orgId: member.organizationId }, actor.orgId, eq(member.userId, userId)));
  if (!m) throw notFound("evaluator");
  const self = actor.kind === "user" && actor.userId === userId;
  const wide = actor.kind === "user" ? seesEveryCalibrationTrend(actor.role) : can(actor, "quality:manage");
  if (!self && !wide) throw forbidden({ key: "problem.quality.ownTrendOnly" });
  const sessions = await db
    .select({ session: qualityCalibrationSession, definition: qualityModelVersion.definition })
    .from(qualityCalibrationParticipant)
    .innerJoin(
      qualityCalibrationSession,
      inOrg(
        qualityCalibrationSession,
        qualityCalibrationParticipant.orgId,
        eq(qualityCalibrationSession.id, qualityCalibrationParticipant.sessionId),
      ),
    )
    .innerJoin(
      qualityModelVersion,
      inOrg(
        qualityModelVersion,
        qualityCalibrationSession.orgId,
        eq(qualityModelVersion.id, qualityCalibrationSession.modelVersionId),
      ),
    )
    .where(
      inOrg(
        qualityCalibrationParticipant,
        actor.orgId,
        and(
          eq(qualityCalibrationParticipant.userId, userId),
          isNotNull(qualityCalibrationParticipant.submittedAt),
          eq(qualityCalibrationSession.state, "closed"),
        ),
      ),
    )
    .orderBy(asc(qualityCalibrationSession.sessionDate));
  const scores = await db
    .select({
      sessionId: qualityCalibrationScore.sessionId,
      criterionKey: qualityCalibrationScore.criterionKey,
      value: qualityCalibrationScore.value,
    })
    .from(qualityCalibrationScore)
    .where(inOrg(qualityCalibrationScore, actor.orgId, eq(qualityCalibrationScore.userId, userId)));
  const points = referenceTrend(
    userId,
    sessions.map(({ session, definition }) => {
      const criteria: CalibrationCriterion[] = versionCriteria(definition).map((c) => ({
        key: c.key,
        max: c.max,
        scores: {
          [userId]: scores.find((s) => s.sessionId === session.id && s.criterionKey === c.key)?.value ?? null,
        },
      }));
      const reference = Object.fromEntries(
        Object.entries(session.referenceScores ?? {}).filter((e): e is [string, number] => e[1] !== null),
      );
      return { sessionId: session.id, sessionDate: session.sessionDate, criteria, reference };
    }),
  );
  return { userId, points };
}
