import dashboardEt from "./dashboard/et.json" with { type: "json" };
import et from "./et.json" with { type: "json" };
import followUpEt from "./followup/et.json" with { type: "json" };
import groupEt from "./group/et.json" with { type: "json" };
import qualityEt from "./quality/et.json" with { type: "json" };

/** The interface languages, Estonian first (the default). */
export const LOCALES = ["et", "en", "ru", "lv", "lt"] as const;
export type Locale = (typeof LOCALES)[number];

/** Every message id; the Estonian catalogues (the main one and the dashboard's) are the reference. */
export type MessageId =
  | keyof typeof et
  | keyof typeof dashboardEt
  | keyof typeof followUpEt
  | keyof typeof groupEt
  | keyof typeof qualityEt;
export type Messages = Record<MessageId, string>;

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  et: "Eesti",
  en: "English",
  ru: "Русский",
  lv: "Latviešu",
  lt: "Lietuvių",
};

/** A language's main catalogue merged with its dashboard, follow-up, ministry-view and quality catalogues. */
const join = <A, B, C, D, E>(
  main: Promise<{ default: A }>,
  dashboard: Promise<{ default: B }>,
  followUp: Promise<{ default: C }>,
  group: Promise<{ default: D }>,
  quality: Promise<{ default: E }>,
) =>
  Promise.all([main, dashboard, followUp, group, quality]).then(([m, d, f, g, q]) => ({
    ...m.default,
    ...d.default,
    ...f.default,
    ...g.default,
    ...q.default,
  }));

// Only Estonian ships in the entry chunk; the other catalogues load on demand.
const loaders: Record<Locale, () => Promise<Messages>> = {
  et: async () => ({ ...et, ...dashboardEt, ...followUpEt, ...groupEt, ...qualityEt }),
  en: () =>
    join(
      import("./en.json", { with: { type: "json" } }),
      import("./dashboard/en.json", { with: { type: "json" } }),
      import("./followup/en.json", { with: { type: "json" } }),
      import("./group/en.json", { with: { type: "json" } }),
      import("./quality/en.json", { with: { type: "json" } }),
    ),
  ru: () =>
    join(
      import("./ru.json", { with: { type: "json" } }),
      import("./dashboard/ru.json", { with: { type: "json" } }),
      import("./followup/ru.json", { with: { type: "json" } }),
      import("./group/ru.json", { with: { type: "json" } }),
      import("./quality/ru.json", { with: { type: "json" } }),
    ),
  lv: () =>
    join(
      import("./lv.json", { with: { type: "json" } }),
      import("./dashboard/lv.json", { with: { type: "json" } }),
      import("./followup/lv.json", { with: { type: "json" } }),
      import("./group/lv.json", { with: { type: "json" } }),
      import("./quality/lv.json", { with: { type: "json" } }),
    ),
  lt: () =>
    join(
      import("./lt.json", { with: { type: "json" } }),
      import("./dashboard/lt.json", { with: { type: "json" } }),
      import("./followup/lt.json", { with: { type: "json" } }),
      import("./group/lt.json", { with: { type: "json" } }),
      import("./quality/lt.json", { with: { type: "json" } }),
    ),
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
