import { useId, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { SelectField } from "../../components/Field.tsx";
import { Loading } from "../../components/Loading.tsx";
import { useT } from "../../i18n/use-t.ts";
import {
  type Period,
  THEME_LANGUAGES,
  type ThemeInput,
  type ThemeLanguage,
  useSuggestions,
} from "../../lib/themes.ts";
import { CommentList } from "./comment-list.tsx";

type Props = { period: Period; canManage: boolean; onStartTheme: (theme: ThemeInput) => void };

/** Groups of recent comments that match no theme, each with its typical words, examples and a "make a theme" step. */
export function ThemeSuggestions({ period, canManage, onStartTheme }: Props) {
  const t = useT();
  const [language, setLanguage] = useState<ThemeLanguage>("et");
  const suggestions = useSuggestions(period, language);
  const headingId = useId();
  const start = (words: string[]) =>
    onStartTheme({
      key: "",
      names: { et: words[0] ?? "", ru: "", en: "" },
      keywords: { et: [], ru: [], en: [], [language]: words },
    });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t("themes.suggestions.title")}</h2>
      <p className="hint">{t("themes.suggestions.help")}</p>
      <SelectField
        label={t("themes.suggestions.language")}
        name="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as ThemeLanguage)}
      >
        {THEME_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`themes.language.${l}`)}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={suggestions.error} />
      {suggestions.isPending ? (
        <Loading />
      ) : (suggestions.data?.clusters.length ?? 0) === 0 ? (
        <p>{t("themes.suggestions.empty", { count: suggestions.data?.commentsConsidered ?? 0 })}</p>
      ) : (
        suggestions.data?.clusters.map((c, i) => (
          <article key={c.words.join(" ")} aria-labelledby={`${headingId}-${i}`} className="suggestion">
            <h3 id={`${headingId}-${i}`}>
              {t("themes.suggestions.cluster", { size: c.size })}{" "}
              <span lang={language}>{c.words.join(", ")}</span>
            </h3>
            <CommentList items={c.examples} empty="" />
            {canManage && (
              <button type="button" onClick={() => start(c.words)}>
                {t("themes.suggestions.make")}
              </button>
            )}
          </article>
        ))
      )}
    </section>
  );
}
