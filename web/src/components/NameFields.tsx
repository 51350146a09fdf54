import { useT } from "../i18n/use-t.ts";
import { NAME_LANGUAGES } from "../lib/names.ts";
import type { Names } from "../lib/types.ts";
import { TextField } from "./Field.tsx";

type NameFieldsProps = { names?: Names; errors: Record<string, string> };

/** A "Name" group with one input per language (names.et, names.en, names.ru); Estonian is required. */
export function NameFields({ names, errors }: NameFieldsProps) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t("field.names")}</legend>
      {NAME_LANGUAGES.map((lang) => (
        <TextField
          key={lang}
          lang={lang}
          label={t(`field.name.${lang}`)}
          name={`names.${lang}`}
          defaultValue={names?.[lang] ?? ""}
          required={lang === "et"}
          error={errors[`names.${lang}`]}
        />
      ))}
    </fieldset>
  );
}
