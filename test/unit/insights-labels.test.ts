import assert from "node:assert/strict";
import { describe, it } from "node:test";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import et from "../../src/i18n/messages/et.json" with { type: "json" };
import lt from "../../src/i18n/messages/lt.json" with { type: "json" };
import lv from "../../src/i18n/messages/lv.json" with { type: "json" };
import ru from "../../src/i18n/messages/ru.json" with { type: "json" };
import { UI_LOCALES } from "../../src/i18n/locales.ts";
import { AUDIENCES, SERVICE_TYPES } from "../../src/modules/catalog/routes.ts";
import { codeLabel, groupLabels } from "../../src/modules/insights/labels.ts";

const catalogues: Record<string, Record<string, string>> = { et, en, ru, lv, lt };

describe("report labels", () => {
  it("every UI catalogue has the same messages", () => {
    for (const locale of UI_LOCALES)
      assert.deepEqual(Object.keys(catalogues[locale]).sort(), Object.keys(en).sort(), locale);
  });

  it("names every service type, audience and answer group in each UI language, never in English instead", () => {
    for (const locale of UI_LOCALES) {
      const labels = [
        ...SERVICE_TYPES.map((c) => ["serviceType", c, codeLabel("serviceType", c, locale)] as const),
        ...AUDIENCES.map((c) => ["audience", c, codeLabel("audience", c, locale)] as const),
        ...Object.entries(groupLabels(null, locale)).map(([g, label]) => ["group", g, label] as const),
      ];
      for (const [dimension, code, label] of labels) {
        assert.notEqual(label, code, `${locale} ${dimension}.${code}`);
        if (locale !== "en") assert.notEqual(label, en[`${dimension}.${code}` as keyof typeof en], locale);
      }
    }
    assert.equal(codeLabel("serviceType", "e_service", "lv"), "E-pakalpojums");
    assert.equal(groupLabels(null, "lt").promoter, "Rekomenduotojai");
  });

  it("prefers the organisation's own group names and shows an unknown code as is", () => {
    assert.equal(groupLabels({ promoter: { et: "Fännid" } }, "en").promoter, "Fännid");
    assert.equal(groupLabels({ promoter: { et: "Fännid", ru: "Фанаты" } }, "ru").promoter, "Фанаты");
    assert.equal(codeLabel("audience", "martians", "et"), "martians");
  });
});
