import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  answerHasPersonalData,
  answerTexts,
  findPersonalData,
  isEstonianPersonalCode,
  isIban,
  MASK,
  mapAnswerTexts,
  maskPersonalData,
  REDACTED,
  replacePersonalData,
} from "./personal-data.ts";

const kinds = (text: string) => findPersonalData(text).map((m) => [m.kind, text.slice(m.start, m.end)]);

describe("Estonian personal identification codes", () => {
  it("accepts codes with a correct check digit (first and second round of weights)", () => {
    // 37605030299 is the example of the standard; 49001010093 needs the second set of weights (first sum 10).
    for (const code of ["37605030299", "48701010010", "50101010016", "61202291237", "49001010093"])
      assert.equal(isEstonianPersonalCode(code), true, code);
  });

  it("refuses a wrong check digit, an impossible date, a wrong first digit or length", () => {
    for (const code of [
      "37605030298", // check digit off by one
      "49001010094",
      "36102290235", // 1961-02-29 did not exist
      "39913010231", // month 13
      "97605030299", // century digit 9
      "07605030299",
      "3760503029", // ten digits
      "376050302990",
    ])
      assert.equal(isEstonianPersonalCode(code), false, code);
  });

  it("is found in text only with a valid checksum and not inside a longer number", () => {
    assert.deepEqual(kinds("Minu isikukood on 37605030299, palun helistage."), [
      ["personalCode", "37605030299"],
    ]);
    assert.deepEqual(kinds("Minu isikukood on 37605030298."), []);
    assert.deepEqual(kinds("Viitenumber 1376050302991"), []);
  });
});

describe("IBANs", () => {
  it("accepts real-format IBANs of the Baltics and Germany, with or without spaces", () => {
    for (const iban of [
      "EE382200221020145685",
      "EE58 3822 0022 1020 1456 85",
      "LV65HABA0551029573856",
      "LT717300010123456789",
      "DE89 3704 0044 0532 0130 00",
    ])
      assert.equal(isIban(iban), true, iban);
  });

  it("refuses a wrong check (mod 97) or shape", () => {
    for (const iban of ["EE382200221020145686", "EE392200221020145685", "EE38", "1238220022102014568"])
      assert.equal(isIban(iban), false, iban);
  });

  it("is found in text", () => {
    assert.deepEqual(kinds("Kandke raha kontole EE38 2200 2210 2014 5685 tagasi"), [
      ["iban", "EE38 2200 2210 2014 5685"],
    ]);
    assert.deepEqual(kinds("konto EE382200221020145686"), []);
    assert.deepEqual(kinds("KONTO LV65 HABA 0551 0295 7385 6 ON MINU"), [
      ["iban", "LV65 HABA 0551 0295 7385 6"],
    ]);
  });
});

describe("e-mail addresses and phone numbers", () => {
  it("finds addresses, also with non-Latin letters", () => {
    assert.deepEqual(kinds("Kirjutage mari.maasikas@example.ee või jüri@näide.ee"), [
      ["email", "mari.maasikas@example.ee"],
      ["email", "jüri@näide.ee"],
    ]);
  });

  it("finds Estonian, Latvian, Lithuanian and international phone numbers", () => {
    assert.deepEqual(
      kinds("Helistage 5123 4567 või +372 5123 4567, LV 21234567, LT 861234567, lauatelefon 6123456"),
      [
        ["phone", "5123 4567"],
        ["phone", "+372 5123 4567"],
        ["phone", "21234567"],
        ["phone", "861234567"],
        ["phone", "6123456"],
      ],
    );
  });

  it("leaves dates, sums, years and short numbers alone", () => {
    assert.deepEqual(
      kinds("Ootasin 45 minutit 12.03.2024, pilet maksis 120 eurot, aastal 2023, tuba 203."),
      [],
    );
  });
});

describe("masking and redaction", () => {
  it("replaces each finding and keeps the rest of the comment", () => {
    const text = "Kood 37605030299, e-post mari@example.ee, tel 5123 4567. Teenindus oli hea.";
    assert.equal(maskPersonalData(text), `Kood ${MASK}, e-post ${MASK}, tel ${MASK}. Teenindus oli hea.`);
    assert.equal(
      replacePersonalData(text, REDACTED),
      `Kood ${REDACTED}, e-post ${REDACTED}, tel ${REDACTED}. Teenindus oli hea.`,
    );
    assert.equal(maskPersonalData("Kõik oli hästi"), "Kõik oli hästi");
    assert.equal(maskPersonalData(null), null);
  });
});

describe("text answers", () => {
  const answers = { q1: "Helistage 5123 4567", q2: ["a", "b"], q3: 4, q4: "opt2" };
  it("masks only text values and keeps choices and ratings", () => {
    assert.deepEqual(mapAnswerTexts(answers, maskPersonalData), {
      q1: `Helistage ${MASK}`,
      q2: ["a", "b"],
      q3: 4,
      q4: "opt2",
    });
    assert.deepEqual(answerTexts("kommentaar", answers), ["kommentaar", "Helistage 5123 4567", "opt2"]);
  });
  it("flags an answer by its comment or any text answer", () => {
    assert.equal(answerHasPersonalData("Kõik hästi", answers), true);
    assert.equal(answerHasPersonalData("Kõik hästi", { q1: "aitäh", q3: 9 }), false);
    assert.equal(answerHasPersonalData("mari@example.ee", {}), true);
    assert.equal(answerHasPersonalData(null, null), false);
  });
});
