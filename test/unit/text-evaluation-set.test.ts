import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TEXT_LANGUAGES } from "../../src/domain/text/languages.ts";
import { STARTER_THEMES } from "../../src/domain/text/starter-themes.ts";
import { loadEvaluationSet } from "../fixtures/comments/evaluation-set.ts";

describe("the labelled comments", () => {
  const keys = new Set(STARTER_THEMES.map((t) => t.key));
  for (const language of TEXT_LANGUAGES) {
    it(`${language}: at least 300 comments, known themes only, no duplicates, both parts filled`, () => {
      const set = loadEvaluationSet(language);
      assert.ok(set.length >= 300, `${set.length} comments`);
      assert.deepEqual(
        set.flatMap((c) => c.themes.filter((t) => !keys.has(t))),
        [],
      );
      assert.equal(new Set(set.map((c) => c.text)).size, set.length);
      const heldOut = set.filter((c) => c.part === "held-out").length;
      assert.ok(heldOut > 90 && heldOut < set.length - 90, `${heldOut} held out`);
    });
  }
});
