import type { RefMatch } from "./types.ts";
/** Shapes of surveys and answers as the Kaja API sends them. */
import { SURVEY_LOCALES, type TSurveyLocale } from "../../../src/i18n/locales.ts";

export { SURVEY_LOCALES };
export type SurveyLocale = TSurveyLocale;

/** Each survey language named in itself (shown with lang set, so screen readers pronounce it right). */
export const SURVEY_LANGUAGE_NAMES: Record<SurveyLocale, string> = {
  et: "eesti",
  ru: "русский",
  en: "English",
  fi: "suomi",
  lv: "latviešu",
  lt: "lietuvių",
  sv: "svenska",
  es: "español",
  de: "Deutsch",
  nl: "Nederlands",
  no: "norsk",
  da: "dansk",
};

export const isSurveyLocale = (value: unknown): value is SurveyLocale =>
  SURVEY_LOCALES.includes(value as SurveyLocale);

export const SURVEY_KINDS = ["transactional", "relationship", "website"] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const RECOMMEND_OBJECTS = ["organisation", "service", "employee"] as const;
export type RecommendObject = (typeof RECOMMEND_OBJECTS)[number];

export const QUESTION_TYPES = ["single", "multi", "text", "rating"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Texts per survey language. */
export type Texts = Partial<Record<string, string>>;

export type ScaleQuestion = { text: Texts; low: Texts; high: Texts };

export type Question = {
  id: string;
  type: QuestionType;
  required: boolean;
  text: Texts;
  options?: { id: string; text: Texts }[];
};

export type SurveyDefinition = {
  defaultLocale: string;
  locales: string[];
  recommend: ScaleQuestion & { object: RecommendObject };
  satisfaction: ScaleQuestion | null;
  comment: { text: Texts } | null;
  questions: Question[];
  cover: Texts;
  thankYou: Texts;
};

export const MAX_QUESTIONS = 10;
export const MAX_OPTIONS = 20;

export type SurveySummary = {
  id: string;
  slug: string;
  name: string;
  kind: SurveyKind;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

export type Survey = SurveySummary & { definition: SurveyDefinition };

export const GROUPS = ["promoter", "passive", "detractor"] as const;
export type Group = (typeof GROUPS)[number];

export type Answer = {
  id: string;
  surveyId: string;
  surveyVersion: number;
  score: number;
  group: Group;
  satisfaction: number | null;
  comment: string | null;
  answers: Record<string, string | string[] | number>;
  locale: string;
  serviceId: string | null;
  departmentId: string | null;
  employeeId: string | null;
  channelId: string | null;
  audience: string | null;
  source: string;
  respondentName: string | null;
  respondentEmail: string | null;
  receivedAt: string;
  updatedAt: string;
};

export type AnswerPage = { items: Answer[]; nextCursor: string | null };

export type ImportReport = {
  dryRun: boolean;
  rows: number;
  valid: number;
  alreadyImported: number;
  imported: number;
  errors: { line: number; reason: string }[];
  matches: RefMatch[];
};
