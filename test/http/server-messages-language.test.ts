import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { ROLES } from "../../src/auth/permissions.ts";
import { organization, user } from "../../src/db/schema.ts";
import en from "../../src/i18n/messages/en.json" with { type: "json" };
import et from "../../src/i18n/messages/et.json" with { type: "json" };
import lt from "../../src/i18n/messages/lt.json" with { type: "json" };
import lv from "../../src/i18n/messages/lv.json" with { type: "json" };
import ru from "../../src/i18n/messages/ru.json" with { type: "json" };
import { t } from "../../src/i18n/account-mail.ts";
import { monthLabel } from "../../src/modules/insights/exports/format.ts";
import {
  asUser,
  createTestOrg,
  lastMail,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

const catalogues: Record<string, Record<string, string>> = { et, en, ru, lv, lt };
const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
const catalogueWords = (lang: string) => words(Object.values(catalogues[lang]).join(" "));

/**
 * The English words a text in `lang` must not hold: every word of the English catalogue (and every role id)
 * that the catalogue of `lang` does not use itself. Links and the values filled in (names) are removed first.
 */
function englishLeaks(text: string, lang: string, values: string[]): string[] {
  let rest = text.replace(/https?:\/\/\S+/g, " ");
  for (const v of values) rest = rest.replaceAll(v, " ");
  const own = catalogueWords(lang);
  const english = new Set([...catalogueWords("en"), ...ROLES.flatMap((r) => r.split("_"))]);
  return [...words(rest)].filter((w) => english.has(w) && !own.has(w));
}

describe("server messages reach the user in the chosen language only", () => {
  let ctx: TestContext;
  let a: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Amet");
  });
  after(() => ctx.close());

  for (const lang of ["et", "ru", "lv", "lt", "en"]) {
    it(`the member invitation in ${lang}: the role by its translated name, no English, no sentence twice`, async () => {
      await ctx.deps.db.update(organization).set({ defaultLocale: lang }).where(eq(organization.id, a.orgId));
      const email = `m-${unique()}@example.test`;
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/invitations",
        headers: asUser(a.owner),
        payload: { email, role: "agent" },
      });
      assert.equal(res.statusCode, 201, res.body);
      const mail = await lastMail(ctx.deps, email, "invitation");
      const text = `${mail.subject}\n${mail.text}`;
      assert.ok(
        mail.text.includes(t(lang, "role.agent")),
        `${lang}: the role's name ${t(lang, "role.agent")}`,
      );
      if (lang !== "en") {
        const [inviter] = await ctx.deps.db
          .select({ name: user.name })
          .from(user)
          .where(eq(user.id, a.owner.userId));
        assert.deepEqual(
          englishLeaks(text, lang, ["Amet", "Kaja", email, inviter.name]),
          [],
          `${lang}: English in\n${text}`,
        );
        assert.doesNotMatch(mail.text, /\bagent\b/, `${lang}: the role id is not shown`);
      }
      const sentences = mail.text.split(/(?<=[.!?:])\s+/).filter((s) => s.length > 20);
      assert.equal(
        new Set(sentences).size,
        sentences.length,
        `${lang}: a sentence is repeated in\n${mail.text}`,
      );
    });
  }

  it("a date that ends in a full stop does not double the sentence's stop (Russian 'г.')", () => {
    const month = monthLabel("ru", "2026-05");
    assert.match(month, /г\.$/, "the Russian month label ends in 'г.'");
    const text = t("ru", "monthlyReport.text", { org: "Amet", month, url: "http://x" });
    assert.ok(text.includes(`${month}\n`) || text.includes(`${month} `), text);
    assert.doesNotMatch(text, /г\.\./);
    assert.doesNotMatch(text, /(?<!\.)\.\.(?!\.)/);
  });
});
