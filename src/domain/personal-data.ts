/** Kinds of personal data Kaja looks for in free text (comments, notes). */
export type TPersonalDataKind = "personalCode" | "iban" | "email" | "phone";

export interface TPersonalDataMatch {
  kind: TPersonalDataKind;
  start: number;
  end: number;
}

/**
 * Whether 11 digits are an Estonian personal identification code (isikukood): a century-and-sex digit 1–8, a
 * real birth date, and the check digit of the standard (EVS 585): weights 1…9,1, and if that remainder is 10,
 * weights 3…9,1,2,3; a second 10 gives 0.
 */
export function isEstonianPersonalCode(code: string): boolean {
  if (!/^[1-8]\d{10}$/.test(code)) return false;
  const d = [...code].map(Number);
  const century = [1800, 1800, 1900, 1900, 2000, 2000, 2100, 2100][d[0] - 1];
  const year = century + d[1] * 10 + d[2];
  const month = d[3] * 10 + d[4];
  const day = d[5] * 10 + d[6];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  const sum = (weights: number[]) => weights.reduce((s, w, i) => s + w * d[i], 0) % 11;
  let check = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (check === 10) check = sum([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]);
  if (check === 10) check = 0;
  return check === d[10];
}

/** Whether a text (spaces allowed) is an IBAN with a correct ISO 13616 check (mod 97 = 1). */
export function isIban(text: string): boolean {
  const iban = text.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = [...(iban.slice(4) + iban.slice(0, 4))]
    .map((c) => (c >= "A" ? String(c.charCodeAt(0) - 55) : c))
    .join("");
  let rest = 0;
  for (const c of digits) rest = (rest * 10 + Number(c)) % 97;
  return rest === 1;
}

// In order of precedence: a match of an earlier pattern hides a later one over the same characters.
const PATTERNS: { kind: TPersonalDataKind; re: RegExp; check?: (s: string) => boolean }[] = [
  { kind: "email", re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu },
  { kind: "iban", re: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g, check: isIban },
  { kind: "personalCode", re: /(?<!\d)\d{11}(?!\d)/g, check: isEstonianPersonalCode },
  // International (+ or 00), then Baltic numbers written without the country code: Estonian mobiles (5…) and
  // landlines (3, 4, 6, 7 and seven digits), Latvian mobiles (2… eight digits), Lithuanian (86… nine digits).
  { kind: "phone", re: /(?:\+|(?<!\d)00)[1-9](?:[ -]?\d){6,13}(?!\d)/g },
  { kind: "phone", re: /(?<![\d+])(?:5\d(?:[ -]?\d){5,6}|[3467]\d{2}[ -]?\d{4}|2\d{7}|86\d{7})(?!\d)/g },
];

/** Every piece of personal data found in `text`, in order, without overlaps. */
export function findPersonalData(text: string): TPersonalDataMatch[] {
  const found: TPersonalDataMatch[] = [];
  for (const { kind, re, check } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      let text0 = m[0];
      // A word written after an IBAN in capitals is not part of it: drop groups from the end until it checks.
      while (check && !check(text0) && kind === "iban" && text0.includes(" "))
        text0 = text0.slice(0, text0.lastIndexOf(" "));
      if (check && !check(text0)) continue;
      const end = start + text0.length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** What masked personal data looks like: the same for every kind and length, so nothing of it shows. */
export const MASK = "•••";

/** What permanently redacted personal data is replaced with. */
export const REDACTED = "[…]";

/** `text` with every piece of personal data replaced by `by`. */
export function replacePersonalData(text: string, by: string = MASK): string {
  let out = "";
  let at = 0;
  for (const m of findPersonalData(text)) {
    out += text.slice(at, m.start) + by;
    at = m.end;
  }
  return out + text.slice(at);
}

/** `text` masked (null stays null); a text with nothing found comes back unchanged. */
export function maskPersonalData<T extends string | null | undefined>(text: T): T {
  return (typeof text === "string" ? replacePersonalData(text) : text) as T;
}

/** An answer's further answers: text answers (strings) may hold personal data; choices and ratings do not. */
export type TAnswerValues = Record<string, string | string[] | number>;

/** `answers` with `change` applied to every text value (a new object; the rest is copied as is). */
export function mapAnswerTexts(answers: TAnswerValues, change: (text: string) => string): TAnswerValues {
  const out: TAnswerValues = {};
  for (const [key, value] of Object.entries(answers))
    out[key] = typeof value === "string" ? change(value) : value;
  return out;
}

/** The texts of an answer that can hold personal data: the comment and every text answer. */
export function answerTexts(
  comment: string | null | undefined,
  answers: TAnswerValues | null | undefined,
): string[] {
  const texts = typeof comment === "string" ? [comment] : [];
  for (const value of Object.values(answers ?? {})) if (typeof value === "string") texts.push(value);
  return texts;
}

/** Whether the comment or any text answer holds personal data. */
export function answerHasPersonalData(
  comment: string | null | undefined,
  answers: TAnswerValues | null | undefined,
): boolean {
  return answerTexts(comment, answers).some((t) => findPersonalData(t).length > 0);
}
