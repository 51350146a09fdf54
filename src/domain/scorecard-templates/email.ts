import { type ScorecardTemplate, section } from "./build.ts";
import { writtenClosingRows, writtenContentRows, writtenStyleRows } from "./written-criteria.ts";

/**
 * SKA e-mail model (Lisa 4) exactly as published: its weights 10/45/25/15 sum to 95 %, so validateModel rejects
 * it until the owner corrects a weight. It is shipped uncorrected on purpose: which section gets the missing 5 %
 * is the organisation's decision, not ours.
 */
export const emailTemplate: ScorecardTemplate = {
  key: "ska_email",
  title: "E-kirja analüüsimise mudel",
  channel: "email",
  sourceNote:
    "SKA käskkiri 13.10.2024 nr 137, Lisa 4. Allikas on osakaalud 10/45/25/15 % (kokku 95 %): parandage enne kasutamist.",
  sections: [
    section("opening", "E-kirja alustamine", 10, [
      ["Teemareale kirjutan e-kirja üldsõnalise kokkuvõtte kirja.", 1],
      ['Algatus- kui ka vastuskirja alustan sisu pöördumisega kliendile, nt: "Hea Mari Maasikas"', 1],
    ]),
    section("content", "E-kirja sisu ja vormistamine", 45, writtenContentRows),
    section("style", "E-kirja kirjastiil", 25, writtenStyleRows),
    section("closing", "E-kirja lõpetamine", 15, [
      ...writtenClosingRows,
      ["Kasuta asutuseüleselt kokkulepitud signatuuri.", 1],
    ]),
  ],
};
