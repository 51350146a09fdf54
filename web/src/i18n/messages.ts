import et from "./et.json" with { type: "json" };

/** The interface languages, Estonian first (the default). */
export const LOCALES = ["et", "en", "ru", "lv", "lt"] as const;
export type Locale = (typeof LOCALES)[number];

/** Every message id; the Estonian catalogue is the reference. */
export type MessageId = keyof typeof et;
export type Messages = Record<MessageId, string>;

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  et: "Eesti",
  en: "English",
  ru: "Русский",
  lv: "Latviešu",
  lt: "Lietuvių",
};

// Only Estonian ships in the entry chunk; the other catalogues load on demand.
const loaders: Record<Locale, () => Promise<Messages>> = {
  et: async () => et,
  en: () => import("./en.json", { with: { type: "json" } }).then((m) => m.default),
  ru: () => import("./ru.json", { with: { type: "json" } }).then((m) => m.default),
  lv: () => import("./lv.json", { with: { type: "json" } }).then((m) => m.default),
  lt: () => import("./lt.json", { with: { type: "json" } }).then((m) => m.default),
};

/** Loads one language's catalogue. */
export const loadMessages = (locale: Locale) => loaders[locale]();

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
