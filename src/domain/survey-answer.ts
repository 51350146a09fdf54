import type { DomainProblem } from "./errors.ts";
import type { TSurveyDefinition } from "./survey-definition.ts";
import { hasNul, NUL_MESSAGE, parseWhole } from "../http/strict-input.ts";

export const MAX_COMMENT = 5000;
export const MAX_TEXT_ANSWER = 2000;

/** What a respondent sends; raw values, checked against the survey's definition by `checkAnswer`. */
export interface TRawAnswer {
  score?: unknown;
  satisfaction?: unknown;
  comment?: unknown;
  answers?: Record<string, unknown>;
}

export interface TCheckedAnswer {
  score?: number;
  satisfaction?: number | null;
  comment?: string | null;
  answers: Record<string, string | string[] | number>;
}

export type TAnswerError = DomainProblem & {
  kind:
    | "score"
    | "satisfaction"
    | "required"
    | "tooLong"
    | "invalidOption"
    | "invalidText"
    | "email"
    | "emailMissing"
    | "phone"
    | "unknown";
};

export interface CheckAnswerOptions {
  /** Also demand the required questions. */
  complete: boolean;
  /** Numbers arrive as text (a form or a link), so plain digits are read; in JSON a number must be a number. */
  numbersAsText: boolean;
}

const blank = (v: unknown) =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** Checks an answer against a definition. */
export function checkAnswer(
  def: TSurveyDefinition,
  raw: TRawAnswer,
  { complete, numbersAsText }: CheckAnswerOptions,
): { value: TCheckedAnswer; errors: TAnswerError[] } {
  const intIn = (v: unknown, min: number, max: number) => parseWhole(v, min, max, { text: numbersAsText });
  const errors: TAnswerError[] = [];
  const value: TCheckedAnswer = { answers: {} };
  if (!blank(raw.score)) {
    value.score = intIn(raw.score, 0, 10);
    if (value.score === undefined)
      errors.push({ path: "score", message: "must be an integer from 0 to 10", kind: "score" });
  } else if (complete) errors.push({ path: "score", message: "is required", kind: "score" });
  if (!blank(raw.satisfaction)) {
    value.satisfaction = def.satisfaction ? intIn(raw.satisfaction, 0, 10) : undefined;
    if (value.satisfaction === undefined) {
      errors.push({
        path: "satisfaction",
        message: def.satisfaction
          ? "must be an integer from 0 to 10"
          : "this survey has no satisfaction question",
        kind: def.satisfaction ? "satisfaction" : "unknown",
      });
    }
  }
  if (!blank(raw.comment)) {
    if (!def.comment || typeof raw.comment !== "string")
      errors.push({ path: "comment", message: "not accepted", kind: "unknown" });
    else if (hasNul(raw.comment)) errors.push({ path: "comment", message: NUL_MESSAGE, kind: "invalidText" });
    else if (raw.comment.length > MAX_COMMENT)
      errors.push({ path: "comment", message: `at most ${MAX_COMMENT} characters`, kind: "tooLong" });
    else value.comment = raw.comment.trim() || null;
  }
  const given = raw.answers ?? {};
  const known = new Map(def.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) errors.push({ path: `answers.${id}`, message: "unknown question", kind: "unknown" });
  }
  for (const q of def.questions) {
    const v = given[q.id];
    const path = `answers.${q.id}`;
    if (blank(v)) {
      if (complete && q.required) errors.push({ path, message: "is required", kind: "required" });
      continue;
    }
    const optionIds = new Set((q.options ?? []).map((o) => o.id));
    if (q.type === "single") {
      if (typeof v === "string" && optionIds.has(v)) value.answers[q.id] = v;
      else errors.push({ path, message: "not one of the options", kind: "invalidOption" });
    } else if (q.type === "multi") {
      const list = Array.isArray(v) ? v : [v];
      if (list.every((x) => typeof x === "string" && optionIds.has(x)))
        value.answers[q.id] = [...new Set(list as string[])];
      else errors.push({ path, message: "not among the options", kind: "invalidOption" });
    } else if (q.type === "rating") {
      const n = intIn(v, 1, 5);
      if (n === undefined)
        errors.push({ path, message: "must be an integer from 1 to 5", kind: "invalidOption" });
      else value.answers[q.id] = n;
    } else if (typeof v !== "string") errors.push({ path, message: "must be text", kind: "invalidOption" });
    else if (hasNul(v)) errors.push({ path, message: NUL_MESSAGE, kind: "invalidText" });
    else if (v.length > MAX_TEXT_ANSWER)
      errors.push({ path, message: `at most ${MAX_TEXT_ANSWER} characters`, kind: "tooLong" });
    else value.answers[q.id] = v.trim();
  }
  return { value, errors };
}
