/// <reference types="vite/client" />
import type { MessageId } from "./message-ids.ts";

export type { MessageId } from "./message-ids.ts";

/** The interface languages, Estonian first (the default). */
export const LOCALES = ["et", "en", "ru", "lv", "lt"] as const;
export type Locale = (typeof LOCALES)[number];

export type Messages = Record<MessageId, string>;

/** Each language named in itself, for the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  et: "Eesti",
  en: "English",
  ru: "Русский",
  lv: "Latviešu",
  lt: "Lietuvių",
};

type Catalogue = Record<string, string>;

// A language's catalogue is its main file (`./et.json`) merged with every area's file (`./<area>/et.json`).
// Only Estonian ships in the entry chunk; the other languages load on demand.
const estonian = import.meta.glob<Catalogue>(["./et.json", "./*/et.json"], {
  eager: true,
  import: "default",
});
const others = import.meta.glob<Catalogue>(["./*.json", "./*/*.json", "!./et.json", "!./*/et.json"], {
  import: "default",
});

/** Main catalogue first, then the areas in path order, so that a lookup never depends on load order. */
const inOrder = (paths: string[]) =>
  paths.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));

const merge = (catalogues: Catalogue[]) => Object.assign({}, ...catalogues) as Messages;

/** Loads one language's catalogue. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "et") return merge(inOrder(Object.keys(estonian)).map((p) => estonian[p]));
  const paths = inOrder(Object.keys(others).filter((p) => p.endsWith(`/${locale}.json`)));
  return merge(await Promise.all(paths.map((p) => others[p]())));
}

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
