import snowball from "snowball-stemmers";
import { stemEstonian } from "./estonian-stem.ts";
import type { TTextLanguage } from "./languages.ts";

// Russian and English use the Snowball stemmers (snowball-stemmers, a port of the Snowball project's
// algorithms); Estonian has none there, so it uses Kaja's own suffix rules (estonian-stem.ts).
const russian = snowball.newStemmer("russian");
const english = snowball.newStemmer("english");

const STEMMERS: Record<TTextLanguage, (word: string) => string> = {
  et: stemEstonian,
  ru: (word) => russian.stem(word),
  en: (word) => english.stem(word),
};

/** The stemmer of a language. */
export const stemmerFor = (language: TTextLanguage) => STEMMERS[language];
