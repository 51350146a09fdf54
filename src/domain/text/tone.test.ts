import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toneOf } from "./tone.ts";

describe("tone", () => {
  it("reads plain praise and plain complaints in each language", () => {
    assert.equal(toneOf("Väga hea ja sõbralik teenindus.", "et").textTone, "positive");
    assert.equal(toneOf("Kohutav ja aeglane.", "et").textTone, "negative");
    assert.equal(toneOf("Очень вежливый сотрудник, спасибо.", "ru").textTone, "positive");
    assert.equal(toneOf("Ужасно грубое отношение.", "ru").textTone, "negative");
    assert.equal(toneOf("Friendly and quick, thank you.", "en").textTone, "positive");
    assert.equal(toneOf("Rude and slow.", "en").textTone, "negative");
  });

  it("turns a negated word around (ei olnud hea, не помогли, not helpful)", () => {
    assert.equal(toneOf("Teenindus ei olnud hea.", "et").textTone, "negative");
    assert.equal(toneOf("Мне не помогли.", "ru").textTone, "negative");
    assert.equal(toneOf("The staff were not helpful.", "en").textTone, "negative");
    assert.equal(toneOf("Didn't have to wait long.", "en").textTone, "positive");
  });

  it("Estonian and Russian negation after the word (Ootamist polnud kaua, Долго ждать не пришлось)", () => {
    assert.equal(toneOf("Kaua ootama ei pidanud.", "et").textTone, "positive");
    assert.equal(toneOf("Долго ждать не пришлось.", "ru").textTone, "positive");
  });

  it("a negation ends at the end of its clause", () => {
    assert.equal(toneOf("Ootamist polnud, aitäh!", "et").textTone, "positive");
    assert.equal(toneOf("No waiting, thanks!", "en").textTone, "positive");
  });

  it("praise and a complaint together are mixed", () => {
    assert.equal(toneOf("Töötaja oli viisakas, aga menetlus oli aeglane.", "et").textTone, "mixed");
  });

  it("a contrast with a middling score is mixed; with a top score the words decide", () => {
    assert.equal(toneOf("Service was fine but the hours are impossible.", "en", 7).tone, "mixed");
    assert.equal(toneOf("Quick, but I expected that.", "en", 10).tone, "positive");
  });

  it("the score settles a comment whose words carry no tone", () => {
    assert.equal(toneOf("Asi sai aetud.", "et", 10).tone, "positive");
    assert.equal(toneOf("Asi sai aetud.", "et", 2).tone, "negative");
    assert.equal(toneOf("Asi sai aetud.", "et", 7).tone, "neutral");
    assert.equal(toneOf("Asi sai aetud.", "et").tone, "neutral");
  });

  it("flags words that contradict the score", () => {
    assert.equal(toneOf("Ebaviisakas ja aeglane!", "et", 9).disagreesWithScore, true);
    assert.equal(toneOf("Väga hea!", "et", 1).disagreesWithScore, true);
    assert.equal(toneOf("Väga hea!", "et", 9).disagreesWithScore, false);
  });
});
