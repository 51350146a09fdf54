import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IntlMessageFormat } from "intl-messageformat";
import { SURVEY_LOCALES } from "../locales.ts";
import { LANGUAGE_NAMES, SURVEY_MESSAGE_KEYS, st, surveyLocale, surveyMessages } from "./index.ts";

/** Sample values for every placeholder a survey message may use. */
const SAMPLE = {
  org: "Maksu- ja Tolliamet",
  service: "Tuludeklaratsiooni esitamine",
  employee: "Mari Maasikas",
  max: 2000,
  date: "12.05.2026",
  score: 8,
  count: 3,
  n: 5,
  yes: "https://kaja.example/r/t?answer=yes",
  partly: "https://kaja.example/r/t?answer=partly",
  no: "https://kaja.example/r/t?answer=no",
};

/**
 * Messages a non-English catalogue may leave identical to English (short proper words).
 * None are expected; list a "locale:key" here only after checking that the language really
 * uses the English word.
 */
const SAME_AS_ENGLISH_ALLOWED = new Set<string>(["es:recovery.no"]);

type TNode = {
  type: number;
  value?: unknown;
  options?: Record<string, { value: TNode[] }>;
  children?: TNode[];
};

/** Names of the arguments (placeholders, plural and select arguments) used in a message. */
function argumentNames(pattern: string, locale: string): Set<string> {
  const names = new Set<string>();
  const walk = (nodes: TNode[]) => {
    for (const node of nodes) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (see @formatjs/icu-messageformat-parser TYPE)
      if (node.type >= 1 && node.type <= 6 && typeof node.value === "string") names.add(node.value);
      if (node.options) for (const option of Object.values(node.options)) walk(option.value);
      if (node.children) walk(node.children);
    }
  };
  walk(new IntlMessageFormat(pattern, locale).getAst() as unknown as TNode[]);
  return names;
}

const intlLocale = (locale: string) => (locale === "no" ? "nb" : locale);

describe("survey message catalogues", () => {
  it("has a catalogue and a native language name for every survey locale", () => {
    assert.deepEqual(Object.keys(surveyMessages).sort(), [...SURVEY_LOCALES].sort());
    assert.deepEqual(Object.keys(LANGUAGE_NAMES).sort(), [...SURVEY_LOCALES].sort());
    assert.equal(LANGUAGE_NAMES.et, "eesti");
    assert.equal(LANGUAGE_NAMES.no, "norsk");
  });

  it("lists each key once", () => {
    assert.equal(new Set(SURVEY_MESSAGE_KEYS).size, SURVEY_MESSAGE_KEYS.length);
  });

  for (const locale of SURVEY_LOCALES) {
    describe(locale, () => {
      const messages = surveyMessages[locale];

      it("has exactly the standard keys", () => {
        const keys = new Set(Object.keys(messages));
        const missing = SURVEY_MESSAGE_KEYS.filter((key) => !keys.has(key));
        const extra = [...keys].filter((key) => !(SURVEY_MESSAGE_KEYS as readonly string[]).includes(key));
        assert.deepEqual(missing, [], `missing in ${locale}`);
        assert.deepEqual(extra, [], `extra in ${locale}`);
      });

      it("parses and formats every message, keeping the English placeholders", () => {
        for (const key of SURVEY_MESSAGE_KEYS) {
          const pattern = messages[key];
          assert.equal(typeof pattern, "string", `${locale} ${key}`);
          assert.ok(pattern.trim().length > 0, `${locale} ${key} is empty`);
          const english = argumentNames(surveyMessages.en[key], "en");
          const own = argumentNames(pattern, intlLocale(locale));
          assert.deepEqual([...own].sort(), [...english].sort(), `${locale} ${key} placeholders`);
          const text = st(locale, key, SAMPLE);
          assert.ok(text.length > 0, `${locale} ${key} formats to text`);
          assert.doesNotMatch(text, /[{}]/, `${locale} ${key} leaves no braces: ${text}`);
          for (const name of english) {
            if (name === "score" && key === "page.scoreLabel") continue;
            assert.ok(
              text.includes(String(SAMPLE[name as keyof typeof SAMPLE])),
              `${locale} ${key} shows {${name}}`,
            );
          }
        }
      });

      it("does not leave messages in English", () => {
        if (locale === "en") return;
        for (const key of SURVEY_MESSAGE_KEYS) {
          if (SAME_AS_ENGLISH_ALLOWED.has(`${locale}:${key}`)) continue;
          assert.notEqual(messages[key], surveyMessages.en[key], `${locale} ${key} is the English text`);
        }
      });

      it("formats the score label for 0, 1, 2, 5, 10 and 21", () => {
        for (const score of [0, 1, 2, 5, 10, 21]) {
          const label = st(locale, "page.scoreLabel", { score });
          assert.match(label, new RegExp(`^${score}\\s\\S`), `${locale} ${score}: ${label}`);
        }
      });
    });
  }

  it("uses the right plural forms in languages with several", () => {
    const labels = (locale: string) =>
      [0, 1, 2, 5, 10, 21].map((score) => st(locale, "page.scoreLabel", { score }));
    assert.deepEqual(labels("en"), ["0 points", "1 point", "2 points", "5 points", "10 points", "21 points"]);
    assert.deepEqual(labels("et"), ["0 punkti", "1 punkt", "2 punkti", "5 punkti", "10 punkti", "21 punkti"]);
    assert.deepEqual(labels("ru"), ["0 баллов", "1 балл", "2 балла", "5 баллов", "10 баллов", "21 балл"]);
    assert.deepEqual(labels("lv"), [
      "0 punktu",
      "1 punkts",
      "2 punkti",
      "5 punkti",
      "10 punktu",
      "21 punkts",
    ]);
    assert.deepEqual(labels("lt"), ["0 balų", "1 balas", "2 balai", "5 balai", "10 balų", "21 balas"]);
    assert.deepEqual(labels("fi"), [
      "0 pistettä",
      "1 piste",
      "2 pistettä",
      "5 pistettä",
      "10 pistettä",
      "21 pistettä",
    ]);
    assert.deepEqual(labels("de"), ["0 Punkte", "1 Punkt", "2 Punkte", "5 Punkte", "10 Punkte", "21 Punkte"]);
  });

  it("keeps the organisation's name unchanged in the Estonian question", () => {
    const text = st("et", "recommend.organisation", { org: "Maksu- ja Tolliamet" });
    assert.ok(text.includes("Maksu- ja Tolliamet"), text);
    assert.equal(
      text,
      "Kui tõenäoliselt soovitaksite asutust Maksu- ja Tolliamet oma sõbrale või kolleegile?",
    );
  });

  it("falls back to English for unknown languages and maps Norwegian codes", () => {
    assert.equal(st("xx", "thanks.body"), surveyMessages.en["thanks.body"]);
    assert.equal(st("", "page.language"), "Language");
    assert.equal(surveyLocale("nb-NO"), "no");
    assert.equal(surveyLocale("nn"), "no");
    assert.equal(surveyLocale("ru-RU"), "ru");
    assert.equal(st("nb", "page.language"), "Språk");
    assert.equal(st("no", "page.scoreLabel", { score: 1 }), "1 poeng");
  });

  it("reports an unknown key", () => {
    assert.throws(() => st("et", "no.such.key"), /Missing survey message no\.such\.key/);
  });
});
