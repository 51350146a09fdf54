import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { SURVEY_LOCALES } from "../../src/i18n/locales.ts";
import { renderInvitation } from "../../src/emails/render-invitation.ts";

// An invitation says each thing once: the catalogue's lines around the survey's own cover letter must not repeat
// what the shipped cover already says (issue 12: "the sentence repeated twice in the invitation mail").

const ORG = "Sotsiaalkindlustusamet";

/** The sentences of the plain-text part, without the score links and the footer. */
function sentences(text: string): string[] {
  const body = text.split("\n--\n")[0];
  return body
    .split("\n")
    .filter((line) => !/https?:\/\//.test(line))
    .join(" ")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const words = (s: string) =>
  new Set(
    s
      .toLocaleLowerCase()
      .replaceAll(ORG.toLocaleLowerCase(), "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0),
  );

/** Shared words over all words of the two sentences (Jaccard); 1 for the same sentence. */
function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / (x.size + y.size - shared);
}

describe("invitation e-mail: no sentence said twice", () => {
  for (const locale of SURVEY_LOCALES) {
    it(`${locale}: the standard survey's invitation repeats no sentence, in HTML or text`, async () => {
      const mail = await renderInvitation({
        orgName: ORG,
        definition: standardDefinition(),
        locale,
        publicUrl: "https://kaja.example",
        token: "t".repeat(43),
      });
      const list = sentences(mail.text);
      assert.ok(list.length >= 5, list.join(" | "));
      for (const [i, a] of list.entries())
        for (const b of list.slice(i + 1))
          assert.ok(overlap(a, b) < 0.5, `said twice in ${locale}: "${a}" / "${b}"`);
      for (const s of list) {
        const inHtml = mail.html.split(s.replaceAll("’", "&#39;").replaceAll("'", "&#39;")).length - 1;
        assert.ok(inHtml <= 1, `"${s}" appears ${inHtml} times in the HTML of ${locale}`);
      }
    });
  }
});
