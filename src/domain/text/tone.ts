import { keyFor, keyMatches } from "./keys.ts";
import type { TTextLanguage } from "./languages.ts";
import { stemmerFor } from "./stem.ts";
import { CONTRAST_WORDS, NEGATION_WINDOW, TONE_LEXICONS } from "./tone-lexicon.ts";
import { tokenize } from "./tokens.ts";

export const TONES = ["positive", "negative", "mixed", "neutral"] as const;
export type TTone = (typeof TONES)[number];

export interface TToneResult {
  /** The tone from the words and the score together. */
  tone: TTone;
  /** The tone from the words alone. */
  textTone: TTone;
  /** The words say the opposite of the score (an angry comment with a 9, praise with a 2). */
  disagreesWithScore: boolean;
}

interface TCompiledLexicon {
  positive: string[];
  negative: string[];
  negators: Set<string>;
  contrast: Set<string>;
  stem: (word: string) => string;
}

const compiled = new Map<TTextLanguage, TCompiledLexicon>();

function lexiconFor(language: TTextLanguage): TCompiledLexicon {
  let lexicon = compiled.get(language);
  if (!lexicon) {
    const toKey = keyFor(language);
    const { positive, negative, negators } = TONE_LEXICONS[language];
    lexicon = {
      positive: positive.map(toKey),
      negative: negative.map(toKey),
      negators: new Set(negators),
      contrast: new Set(CONTRAST_WORDS[language]),
      stem: stemmerFor(language),
    };
    compiled.set(language, lexicon);
  }
  return lexicon;
}

const isNegator = (token: string, negators: Set<string>) =>
  negators.has(token) || (negators.has("n't") && token.endsWith("n't"));

// Estonian and Russian also negate what came before in the clause ("Ootamist polnud", "Долго ждать не
// пришлось"); English negation reaches forward only.
const NEGATING_PREFIX = "eba";

const NEGATES_BACKWARD: Record<TTextLanguage, boolean> = { et: true, ru: true, en: false };

interface TPolarity {
  positive: number;
  negative: number;
  contrast: boolean;
}

/** Polarity of each word of one clause: +1, -1 or 0, turned around within a negator's reach. */
function clausePolarity(tokens: string[], lexicon: TCompiledLexicon, language: TTextLanguage): number[] {
  const matches = (stem: string, keys: string[]) => keys.some((k) => keyMatches(stem, k, language));
  const wordPolarity = (word: string) => {
    const stem = lexicon.stem(word);
    return matches(stem, lexicon.positive) ? 1 : matches(stem, lexicon.negative) ? -1 : 0;
  };
  const polarity = tokens.map((token) => {
    const own = wordPolarity(token);
    // Estonian "eba-" is "un-": ebaviisakas (impolite) is viisakas (polite) turned around.
    if (language === "et" && token.startsWith(NEGATING_PREFIX) && token.length > NEGATING_PREFIX.length + 3) {
      const rest = wordPolarity(token.slice(NEGATING_PREFIX.length));
      if (rest !== 0 && own !== -1) return -rest;
    }
    return own;
  });
  const negators = tokens.flatMap((t, i) => (isNegator(t, lexicon.negators) ? [i] : []));
  return polarity.map((p, i) => {
    const after = negators.some((n) => i > n && i - n <= NEGATION_WINDOW);
    const before = NEGATES_BACKWARD[language] && negators.some((n) => i < n && n - i <= NEGATION_WINDOW);
    return after || before ? -p : p;
  });
}

function countPolarity(text: string, language: TTextLanguage): TPolarity {
  const lexicon = lexiconFor(language);
  const result: TPolarity = { positive: 0, negative: 0, contrast: false };
  for (const clause of text.split(/[.,;:!?()]+/)) {
    const tokens = tokenize(clause);
    if (tokens.some((t) => lexicon.contrast.has(t))) result.contrast = true;
    for (const p of clausePolarity(tokens, lexicon, language)) {
      if (p > 0) result.positive++;
      if (p < 0) result.negative++;
    }
  }
  return result;
}

function textToneOf({ positive, negative }: TPolarity): TTone {
  if (positive > 0 && negative > 0) return "mixed";
  if (positive > 0) return "positive";
  if (negative > 0) return "negative";
  return "neutral";
}

const hasScore = (score: number | null | undefined): score is number => score !== undefined && score !== null;

/** A contrast ("good, but…") with a middling score or none marks a one-sided comment as mixed. */
function combine(textTone: TTone, polarity: TPolarity, score: number | null | undefined): TTone {
  const middling = !hasScore(score) || (score >= 4 && score <= 8);
  if (polarity.contrast && middling && textTone !== "neutral") return "mixed";
  if (polarity.contrast && hasScore(score) && score >= 5 && score <= 8 && textTone === "neutral")
    return "mixed";
  if (textTone !== "neutral" || !hasScore(score)) return textTone;
  return score >= 8 ? "positive" : score <= 5 ? "negative" : "neutral";
}

/** Tone of a comment in its language; the 0–10 score, where given, settles comments whose words carry none. */
export function toneOf(text: string, language: TTextLanguage, score?: number | null): TToneResult {
  const polarity = countPolarity(text, language);
  const textTone = textToneOf(polarity);
  const tone = combine(textTone, polarity, score);
  const disagreesWithScore =
    hasScore(score) && ((textTone === "negative" && score >= 9) || (textTone === "positive" && score <= 4));
  return { tone, textTone, disagreesWithScore };
}
