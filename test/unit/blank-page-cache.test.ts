import assert from "node:assert/strict";
import { test } from "node:test";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { answerPage } from "../../src/views/answer-page.ts";
import { blankAnswerPage } from "../../src/views/blank-page-cache.ts";

/** The blank page of `definition` for organisation `org`, posting back to its own address. */
const render = (definition: ReturnType<typeof standardDefinition>, org: string) => () =>
  answerPage({
    locale: "et",
    definition,
    names: { org },
    languages: [{ locale: "et", href: "?lang=et" }],
    values: { answers: {} },
  });

test("a kept blank page is the page rendered, as UTF-8 bytes, kept once and sent again", () => {
  const def = standardDefinition({ locales: ["et"] });
  let renders = 0;
  const counted = () => {
    renders++;
    return render(def, "Amet")();
  };
  const first = blankAnswerPage(def, "et|Amet", counted);
  const second = blankAnswerPage(def, "et|Amet", counted);
  assert.equal(first.toString("utf8"), render(def, "Amet")());
  assert.equal(second, first, "the same bytes");
  assert.equal(renders, 1);
  // Estonian letters survive the bytes.
  assert.match(first.toString("utf8"), /tõenäoliselt/);
});

test("the form of a blank page posts back to the page's own address: the page holds no link token", () => {
  const page = blankAnswerPage(
    standardDefinition({ locales: ["et"] }),
    "et|Amet",
    render(standardDefinition({ locales: ["et"] }), "Amet"),
  ).toString("utf8");
  assert.match(page, /<form method="post" accept-charset="utf-8">/);
  assert.doesNotMatch(page, /action=/);
});

test("pages are kept apart by key and by definition object", () => {
  const def = standardDefinition({ locales: ["et"] });
  blankAnswerPage(def, "et|Amet", render(def, "Amet"));
  const other = blankAnswerPage(def, "et|Muu amet", render(def, "Muu amet")).toString("utf8");
  assert.match(other, /Muu amet/);
  const edited = structuredClone(def);
  edited.cover = { et: "Uus sissejuhatus" };
  const editedPage = blankAnswerPage(edited, "et|Amet", render(edited, "Amet")).toString("utf8");
  assert.match(editedPage, /Uus sissejuhatus/);
});
