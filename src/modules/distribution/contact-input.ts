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

const LANGUAGE_TAG = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/;

/** A language tag ("et", "et-EE", "ru_RU"); only the primary language is kept. */
export const ZContactLocale = z
  .string()
  .trim()
  .regex(LANGUAGE_TAG, "must be a language code such as et or en")
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

const PHONE = /^\+?[0-9 ()-]{3,40}$/;

export const ZPhone = z.string().trim().max(40).regex(PHONE, "must be a telephone number");

/*
 * The same checks as ZContactLocale, ZPhone and ZEmail for the rows of a file, without a parse (and, for a value
 * that fails, an error object) per row: a 100,000-row mailing spent some 35 MB on them (bench/bulk-alloc.ts). A
 * test holds each to its schema.
 */

/** ZContactLocale's result for a cell, or null where it fails; remembered, as a file has a handful of them. */
export function contactLocale(raw: string): string | null {
  let found = localeOf.get(raw);
  if (found === undefined) {
    const tag = raw.trim();
    const primary = LANGUAGE_TAG.test(tag) ? tag.slice(0, tag.search(/[-_]|$/)).toLowerCase() : "";
    found = primary && isKnownLanguage(primary) ? primary : null;
    // Any text may be a cell: the cache stays small whatever a file holds.
    if (localeOf.size < 256) localeOf.set(raw, found);
  }
  return found;
}
const localeOf = new Map<string, string | null>();

/** ZPhone's result for a cell, or null where it fails. */
export function contactPhone(raw: string): string | null {
  const phone = raw.trim();
  return phone.length <= 40 && PHONE.test(phone) ? phone : null;
}

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

/** ZEmail's result, or null where it fails. */
export function parseEmail(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length > 254) return null;
  const email = trimmed.toLowerCase();
  return EMAIL.test(email) ? email : null;
}
const EMAIL = z.regexes.email;
