import { z } from "zod";
import { SURVEY_LOCALES, type TSurveyLocale } from "../i18n/locales.ts";
import { surveyMessages } from "../i18n/survey/index.ts";

/** Texts per survey language, e.g. { et: "…", en: "…" }. */
export type TTexts = Record<string, string>;

/** One further question of a survey (besides recommendation, satisfaction and comment). */
export interface TSurveyQuestion {
  id: string;
  type: "single" | "multi" | "text" | "rating";
  required: boolean;
  text: TTexts;
  options?: { id: string; text: TTexts }[];
}

/** Everything a respondent sees; frozen per version. */
export interface TSurveyDefinition {
  defaultLocale: string;
  locales: string[];
  recommend: { object: "organisation" | "service" | "employee"; text: TTexts; low: TTexts; high: TTexts };
  satisfaction: { text: TTexts; low: TTexts; high: TTexts } | null;
  comment: { text: TTexts } | null;
  questions: TSurveyQuestion[];
  cover: TTexts;
  thankYou: TTexts;
}

export const MAX_QUESTIONS = 10;
export const MAX_TEXT = 2000;

const ZLocale = z.enum(SURVEY_LOCALES);
const ZTexts = z.partialRecord(ZLocale, z.string().trim().min(1).max(MAX_TEXT));
const ZScaleQuestion = z.object({ text: ZTexts, low: ZTexts, high: ZTexts });
const ZKey = z.string().regex(/^[a-z0-9_-]{1,40}$/, "use 1–40 lower-case letters, digits, - or _");

const ZQuestion = z
  .object({
    id: ZKey,
    type: z.enum(["single", "multi", "text", "rating"]),
    required: z.boolean().default(false),
    text: ZTexts,
    options: z
      .array(z.object({ id: ZKey, text: ZTexts }))
      .max(20)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const choice = q.type === "single" || q.type === "multi";
    if (choice && (!q.options || q.options.length < 2)) {
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "a choice question needs at least 2 options",
      });
    }
    if (!choice && q.options?.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "only choice questions have options" });
    }
    const ids = (q.options ?? []).map((o) => o.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "option ids must be unique" });
  });

/** A survey's content as the API accepts it; every text needs the default language. */
export const ZSurveyDefinition = z
  .object({
    defaultLocale: ZLocale,
    locales: z.array(ZLocale).min(1),
    recommend: ZScaleQuestion.extend({ object: z.enum(["organisation", "service", "employee"]) }),
    satisfaction: ZScaleQuestion.nullable(),
    comment: z.object({ text: ZTexts }).nullable(),
    questions: z.array(ZQuestion).max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} further questions`),
    cover: ZTexts,
    thankYou: ZTexts,
  })
  .superRefine((d, ctx) => {
    if (!d.locales.includes(d.defaultLocale)) {
      ctx.addIssue({ code: "custom", path: ["defaultLocale"], message: "must be one of locales" });
    }
    const ids = d.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["questions"], message: "question ids must be unique" });
    for (const [path, texts] of textsOf(d)) {
      if (!texts[d.defaultLocale]) {
        ctx.addIssue({
          code: "custom",
          path: [...path, d.defaultLocale],
          message: "a text in the default language is required",
        });
      }
    }
  });

function* textsOf(
  d: z.infer<typeof ZSurveyDefinition>,
): Generator<[(string | number)[], Record<string, string | undefined>]> {
  yield [["recommend", "text"], d.recommend.text];
  if (d.satisfaction) yield [["satisfaction", "text"], d.satisfaction.text];
  if (d.comment) yield [["comment", "text"], d.comment.text];
  for (const [i, q] of d.questions.entries()) {
    yield [["questions", i, "text"], q.text];
    for (const [j, o] of (q.options ?? []).entries()) yield [["questions", i, "options", j, "text"], o.text];
  }
}

function pick(key: string, locales: readonly TSurveyLocale[]): Record<string, string> {
  return Object.fromEntries(locales.map((l) => [l, surveyMessages[l][key]]));
}

export interface StandardDefinitionOptions {
  locales?: readonly TSurveyLocale[];
  defaultLocale?: TSurveyLocale;
  object?: "organisation" | "service" | "employee";
  satisfaction?: boolean;
}

/** The standard survey: recommendation, satisfaction and comment in the shipped wordings of each language. */
export function standardDefinition({
  locales = SURVEY_LOCALES,
  defaultLocale = "et",
  object = "organisation",
  satisfaction = true,
}: StandardDefinitionOptions = {}): TSurveyDefinition {
  return {
    defaultLocale,
    locales: [...locales],
    recommend: {
      object,
      text: pick(`recommend.${object}`, locales),
      low: pick("recommend.low", locales),
      high: pick("recommend.high", locales),
    },
    satisfaction: satisfaction
      ? {
          text: pick("satisfaction.question", locales),
          low: pick("satisfaction.low", locales),
          high: pick("satisfaction.high", locales),
        }
      : null,
    comment: { text: pick("comment.prompt", locales) },
    questions: [],
    cover: pick("page.intro", locales),
    thankYou: pick("thanks.body", locales),
  };
}

/** A text in the wanted language, else the survey's default language. */
export function textIn(texts: Record<string, string | undefined>, locale: string, fallback: string): string {
  return texts[locale] ?? texts[fallback] ?? Object.values(texts).find(Boolean) ?? "";
}
