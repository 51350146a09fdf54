import { type ScorecardTemplate, section } from "./build.ts";
import { writtenClosingRows, writtenContentRows, writtenStyleRows } from "./written-criteria.ts";

/** SKA self-service messaging model (Lisa 4, "Suhtluse analüüsimise mudel"), criterion texts verbatim. */
export const selfServiceTemplate: ScorecardTemplate = {
  key: "ska_self_service",
  title: "Suhtluse analüüsimise mudel (iseteenindus)",
  channel: "self_service",
  sourceNote: "SKA käskkiri 13.10.2024 nr 137, Lisa 4.",
  sections: [
    section("opening", "Suhtluse alustamine", 15, [
      ["Suhtluse algatamisel valin õige valdkonna ja kirjutan alamteema pealkirja.", 1],
      ['Suhtlusele vastamisel kirjutan "Sisu" väljale pöördumise sisu.', 1],
      ['Mõlemas suunas alustan sisu pöördumisega kliendile, nt: "Hea Mari Maasikas"', 1],
    ]),
    section("content", "Suhtluses kirja sisu ja vormistamine", 45, writtenContentRows),
    section("style", "Suhtluse kirjastiil", 25, writtenStyleRows),
    section("closing", "Suhtluse lõpetamine", 15, [
      ...writtenClosingRows,
      ["Kasuta kokkulepitud signatuuri.", 1],
    ]),
  ],
};
