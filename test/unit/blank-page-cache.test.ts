import assert from "node:assert/strict";
import { test } from "node:test";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { answerPage } from "../../src/views/answer-page.ts";
import { blankAnswerPage } from "../../src/views/blank-page-cache.ts";

/** The cached page as text. */
const page = (...args: Parameters<typeof blankAnswerPage>) => blankAnswerPage(...args).toString("utf8");

const render = (definition: ReturnType<typeof standardDefinition>, org: string) => (action: string) =>
  answerPage({
    locale: "et",
    definition,
    names: { org },
    action,
    languages: [{ locale: "et", href: "?lang=et" }],
    values: { answers: {} },
  });

test("a cached blank page is the page rendered for that token, and each token gets its own", () => {
  const def = standardDefinition({ locales: ["et"] });
  const first = page(def, "et|Amet", "tok-A_1", render(def, "Amet"));
  const second = page(def, "et|Amet", "tok-B_2", render(def, "Amet"));
  assert.equal(first, render(def, "Amet")("/s/tok-A_1"));
  assert.equal(second, render(def, "Amet")("/s/tok-B_2"));
  assert.match(second, /action="\/s\/tok-B_2"/);
  assert.doesNotMatch(second, /tok-A_1/);
});

test("pages are kept apart by key and by definition object", () => {
  const def = standardDefinition({ locales: ["et"] });
  page(def, "et|Amet", "t1", render(def, "Amet"));
  const other = page(def, "et|Muu amet", "t1", render(def, "Muu amet"));
  assert.match(other, /Muu amet/);
  const edited = structuredClone(def);
  edited.cover = { et: "Uus sissejuhatus" };
  const editedPage = page(edited, "et|Amet", "t1", render(edited, "Amet"));
  assert.match(editedPage, /Uus sissejuhatus/);
});

test("a survey text with quotes cannot move where the token goes", () => {
  const def = standardDefinition({ locales: ["et"] });
  def.cover = { et: 'action="/s/~token~" <b>' };
  const cut = page(def, "et|Amet", "real-token", render(def, "Amet"));
  assert.equal(cut, render(def, "Amet")("/s/real-token"));
});
