import { hasNul, NUL_MESSAGE, ZEmail } from "../http/strict-input.ts";
import type { TAnswerError, TRawAnswer } from "../domain/survey-answer.ts";

/** What the answer form shows in its fields: the respondent's raw input, or a stored answer. */
export interface TFormValues {
  score?: string;
  satisfaction?: string;
  comment?: string;
  answers: Record<string, string | string[]>;
  name?: string;
  email?: string;
}

/** A posted answer form (or JSON body), split into what `checkAnswer` reads and what the page shows again. */
export interface TPostedAnswer {
  raw: TRawAnswer;
  values: TFormValues;
  /** Problems with the body's shape itself (e.g. `answers` not an object). */
  errors: TAnswerError[];
  lang?: string;
  /** The hidden `website` field was filled in: a bot. */
  honeypot: boolean;
  name?: unknown;
  email?: unknown;
}

/** Longest name and e-mail address the website survey accepts. */
export const MAX_NAME = 200;
export const MAX_EMAIL = 254;

const ANSWER_PREFIX = "answers.";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

// Browsers send line breaks as CRLF; count them as one character, like the textarea's maxlength does.
const lf = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n") : v);

function shown(v: unknown): string | string[] | undefined {
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === "string" || typeof x === "number").map(String);
  return undefined;
}

const one = (v: unknown) => {
  const s = shown(v);
  return Array.isArray(s) ? s[0] : s;
};

/**
 * Reads an answer body: a urlencoded form (`answers.<id>` fields, repeated fields as arrays) or a JSON
 * object (`answers: { <id>: … }`). Field names are the ones the answer page renders.
 */
export function readPostedAnswer(body: unknown): TPostedAnswer {
  const errors: TAnswerError[] = [];
  const b = isRecord(body) ? body : {};
  if (!isRecord(body))
    errors.push({ path: "", message: "must be an object of answer fields", kind: "unknown" });
  const answers: Record<string, unknown> = {};
  if (b.answers !== undefined) {
    if (isRecord(b.answers)) Object.assign(answers, b.answers);
    else errors.push({ path: "answers", message: "must be an object keyed by question id", kind: "unknown" });
  }
  for (const [k, v] of Object.entries(b)) {
    if (k.startsWith(ANSWER_PREFIX)) answers[k.slice(ANSWER_PREFIX.length)] = v;
  }
  for (const [k, v] of Object.entries(answers)) answers[k] = lf(v);
  const values: TFormValues = {
    score: one(b.score),
    satisfaction: one(b.satisfaction),
    comment: one(lf(b.comment)),
    answers: Object.fromEntries(
      Object.entries(answers).flatMap(([k, v]) => {
        const s = shown(v);
        return s === undefined ? [] : [[k, s]];
      }),
    ),
    name: one(b.name),
    email: one(b.email),
  };
  return {
    raw: { score: b.score, satisfaction: b.satisfaction, comment: lf(b.comment), answers },
    values,
    errors,
    lang: typeof b.lang === "string" ? b.lang : undefined,
    honeypot: typeof b.website === "string" ? b.website.trim() !== "" : b.website !== undefined,
    name: b.name,
    email: b.email,
  };
}

/** The form values of a stored answer, so a returning respondent sees (and can change) it. */
export function valuesOfResponse(
  r: {
    score: number;
    satisfaction: number | null;
    comment: string | null;
    answers: Record<string, string | string[] | number>;
  } | null,
): TFormValues {
  if (!r) return { answers: {} };
  return {
    score: String(r.score),
    satisfaction: r.satisfaction === null ? undefined : String(r.satisfaction),
    comment: r.comment ?? undefined,
    answers: Object.fromEntries(
      Object.entries(r.answers).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]),
    ),
  };
}

/** The optional name and e-mail of a website answer, trimmed (the address checked and lower-cased), with their errors. */
export function readContact(posted: TPostedAnswer): {
  name?: string;
  email?: string;
  errors: TAnswerError[];
} {
  const errors: TAnswerError[] = [];
  const read = (path: "name" | "email", v: unknown, max: number) => {
    if (v === undefined) return undefined;
    if (typeof v !== "string") errors.push({ path, message: "must be text", kind: "unknown" });
    else if (hasNul(v)) errors.push({ path, message: NUL_MESSAGE, kind: "invalidText" });
    else if (v.trim().length > max)
      errors.push({ path, message: `at most ${max} characters`, kind: "tooLong" });
    else return v.trim() || undefined;
    return undefined;
  };
  const name = read("name", posted.name, MAX_NAME);
  const given = read("email", posted.email, MAX_EMAIL);
  const email = given === undefined ? undefined : ZEmail.safeParse(given).data;
  if (given !== undefined && email === undefined)
    errors.push({ path: "email", message: "must be an e-mail address", kind: "email" });
  return { name, email, errors };
}
