import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateModel } from "./scorecard-model.ts";
import { copyScorecardTemplate, scorecardTemplates } from "./scorecard-templates/index.ts";

/** [title, weight, number of criteria, sum of maxima] per section. */
function shape(key: string): Array<[string, number, number, number]> {
  const template = scorecardTemplates.find((t) => t.key === key);
  assert.ok(template, key);
  return template.sections.map((s) => [
    s.title,
    s.weight,
    s.criteria.length,
    s.criteria.reduce((a, c) => a + c.max, 0),
  ]);
}

describe("SKA scorecard templates", () => {
  it("face-to-face: 15/25/50/10 %, maxima 5.5 / 9 / 19.5 / 3.5", () => {
    // contact 1 + 1 + 0.5 + 1 + 1 + 1 = 5.5; communication 9 × 1 = 9
    // counselling 5 + 5 + 5 + 1 + 1 + 1 + 1 + 0.5 = 19.5; closing 1 + 1 + 1 + 0.5 = 3.5
    assert.deepEqual(shape("ska_face_to_face"), [
      ["Kontakti loomine", 15, 6, 5.5],
      ["Suhtlemisoskus", 25, 9, 9],
      ["Nõustamine ja asjatundlikkus", 50, 8, 19.5],
      ["Vestluse lõpetamine", 10, 4, 3.5],
    ]);
  });

  it("self-service: 15/45/25/15 %, maxima 3 / 14.5 / 7.5 / 3.5", () => {
    // content 0.5 + 1 + 0.5 + 1 + 1 + 0.5 + 5 + 1 + 1 + 1 + 1 + 1 = 14.5
    // style 1 + 1 + 1 + 1 + 0.5 + 1 + 1 + 1 = 7.5; closing 1 + 1 + 0.5 + 1 = 3.5
    assert.deepEqual(shape("ska_self_service"), [
      ["Suhtluse alustamine", 15, 3, 3],
      ["Suhtluses kirja sisu ja vormistamine", 45, 12, 14.5],
      ["Suhtluse kirjastiil", 25, 8, 7.5],
      ["Suhtluse lõpetamine", 15, 4, 3.5],
    ]);
  });

  it("e-mail: maxima 2 / 14.5 / 7.5 / 3.5 with the source's weights 10/45/25/15", () => {
    assert.deepEqual(shape("ska_email"), [
      ["E-kirja alustamine", 10, 2, 2],
      ["E-kirja sisu ja vormistamine", 45, 12, 14.5],
      ["E-kirja kirjastiil", 25, 8, 7.5],
      ["E-kirja lõpetamine", 15, 4, 3.5],
    ]);
  });

  it("phone: the listening sheet's three groups", () => {
    // communication 5 × 1 = 5; structure 1 + 1 + 1 + 0.5 + 0.5 + 1 = 5; expertise 5 + 5 × 1 = 10
    assert.deepEqual(shape("ska_phone"), [
      ["Suhtlemisoskus", 30, 5, 5],
      ["Kõne struktuur", 20, 6, 5],
      ["Asjatundlikkus", 50, 6, 10],
    ]);
  });

  it("all templates validate except e-mail, whose weights sum to 95 %", () => {
    for (const template of scorecardTemplates) {
      const problems = validateModel(template);
      if (template.key === "ska_email") {
        // 10 + 45 + 25 + 15 = 95
        assert.deepEqual(problems, [
          {
            path: "sections",
            message: "section weights sum to 95 %, they must sum to 100 %",
            code: "weights_sum",
            values: { sum: "95" },
          },
        ]);
      } else {
        assert.deepEqual(problems, [], template.key);
      }
    }
  });

  it("hands out independent copies that an organisation can correct", () => {
    const copy = copyScorecardTemplate("ska_email");
    copy.sections[0].weight = 15; // 15 + 45 + 25 + 15 = 100
    assert.deepEqual(validateModel(copy), []);
    assert.equal(scorecardTemplates.find((t) => t.key === "ska_email")?.sections[0].weight, 10);
    assert.throws(() => copyScorecardTemplate("nope"));
  });
});
