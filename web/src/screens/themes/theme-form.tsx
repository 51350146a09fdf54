import { type FormEvent, useId, useRef } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { TextAreaField, TextField } from "../../components/Field.tsx";
import { useT } from "../../i18n/use-t.ts";
import { focusFirstInvalid, serverFieldErrors } from "../../lib/form.ts";
import { THEME_LANGUAGES, type Theme, type ThemeInput, useThemeChange } from "../../lib/themes.ts";

const FIELDS = ["key", ...THEME_LANGUAGES.flatMap((l) => [`names.${l}`, `keywords.${l}`]), "keywords"];

const keywordList = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((k) => k.trim())
    .filter(Boolean);

type ThemeFormProps = { theme: Theme | null; draft: ThemeInput | null; onDone: (message?: string) => void };

/** Adds a theme (from a suggestion when `draft` is given) or edits one: key, a name and keywords per language. */
export function ThemeForm({ theme, draft, onDone }: ThemeFormProps) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const change = useThemeChange();
  const headingId = useId();
  const start = theme ?? draft;
  const errors = serverFieldErrors(change.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const value = (name: string) => String(data.get(name) ?? "").trim();
    const body: ThemeInput = {
      key: value("key"),
      names: { et: value("names.et"), ru: value("names.ru"), en: value("names.en") },
      keywords: {
        et: keywordList(value("keywords.et")),
        ru: keywordList(value("keywords.ru")),
        en: keywordList(value("keywords.en")),
      },
    };
    change.mutate(theme ? { kind: "update", id: theme.id, theme: body } : { kind: "create", theme: body }, {
      onSuccess: () => onDone(t(theme ? "themes.saved" : "themes.created", { name: body.names.et })),
      onError: () => focusFirstInvalid(form.current),
    });
  };
  return (
    <form ref={form} onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>{theme ? t("themes.form.editTitle") : t("themes.form.addTitle")}</h3>
      <ErrorAlert error={change.error} fields={FIELDS} />
      <TextField
        label={t("themes.form.key")}
        hint={t("themes.form.keyHint")}
        name="key"
        required
        defaultValue={start?.key ?? ""}
        error={errors.key}
      />
      {THEME_LANGUAGES.map((l) => (
        <fieldset key={l}>
          <legend>{t(`themes.language.${l}`)}</legend>
          <TextField
            label={t("themes.form.name")}
            name={`names.${l}`}
            lang={l}
            required
            defaultValue={start?.names[l] ?? ""}
            error={errors[`names.${l}`]}
          />
          <TextAreaField
            label={t("themes.form.keywords")}
            hint={t("themes.form.keywordsHint")}
            name={`keywords.${l}`}
            lang={l}
            rows={3}
            defaultValue={start?.keywords[l].join(", ") ?? ""}
            error={errors[`keywords.${l}`] ?? (l === "et" ? errors.keywords : undefined)}
          />
        </fieldset>
      ))}
      <p className="actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          {t("themes.form.save")}
        </button>{" "}
        <button type="button" onClick={() => onDone()}>
          {t("themes.form.cancel")}
        </button>
      </p>
    </form>
  );
}
