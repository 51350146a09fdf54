import { z } from "zod";

const ZScoreValue = z
  .number()
  .min(0)
  .nullable()
  .describe("0 up to the criterion's maximum; null = not applicable");

export const ZCalibrationScore = z.object({ criterionKey: z.string().min(1).max(80), value: ZScoreValue });
export type TCalibrationScore = z.infer<typeof ZCalibrationScore>;

export const ZCreateCalibrationRequest = z.object({
  modelVersionId: z.string().min(1),
  title: z.string().trim().min(1).max(300).optional(),
  contact: z
    .object({
      responseId: z.string().min(1).optional().describe("A Kaja answer"),
      reference: z.string().trim().min(1).max(300).optional().describe("A call id, case number …"),
    })
    .describe("The contact everyone scores: an answer or a free reference"),
  date: z.iso.date().optional().describe("The session's date (default: today, UTC)"),
  participants: z
    .array(z.string().min(1))
    .min(2)
    .max(50)
    .describe("User ids of the evaluators who score independently"),
});
export type TCreateCalibrationRequest = z.infer<typeof ZCreateCalibrationRequest>;

export const ZCalibrationScoresRequest = z.object({
  scores: z.array(ZCalibrationScore).max(500),
  submit: z.boolean().optional().describe("Submit: the scores become final and the results visible to you"),
});
export type TCalibrationScoresRequest = z.infer<typeof ZCalibrationScoresRequest>;

export const ZCalibrationReferenceRequest = z.object({
  scores: z.array(ZCalibrationScore).min(1).max(500).describe("The agreed score of every criterion"),
});
export type TCalibrationReferenceRequest = z.infer<typeof ZCalibrationReferenceRequest>;

const ZByUser = z.record(z.string(), z.number()).describe("Keyed by evaluator user id");

export const ZCalibrationCriterionResult = z.object({
  sectionKey: z.string(),
  key: z.string(),
  text: z.string(),
  maxScore: z.number(),
  values: ZByUser.describe("Submitted scores by evaluator (not-applicable left out)"),
  min: z.number().nullable(),
  max: z.number().nullable(),
  spread: z.number().nullable().describe("max − min"),
  median: z.number().nullable(),
  deviations: ZByUser.describe("Score minus the session median, in points"),
  reference: z.number().nullable(),
});

export const ZCalibrationResults = z.object({
  criteria: z.array(ZCalibrationCriterionResult),
  alpha: z
    .number()
    .nullable()
    .describe(
      "Krippendorff's alpha (interval) over criteria × evaluators on score / max; null when undefined",
    ),
  meanAbsDeviationFromMedian: ZByUser.describe("Mean |score − median| / max over criteria"),
  meanAbsDeviationFromReference: ZByUser.nullable().describe("Mean |score − reference| / max; once closed"),
});

export const ZCalibrationSession = z.object({
  id: z.string(),
  title: z.string().nullable(),
  modelId: z.string(),
  modelVersionId: z.string(),
  contact: z.object({ responseId: z.string().nullable(), reference: z.string().nullable() }),
  date: z.iso.date(),
  ownerId: z.string(),
  state: z.enum(["open", "closed"]),
  participants: z.array(
    z.object({ userId: z.string(), name: z.string(), submittedAt: z.iso.datetime().nullable() }),
  ),
  myScores: z.array(ZCalibrationScore).nullable().describe("Your own scores; null when you do not take part"),
  results: ZCalibrationResults.nullable().describe(
    "Everyone's submitted scores and the statistics; null until you have submitted",
  ),
  reference: z.array(ZCalibrationScore).nullable(),
  closedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TCalibrationSession = z.infer<typeof ZCalibrationSession>;

export const ZCalibrationSessionSummary = ZCalibrationSession.pick({
  id: true,
  title: true,
  modelVersionId: true,
  date: true,
  ownerId: true,
  state: true,
  createdAt: true,
});

export const ZCalibrationTrend = z.object({
  userId: z.string(),
  points: z.array(
    z.object({
      sessionId: z.string(),
      sessionDate: z.iso.date(),
      meanAbsDeviationFromReference: z.number().describe("Mean |score − reference| / max, 0–1"),
    }),
  ),
});
