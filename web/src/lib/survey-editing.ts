import type { Question, QuestionType, SurveyDefinition, Texts } from "./survey-types.ts";

/** Pure changes to a survey definition, so the editor's state stays one immutable object. */

const isChoice = (type: QuestionType) => type === "single" || type === "multi";

/** The first free id such as "q3" or "o2" (ids must stay lower-case letters, digits, - or _). */
export function nextId(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Sets one language's text, dropping it when emptied. */
export function withText(texts: Texts, locale: string, value: string): Texts {
  const next = { ...texts };
  if (value === "") delete next[locale];
  else next[locale] = value;
  return next;
}

/** Moves an item one place up (-1) or down (+1). */
export function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** A new further question; choice questions start with two empty options. */
export function newQuestion(type: QuestionType, taken: readonly string[]): Question {
  const q: Question = { id: nextId("q", taken), type, required: false, text: {} };
  if (isChoice(type))
    q.options = [
      { id: "o1", text: {} },
      { id: "o2", text: {} },
    ];
  return q;
}

/** Changes a question's type: options appear for choice types (two to start) and go for the others. */
export function withType(q: Question, type: QuestionType): Question {
  if (isChoice(type)) {
    const options = q.options?.length
      ? q.options
      : [
          { id: "o1", text: {} },
          { id: "o2", text: {} },
        ];
    return { ...q, type, options };
  }
  const { options: _dropped, ...rest } = q;
  return { ...rest, type };
}

/** Replaces the question at `index`. */
export function withQuestion(def: SurveyDefinition, index: number, q: Question): SurveyDefinition {
  return { ...def, questions: def.questions.map((old, i) => (i === index ? q : old)) };
}

const trimTexts = (texts: Texts): Texts =>
  Object.fromEntries(
    Object.entries(texts)
      .map(([k, v]) => [k, (v ?? "").trim()] as const)
      .filter(([, v]) => v !== ""),
  );

/** The definition as the API takes it: texts trimmed, empty ones left out. */
export function cleanDefinition(def: SurveyDefinition): SurveyDefinition {
  const scale = <T extends { text: Texts; low: Texts; high: Texts }>(s: T): T => ({
    ...s,
    text: trimTexts(s.text),
    low: trimTexts(s.low),
    high: trimTexts(s.high),
  });
  return {
    ...def,
    recommend: scale(def.recommend),
    satisfaction: def.satisfaction && scale(def.satisfaction),
    comment: def.comment && { text: trimTexts(def.comment.text) },
    questions: def.questions.map((q) => ({
      ...q,
      text: trimTexts(q.text),
      ...(q.options ? { options: q.options.map((o) => ({ ...o, text: trimTexts(o.text) })) } : {}),
    })),
    cover: trimTexts(def.cover),
    thankYou: trimTexts(def.thankYou),
  };
}

/** Fills the empty standard texts of one language (a language just enabled) with the shipped wordings. */
export function withStandardTexts(
  def: SurveyDefinition,
  locale: string,
  s: Record<string, string | undefined>,
): SurveyDefinition {
  const fill = (texts: Texts, value: string | undefined) =>
    texts[locale] || !value ? texts : { ...texts, [locale]: value };
  return {
    ...def,
    recommend: {
      ...def.recommend,
      text: fill(def.recommend.text, s.recommend),
      low: fill(def.recommend.low, s.recommendLow),
      high: fill(def.recommend.high, s.recommendHigh),
    },
    satisfaction: def.satisfaction && {
      text: fill(def.satisfaction.text, s.satisfaction),
      low: fill(def.satisfaction.low, s.satisfactionLow),
      high: fill(def.satisfaction.high, s.satisfactionHigh),
    },
    comment: def.comment && { text: fill(def.comment.text, s.comment) },
    cover: fill(def.cover, s.cover),
    thankYou: fill(def.thankYou, s.thankYou),
  };
}
