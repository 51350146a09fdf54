import type { TTextLanguage } from "./languages.ts";
import { keyFor, keyMatches } from "./keys.ts";
import { stemmerFor } from "./stem.ts";
import { tokenize } from "./tokens.ts";

/** A theme ready for matching: each keyword as a sequence of keys (stems, or exact words for the baseline). */
export interface TCompiledTheme {
  key: string;
  phrases: string[][];
}

export interface TThemeInput {
  key: string;
  keywords: string[];
}

/** Compiles keywords into stem phrases for one language. */
export function compileThemes(themes: TThemeInput[], language: TTextLanguage): TCompiledTheme[] {
  const toKey = keyFor(language);
  return themes.map((theme) => ({
    key: theme.key,
    phrases: theme.keywords.map((k) => tokenize(k).map(toKey)).filter((p) => p.length > 0),
  }));
}

/** The naive baseline: keywords as exact words, no stemming. */
export function compileThemesExact(themes: TThemeInput[]): TCompiledTheme[] {
  return themes.map((theme) => ({
    key: theme.key,
    phrases: theme.keywords.map((k) => tokenize(k)).filter((p) => p.length > 0),
  }));
}

function phraseAt(
  tokens: string[],
  at: number,
  phrase: string[],
  matches: (t: string, k: string) => boolean,
) {
  return phrase.every((key, i) => at + i < tokens.length && matches(tokens[at + i], key));
}

function findThemes(tokens: string[], themes: TCompiledTheme[], matches: (t: string, k: string) => boolean) {
  return themes
    .filter((theme) => theme.phrases.some((p) => tokens.some((_, at) => phraseAt(tokens, at, p, matches))))
    .map((theme) => theme.key);
}

/** The keys of the themes a comment mentions (stems, inflection-tolerant). */
export function matchThemes(text: string, themes: TCompiledTheme[], language: TTextLanguage): string[] {
  const stem = stemmerFor(language);
  const tokens = tokenize(text).map(stem);
  return findThemes(tokens, themes, (t, k) => keyMatches(t, k, language));
}

/** The naive baseline: a theme matches when one of its keywords appears exactly. */
export function matchThemesExact(text: string, themes: TCompiledTheme[]): string[] {
  return findThemes(tokenize(text), themes, (t, k) => t === k);
}
