import { IntlMessageFormat } from "intl-messageformat";
import en from "./messages/en.json" with { type: "json" };
import et from "./messages/et.json" with { type: "json" };
import lt from "./messages/lt.json" with { type: "json" };
import lv from "./messages/lv.json" with { type: "json" };
import ru from "./messages/ru.json" with { type: "json" };
import { endSentences } from "./end-sentences.ts";
import { type TUiLocale, uiLocale } from "./locales.ts";

const catalogues: Record<TUiLocale, Record<string, string>> = { et, en, ru, lv, lt };

/** Formats one message of the server catalogue in the given UI language (Estonian by default). */
export function t(
  locale: string | null | undefined,
  key: string,
  values: Record<string, string> = {},
): string {
  const lang = uiLocale(locale);
  const pattern = catalogues[lang][key] ?? catalogues.en[key];
  if (!pattern) throw new Error(`Missing message ${key}`);
  return endSentences(String(new IntlMessageFormat(pattern, lang).format(values)));
}

/** Whether the server catalogues have a message under `key` (they all have the same keys). */
export function hasMessage(key: string): boolean {
  return Object.hasOwn(catalogues.en, key);
}

/** Subject and text of an account e-mail (password reset, invitation). */
export function accountMessage(
  kind: "passwordReset" | "invitation",
  locale: string | null | undefined,
  values: Record<string, string>,
): { subject: string; text: string } {
  return { subject: t(locale, `${kind}.subject`, values), text: t(locale, `${kind}.text`, values) };
}
