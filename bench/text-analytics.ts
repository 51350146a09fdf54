/**
 * Accuracy and speed of comment themes and tone, per language, on the held-out part of the labelled comments
 * (test/fixtures/comments/), beside a naive baseline in the same run: themes by exact keyword match without
 * stemming, tone by the score alone. Then the time to assign themes and tone to 100,000 comments, and the load
 * average. `--development` scores the development part instead (the part used for tuning).
 * Run: npx node bench/text-analytics.ts [--development]
 */
import { loadavg } from "node:os";
import { accuracy, labelScores, macroF1, type TLabelScores } from "../src/domain/text/accuracy.ts";
import { TEXT_LANGUAGES, type TTextLanguage } from "../src/domain/text/languages.ts";
import { STARTER_THEMES } from "../src/domain/text/starter-themes.ts";
import {
  compileThemes,
  compileThemesExact,
  matchThemes,
  matchThemesExact,
} from "../src/domain/text/theme-match.ts";
import { toneOf } from "../src/domain/text/tone.ts";
import { loadEvaluationSet } from "../test/fixtures/comments/evaluation-set.ts";

const part = process.argv.includes("--development") ? "development" : "held-out";
const SPEED_COMMENTS = 100_000;
const keys = STARTER_THEMES.map((t) => t.key);
const f = (x: number) => x.toFixed(2);

function themeInputs(language: TTextLanguage) {
  return STARTER_THEMES.map((t) => ({ key: t.key, keywords: t.keywords[language] }));
}

function scoreByScore(score: number | null) {
  if (score === null) return "neutral";
  return score >= 9 ? "positive" : score <= 6 ? "negative" : "neutral";
}

function printThemeTable(language: TTextLanguage, stemmed: TLabelScores[], naive: TLabelScores[]) {
  console.log(`\n${language}: theme      support  P      R      F1   | naive P  R      F1`);
  stemmed.forEach((s, i) => {
    const n = naive[i];
    console.log(
      `   ${s.label.padEnd(14)} ${String(s.support).padStart(5)}  ${f(s.precision)}   ${f(s.recall)}   ${f(s.f1)} |       ${f(n.precision)}   ${f(n.recall)}   ${f(n.f1)}`,
    );
  });
}

const summary: string[] = [];
for (const language of TEXT_LANGUAGES) {
  const set = loadEvaluationSet(language).filter((c) => c.part === part);
  const compiled = compileThemes(themeInputs(language), language);
  const exact = compileThemesExact(themeInputs(language));
  const truth = set.map((c) => c.themes);
  const stemmed = labelScores(
    keys,
    truth,
    set.map((c) => matchThemes(c.text, compiled, language)),
  );
  const naive = labelScores(
    keys,
    truth,
    set.map((c) => matchThemesExact(c.text, exact)),
  );
  printThemeTable(language, stemmed, naive);
  const tones = set.map((c) => c.tone);
  const toneAccuracy = accuracy(
    tones,
    set.map((c) => toneOf(c.text, language, c.score).tone),
  );
  const textOnly = accuracy(
    tones,
    set.map((c) => toneOf(c.text, language).tone),
  );
  const scoreOnly = accuracy(
    tones,
    set.map((c) => scoreByScore(c.score)),
  );
  summary.push(
    `${language}   ${String(set.length).padStart(4)}   ${f(macroF1(stemmed))}      ${f(macroF1(naive))}       ${f(macroF1(stemmed) - macroF1(naive)).padStart(5)}    ${f(toneAccuracy)}         ${f(textOnly)}        ${f(scoreOnly)}`,
  );
}

console.log(`\nPart: ${part}`);
console.log("lang  comments  themes F1  naive F1  difference  tone (words+score)  words only  score only");
for (const line of summary) console.log(line);

const all = TEXT_LANGUAGES.flatMap((language) => loadEvaluationSet(language));
const compiledBy = Object.fromEntries(
  TEXT_LANGUAGES.map((l) => [l, compileThemes(themeInputs(l), l)]),
) as Record<TTextLanguage, ReturnType<typeof compileThemes>>;
const started = performance.now();
for (let i = 0; i < SPEED_COMMENTS; i++) {
  const c = all[i % all.length];
  matchThemes(c.text, compiledBy[c.language], c.language);
  toneOf(c.text, c.language, c.score);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `\nSpeed: themes and tone for ${SPEED_COMMENTS.toLocaleString("en")} comments in ${seconds.toFixed(1)} s (${Math.round(SPEED_COMMENTS / seconds).toLocaleString("en")}/s), one core; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
