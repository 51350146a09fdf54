import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { base32Decode, totpCode, totpStep } from "../../src/auth/totp.ts";
import { member } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja two factor test 2026!";

// Two-factor sign-in in Chromium: setting it up on the Security screen, requiring it of the organisation, the
// sign-in's second step (a replayed code refused), and the page a member without it is held at; axe on each.
describe("two-factor sign-in in Chromium", () => {
  let t: BrowserContextOfTest;
  const contexts: BrowserContext[] = [];
  let owner = "";
  let analyst = "";

  const newPage = async (width = 1280) => {
    const context = await t.browser.newContext({ locale: "et-EE", viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  const passwordStep = async (page: Page, email: string) => {
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
  };

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `tfa-${unique()}`;
    owner = `owner-${slug}@example.test`;
    const created = await createOrganization(t.deps, {
      name: "Maksu- ja Tolliamet",
      slug,
      ownerEmail: owner,
    });
    await setPassword(t.deps, created.owner.id, PASSWORD);
    analyst = `analyst-${slug}@example.test`;
    const u = await ensureUser(t.deps.db, analyst);
    await t.deps.db
      .insert(member)
      .values({ id: randomUUID(), organizationId: created.org.id, userId: u.id, role: "analyst" });
    await setPassword(t.deps, u.id, PASSWORD);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await t?.close();
  });

  let secret: Buffer;
  let usedStep = 0;

  it("the owner sets up two-factor sign-in with the QR code's key and requires it of everyone", async () => {
    const page = await newPage();
    await passwordStep(page, owner);
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
    await page.getByRole("link", { name: "Turvalisus" }).click();
    await page.getByRole("heading", { level: 1, name: "Turvalisus" }).waitFor();
    await page.getByRole("table", { name: "Kus olete sisse logitud" }).getByText("See seanss").waitFor();
    await expectNoAxeViolations(page, "the security screen");

    await page.getByLabel("Teie praegune parool").fill(PASSWORD);
    await page.getByRole("button", { name: "Alusta seadistamist" }).click();
    await page.getByRole("img", { name: "QR-kood autentimisrakenduse jaoks" }).waitFor();
    assert.equal(await page.getByTestId("recovery-codes").getByRole("listitem").count(), 10);
    await expectNoAxeViolations(page, "setting up two-factor sign-in");
    secret = base32Decode(((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, ""));
    usedStep = totpStep();
    await page.getByLabel("Kuuekohaline kood").fill(totpCode(secret, usedStep));
    await page.getByRole("button", { name: "Kinnita ja lülita sisse" }).click();
    await page.getByText("Kaheastmeline sisselogimine on nüüd sisse lülitatud.").waitFor();

    await page.getByLabel("Nõua kõigilt liikmetelt kaheastmelist sisselogimist").check();
    await page.getByRole("button", { name: "Salvesta", exact: true }).click();
    await page.getByText("Salvestatud.").waitFor();
    await page.getByText("Liikmeid ilma kaheastmelise sisselogimiseta: 1").waitFor();
  });

  it("signs in with a second step that refuses a replayed code and takes the next one", async () => {
    const page = await newPage(390);
    await passwordStep(page, owner);
    await page.getByRole("heading", { level: 1, name: "Sisselogimise teine samm" }).waitFor();
    await expectNoAxeViolations(page, "the sign-in's second step");
    await page.getByLabel("Kuuekohaline kood").fill(totpCode(secret, usedStep));
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page
      .getByRole("alert")
      .getByText("Kood on vale, aegunud või juba kasutatud.", { exact: false })
      .waitFor();
    await page.getByLabel("Kuuekohaline kood").fill(totpCode(secret, Math.max(totpStep(), usedStep + 1)));
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();
  });

  it("holds a member without two-factor sign-in at a page that leads to setting it up", async () => {
    const page = await newPage();
    await passwordStep(page, analyst);
    await page.getByRole("heading", { level: 1, name: "Vajalik on kaheastmeline sisselogimine" }).waitFor();
    await page.getByText("Maksu- ja Tolliamet nõuab kõigilt liikmetelt").waitFor();
    await expectNoAxeViolations(page, "the page of a member who must set up two-factor sign-in");
    await page.getByRole("link", { name: "Seadista kaheastmeline sisselogimine" }).click();
    await page.getByRole("heading", { level: 1, name: "Turvalisus" }).waitFor();
    await page.getByRole("button", { name: "Alusta seadistamist" }).waitFor();
    await expectNoAxeViolations(page, "the security screen of a member who must set it up");
  });
});
