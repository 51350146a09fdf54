import type { TTextLanguage } from "./languages.ts";
import { stemmerFor } from "./stem.ts";

// Estonian stems keep consonant gradation (järjekord, järjekorra) and Estonian glues compounds together
// (ootejärjekorras), so an Estonian key of six letters or more drops its last letter and may also match
// inside a word; Snowball stems of Russian and English are matched by prefix as they are.
const GRADATION_MIN = 6;
const COMPOUND_MIN = 5;
const COMPOUND_OFFSET = 3;
// A key shorter than this must equal the word's stem: "tun" (from "tund", hour) must not match "tundsin" (felt).
const PREFIX_MIN = 4;

/** Turns a keyword (one word) into its matching key in a language. */
export function keyFor(language: TTextLanguage): (word: string) => string {
  const stem = stemmerFor(language);
  if (language !== "et") return stem;
  return (word) => {
    const s = stem(word);
    return s.length >= GRADATION_MIN ? s.slice(0, -1) : s;
  };
}

/** Whether a stemmed word matches a key. */
export function keyMatches(token: string, key: string, language: TTextLanguage): boolean {
  if (key.length < PREFIX_MIN) return token === key;
  if (token.startsWith(key)) return true;
  if (language !== "et" || key.length < COMPOUND_MIN) return false;
  return token.indexOf(key, COMPOUND_OFFSET) > 0;
}
