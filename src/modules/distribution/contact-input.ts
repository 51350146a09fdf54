import { z } from "zod";
import { ZEmail } from "../../http/strict-input.ts";
import { t } from "../../i18n/account-mail.ts";

/** A contact as a caller describes it; every field optional, at least an e-mail or an external id to be kept. */
export interface TContactInput {
  email?: string | null;
  name?: string | null;
  phone?: string | null;
  locale?: string | null;
  externalId?: string | null;
}

/** A language tag ("et", "et-EE", "ru_RU"); only the primary language is kept. */
export const ZContactLocale = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, "must be a language code such as et or en")
  .transform((v) => v.slice(0, v.search(/[-_]|$/)).toLowerCase())
  .refine(isKnownLanguage, "must be a known language code such as et or en");

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

const knownLanguages = new Map<string, boolean>();

/** True for an ISO 639 language that has a name (et, ru, fi…); false for made-up codes such as xx. */
export function isKnownLanguage(code: string): boolean {
  let known = knownLanguages.get(code);
  if (known === undefined) {
    known = languageNames.of(code) !== undefined;
    // Codes are at most three letters: the cache stays small whatever a file holds.
    knownLanguages.set(code, known);
  }
  return known;
}

export const ZPhone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()-]{3,40}$/, "must be a telephone number");

/** The contact part of a request body (service event, single send, contact upsert). */
export const ZContactInput = z.object({
  email: ZEmail.nullish(),
  name: z.string().trim().min(1).max(200).nullish(),
  phone: ZPhone.nullish(),
  locale: ZContactLocale.nullish(),
  externalId: z.string().trim().min(1).max(200).nullish(),
});

/** Why a text is not an e-mail address, in words a person can act on (the address is quoted as given). */
export function emailProblem(raw: string, locale = "en"): string {
  const a = raw.trim();
  const shown = a.length > 80 ? `${a.slice(0, 80)}…` : a;
  const at = a.split("@");
  const why =
    a.length > 254
      ? "tooLong"
      : at.length === 1
        ? "noAt"
        : at.length > 2
          ? "manyAt"
          : !at[0]
            ? "nothingBefore"
            : !at[1]
              ? "nothingAfter"
              : /\s/.test(a)
                ? "space"
                : !/\.[^.]+$/.test(at[1])
                  ? "noDot"
                  : "characters";
  return t(locale, "row.email", { value: shown, why: t(locale, `row.email.${why}`) });
}

export function parseEmail(raw: string): string | null {
  const parsed = ZEmail.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
