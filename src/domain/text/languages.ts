/** Languages whose comments Kaja analyses for themes and tone. */
export const TEXT_LANGUAGES = ["et", "ru", "en"] as const;
export type TTextLanguage = (typeof TEXT_LANGUAGES)[number];

export const isTextLanguage = (value: string): value is TTextLanguage =>
  (TEXT_LANGUAGES as readonly string[]).includes(value);
