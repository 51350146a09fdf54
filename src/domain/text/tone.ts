import type { TTextLanguage } from "./languages.ts";
import { stemmerFor } from "./stem.ts";
import { NEGATION_WINDOW, TONE_LEXICONS } from "./tone-lexicon.ts";
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
  stem: (word: string) => string;
}

const compiled = new Map<TTextLanguage, TCompiledLexicon>();

function lexiconFor(language: TTextLanguage): TCompiledLexicon {
  let lexicon = compiled.get(language);
  if (!lexicon) {
    const stem = stemmerFor(language);
    const { positive, negative, negators } = TONE_LEXICONS[language];
    lexicon = {
      positive: positive.map(stem),
      negative: negative.map(stem),
      negators: new Set(negators),
      stem,
    };
    compiled.set(language, lexicon);
  }
  return lexicon;
}

const isNegator = (token: string, negators: Set<string>) =>
  negators.has(token) || (negators.has("n't") && token.endsWith("n't"));

/** Counts positive and negative words, turning around those within a negator's reach. */
function countPolarity(text: string, language: TTextLanguage): { positive: number; negative: number } {
  const lexicon = lexiconFor(language);
  let positive = 0;
  let negative = 0;
  let negatedUntil = -1;
  tokenize(text).forEach((token, i) => {
    if (isNegator(token, lexicon.negators)) {
      negatedUntil = i + NEGATION_WINDOW;
      return;
    }
    const stem = lexicon.stem(token);
    const polarity = lexicon.positive.includes(stem) ? 1 : lexicon.negative.includes(stem) ? -1 : 0;
    const signed = i <= negatedUntil ? -polarity : polarity;
    if (signed > 0) positive++;
    if (signed < 0) negative++;
  });
  return { positive, negative };
}

function textToneOf({ positive, negative }: { positive: number; negative: number }): TTone {
  if (positive > 0 && negative > 0) return "mixed";
  if (positive > 0) return "positive";
  if (negative > 0) return "negative";
  return "neutral";
}

/** Tone of a comment in its language; the 0–10 score, where given, settles comments whose words carry none. */
export function toneOf(text: string, language: TTextLanguage, score?: number | null): TToneResult {
  const textTone = textToneOf(countPolarity(text, language));
  const hasScore = score !== undefined && score !== null;
  let tone = textTone;
  if (hasScore && textTone === "neutral")
    tone = score >= 9 ? "positive" : score <= 6 ? "negative" : "neutral";
  const disagreesWithScore =
    hasScore && ((textTone === "negative" && score >= 9) || (textTone === "positive" && score <= 4));
  return { tone, textTone, disagreesWithScore };
}
