import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { STARTER_THEMES } from "./starter-themes.ts";
import { compileThemes, compileThemesExact, matchThemes, matchThemesExact } from "./theme-match.ts";
import type { TTextLanguage } from "./languages.ts";

const themes = (language: TTextLanguage) =>
  compileThemes(
    STARTER_THEMES.map((t) => ({ key: t.key, keywords: t.keywords[language] })),
    language,
  );

describe("theme matching copes with inflection", () => {
  const et = themes("et");
  for (const text of [
    "Ootamine oli pikk.",
    "Ootasin kaua.",
    "Seisin ootejärjekorras.",
    "Järjekorrad on liiga pikad.",
  ]) {
    it(`Estonian: "${text}" is about waiting`, () =>
      assert.ok(matchThemes(text, et, "et").includes("waiting")));
  }
  it("Estonian: case endings on a staff noun (töötajatele, teenindajaga)", () => {
    assert.ok(matchThemes("Tänu töötajatele!", et, "et").includes("staff"));
    assert.ok(matchThemes("Rääkisin teenindajaga.", et, "et").includes("staff"));
  });
  it("Estonian: a compound holding the keyword (klienditeenindaja, e-teenuses)", () => {
    assert.ok(matchThemes("Klienditeenindajad olid toredad.", et, "et").includes("staff"));
    assert.ok(matchThemes("E-teenuses ei leidnud midagi.", et, "et").includes("eservice"));
  });
  it("Estonian: a short key does not match a longer word (tund is not tundsin)", () => {
    assert.deepEqual(matchThemes("Tundsin end hästi.", et, "et"), []);
  });

  const ru = themes("ru");
  for (const text of ["Очередь была огромная.", "Стоял в очереди.", "Долго ждали.", "Ожидание утомило."]) {
    it(`Russian: "${text}" is about waiting`, () =>
      assert.ok(matchThemes(text, ru, "ru").includes("waiting")));
  }
  it("Russian: phone in several cases (телефону, дозвонился)", () => {
    assert.ok(matchThemes("По телефону ответили.", ru, "ru").includes("phone"));
    assert.ok(matchThemes("Наконец дозвонился.", ru, "ru").includes("phone"));
  });

  const en = themes("en");
  it("English: waited, queues and phoning match their themes", () => {
    assert.ok(matchThemes("I waited forever.", en, "en").includes("waiting"));
    assert.ok(matchThemes("The queues are long.", en, "en").includes("waiting"));
    assert.ok(matchThemes("Phoning them is hopeless.", en, "en").includes("phone"));
  });
  it("a phrase keyword matches only as a phrase", () => {
    assert.ok(matchThemes("The opening hours are short.", en, "en").includes("hours"));
    assert.ok(!matchThemes("The hours of opening the parcel.", en, "en").includes("phone"));
  });
});

describe("the naive baseline matches exact words only", () => {
  const exact = compileThemesExact(STARTER_THEMES.map((t) => ({ key: t.key, keywords: t.keywords.et })));
  it("finds the keyword as written and misses its inflected form", () => {
    assert.ok(matchThemesExact("Järjekord oli pikk.", exact).includes("waiting"));
    assert.ok(!matchThemesExact("Seisin järjekorras.", exact).includes("waiting"));
  });
});
