import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { randomUUID } from "node:crypto";
import { response } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { analyseComments } from "../../src/modules/themes/analyse-comments.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja themes test 2026!";

const COMMENTS: [number, string][] = [
  [2, "Ootasin järjekorras üle tunni."],
  [3, "Ootamine oli kohutavalt pikk."],
  [9, "Ebaviisakas ja ülbe teenindaja, kohutav!"],
  [5, "Parkimine maja ees on võimatu, parkla alati täis."],
  [6, "Parkla on liiga väike, parkimiskohti ei leia."],
  [7, "Parkimine tasuline ja parkla kaugel."],
  [5, "Parkla täis, parkimine keeruline."],
  [10, "Väga viisakas ja abivalmis teenindaja."],
];

// The comment themes screen in Chromium (Estonian): add the starter themes, read the overview, turn a suggested
// group into a theme, read the comments whose words contradict the score, filter the comment search by a theme;
// axe on each screen at 1280 and 390 px.
describe("comment themes in Chromium", () => {
  let t: BrowserContextOfTest;
  let context: BrowserContext;
  let email = "";
  let orgId = "";

  before(async () => {
    t = await startBrowserTest({ web: true });
    const slug = `themes-${unique()}`;
    email = `owner-${slug}@example.test`;
    const { org, owner } = await createOrganization(t.deps, {
      name: "Teemade amet",
      slug,
      ownerEmail: email,
    });
    await setPassword(t.deps, owner.id, PASSWORD);
    orgId = org.id;
    const survey = await createSurvey(t.deps.db, org.id, {
      name: "Tagasiside",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    await t.deps.db.insert(response).values(
      COMMENTS.map(([score, comment], i) => ({
        orgId: org.id,
        id: randomUUID(),
        surveyId: survey.id,
        surveyVersion: 1,
        score,
        comment,
        locale: "et",
        source: "api",
        receivedAt: new Date(Date.now() - (i + 1) * 3_600_000),
      })),
    );
    context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await context?.close();
    await t?.close();
  });

  it("a manager of themes adds the starter set, reads the overview, and makes a theme from a suggestion", async () => {
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(email);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.getByRole("button", { name: "Logi välja" }).waitFor();

    await page.getByRole("link", { name: "Kommentaaride teemad" }).click();
    await page.getByRole("heading", { level: 1, name: "Mida kommentaarid ütlevad" }).waitFor();
    await page.getByRole("tab", { name: "Teemad", exact: true }).click();
    await page.getByRole("button", { name: "Lisa avaliku teenuse algteemad" }).click();
    await page.getByRole("status").getByText("Algteemad lisatud.").waitFor();
    await page.getByRole("cell", { name: "Ootamine ja kiirus" }).waitFor();
    await expectNoAxeViolations(page, "the theme list");

    await analyseComments(t.deps.db, orgId);
    await page.getByRole("tab", { name: "Teemade ülevaade" }).click();
    const table = page.getByRole("table", { name: "Teemad perioodil" });
    await table.getByRole("row", { name: /Ootamine ja kiirus 2/ }).waitFor();
    await expectNoAxeViolations(page, "the theme overview");

    await page.getByRole("tab", { name: "Uute teemade soovitused" }).click();
    await page.getByRole("heading", { level: 3, name: /parkimine|parkla/ }).waitFor();
    await expectNoAxeViolations(page, "the suggestions");
    await page.getByRole("button", { name: "Tee sellest teema" }).first().click();
    await page.getByLabel("Lühinimi").fill("parkimine");
    await page.getByRole("group", { name: "Vene keel" }).getByLabel("Nimi").fill("Парковка");
    await page.getByRole("group", { name: "Inglise keel" }).getByLabel("Nimi").fill("Parking");
    await page.getByRole("button", { name: "Salvesta" }).click();
    await page
      .getByRole("status")
      .getByText(/lisatud/)
      .waitFor();
    await page
      .getByRole("cell", { name: /parkla/ })
      .first()
      .waitFor();

    await page.getByRole("tab", { name: "Tasub lugeda" }).click();
    await page.getByText("Ebaviisakas ja ülbe teenindaja, kohutav!").waitFor();
    await expectNoAxeViolations(page, "the comments worth reading");

    // The theme filter of the comment search: only the comments about waiting remain.
    await page.getByRole("link", { name: "Kommentaarid", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Kommentaarid" }).waitFor();
    await page.getByLabel("Teema").selectOption({ label: "Ootamine ja kiirus" });
    await page.getByRole("button", { name: "Otsi" }).click();
    await page.getByText("Näidatakse kõiki 2 kommentaari.").waitFor();
    await page.getByText("Ootasin järjekorras üle tunni.").waitFor();
    await expectNoAxeViolations(page, "the comment search filtered by a theme");
    await page.getByRole("link", { name: "Kommentaaride teemad" }).click();
    await page.getByRole("tab", { name: "Tasub lugeda" }).click();
    await page.getByText("Ebaviisakas ja ülbe teenindaja, kohutav!").waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, "the comments worth reading at 390 px");
    await page.getByRole("tab", { name: "Teemade ülevaade" }).click();
    await page.getByRole("table", { name: "Teemad perioodil" }).waitFor();
    await expectNoAxeViolations(page, "the theme overview at 390 px");
  });
});
