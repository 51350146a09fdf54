import { useId } from "react";
import { useT } from "../i18n/use-t.ts";
import { useLocale } from "../i18n/locale.tsx";
import { isLocale, LOCALE_NAMES, LOCALES } from "../i18n/messages.ts";

/** The language switcher: a labelled select; the choice is remembered. */
export function LanguageSelect() {
  const t = useT();
  const id = useId();
  const { locale, setLocale } = useLocale();
  return (
    <div className="inline-field">
      <label htmlFor={id}>{t("layout.language")}</label>
      <select
        id={id}
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) void setLocale(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
