import { asc, eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import {
  type CalibrationCriterion,
  criterionSpread,
  deviationFromMedian,
  deviationFromReference,
  normalisedUnits,
} from "../../domain/calibration.ts";
import { krippendorffAlpha } from "../../domain/krippendorff.ts";
import { type TVersionCriterion, versionCriteria, visibleSession } from "./calibration-access.ts";
import type { TCalibrationSession } from "./calibration-contracts.ts";
import { qualityCalibrationScore } from "./calibration-schema.ts";

type TScoreRow = { userId: string; criterionKey: string; value: number | null };

/** The statistics over the submitted scores: spread and median per criterion, alpha, deviations. */
export function calibrationResults(
  criteria: TVersionCriterion[],
  submitted: string[],
  scores: TScoreRow[],
  reference: Record<string, number | null> | null,
) {
  const calibration: CalibrationCriterion[] = criteria.map((c) => ({
    key: c.key,
    max: c.max,
    scores: Object.fromEntries(
      submitted.map((userId) => [
        userId,
        scores.find((s) => s.userId === userId && s.criterionKey === c.key)?.value ?? null,
      ]),
    ),
  }));
  const agreed = reference
    ? Object.fromEntries(Object.entries(reference).filter((e): e is [string, number] => e[1] !== null))
    : null;
  return {
    criteria: criteria.map((c, i) => {
      const { key: _key, maxScore, ...spread } = criterionSpread(calibration[i]);
      return {
        sectionKey: c.sectionKey,
        key: c.key,
        text: c.text,
        maxScore,
        ...spread,
        reference: agreed?.[c.key] ?? null,
      };
    }),
    alpha: krippendorffAlpha(normalisedUnits(calibration, submitted), "interval"),
    meanAbsDeviationFromMedian: deviationFromMedian(calibration),
    meanAbsDeviationFromReference: agreed ? deviationFromReference(calibration, agreed) : null,
  };
}

/**
 * A session as its page shows it. Before submitting, a participant sees only their own scores;
 * the results (everyone's submitted scores and the statistics) appear once they have submitted, or
 * at once for those who do not score it (the owner outside the panel, quality managers).
 */
export async function getCalibrationSession(db: Db, actor: TActor, id: string): Promise<TCalibrationSession> {
  const { session, version, participants, me } = await visibleSession(db, actor, id);
  const scores = await db
    .select({
      userId: qualityCalibrationScore.userId,
      criterionKey: qualityCalibrationScore.criterionKey,
      value: qualityCalibrationScore.value,
    })
    .from(qualityCalibrationScore)
    .where(inOrg(qualityCalibrationScore, actor.orgId, eq(qualityCalibrationScore.sessionId, id)))
    .orderBy(asc(qualityCalibrationScore.criterionKey));
  const criteria = versionCriteria(version.definition);
  const mine = participants.find((p) => p.userId === me);
  const order = new Map(criteria.map((c, i) => [c.key, i]));
  const own = (userId: string) =>
    scores
      .filter((s) => s.userId === userId)
      .sort((a, b) => (order.get(a.criterionKey) ?? 0) - (order.get(b.criterionKey) ?? 0))
      .map((s) => ({ criterionKey: s.criterionKey, value: s.value }));
  const seesResults = mine ? mine.submittedAt !== null || session.state === "closed" : true;
  const submitted = participants.filter((p) => p.submittedAt !== null).map((p) => p.userId);
  const reference = session.referenceScores;
  return {
    id: session.id,
    title: session.title,
    modelId: version.modelId,
    modelVersionId: session.modelVersionId,
    contact: { responseId: session.responseId, reference: session.contactReference },
    date: session.sessionDate,
    ownerId: session.ownerId,
    state: session.state as "open" | "closed",
    participants: participants.map((p) => ({ ...p, submittedAt: p.submittedAt?.toISOString() ?? null })),
    myScores: mine && me ? own(me) : null,
    results: seesResults
      ? calibrationResults(
          criteria,
          submitted,
          scores.filter((s) => submitted.includes(s.userId)),
          reference,
        )
      : null,
    reference: reference
      ? criteria.map((c) => ({ criterionKey: c.key, value: reference[c.key] ?? null }))
      : null,
    closedAt: session.closedAt?.toISOString() ?? null,
    createdAt: session.createdAt.toISOString(),
  };
}
