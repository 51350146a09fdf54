import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { BrowserContext } from "playwright-core";
import { ssoProviderId } from "../../src/auth/org-sso.ts";
import { member } from "../../src/db/schema.ts";
import { createOrganization, ensureUser } from "../../src/modules/accounts/create-organization.ts";
import { saveSsoSettings } from "../../src/modules/identity/sso-settings.ts";
import { setPassword, unique } from "../helpers/app.ts";
import { startOidcProvider, type TOidcProvider } from "../helpers/oidc-provider.ts";
import { type BrowserContextOfTest, expectNoAxeViolations, startBrowserTest } from "./helpers.ts";

const PASSWORD = "Kaja single sign-on test 2026!";

// Single sign-on in Chromium: one sign-in through a real OpenID Connect provider's login form, started from the
// sign-in page's organisation form (the page with a refusal's message checked with axe first); the owner's
// settings on the Security screen checked with axe at two widths.
describe("single sign-on in Chromium", () => {
  let t: BrowserContextOfTest;
  let idp: TOidcProvider;
  const contexts: BrowserContext[] = [];
  let slug = "";
  let owner = "";

  before(async () => {
    t = await startBrowserTest({ web: true });
    slug = `sso-${unique()}`;
    owner = `owner-${slug}@example.test`;
    const created = await createOrganization(t.deps, { name: "Transpordiamet", slug, ownerEmail: owner });
    await setPassword(t.deps, created.owner.id, PASSWORD);
    const orgId = created.org.id;
    idp = await startOidcProvider([
      {
        clientId: "kaja",
        clientSecret: "browser-secret",
        redirectUri: `${t.baseUrl}/api/auth/callback/${ssoProviderId(orgId)}`,
      },
    ]);
    await saveSsoSettings(
      t.deps.db,
      { kind: "user", userId: created.owner.id, orgId, role: "owner", sessionId: "setup" },
      orgId,
      {
        enabled: true,
        issuer: idp.issuer,
        clientId: "kaja",
        clientSecret: "browser-secret",
        jitEnabled: false,
        jitRole: "viewer",
      },
      { secret: t.deps.secret, publicUrl: t.baseUrl },
    );
    const analyst = await ensureUser(t.deps.db, `mari-${slug}@example.test`);
    await t.deps.db
      .insert(member)
      .values({ id: randomUUID(), organizationId: orgId, userId: analyst.id, role: "analyst" });
    idp.accounts.set("mari", { email: analyst.email, emailVerified: true, name: "Mari Maasikas" });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await idp?.close();
    await t?.close();
  });

  const newPage = async () => {
    const context = await t.browser.newContext({ locale: "et-EE", viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  it("a member signs in through the organisation's provider from the sign-in page", async () => {
    const page = await newPage();
    // Where a refused sign-in lands: the message translated, the short name kept, the page axe-clean.
    await page.goto(`${t.baseUrl}/app/sign-in?error=sso_not_member&org=${slug}`);
    await page
      .getByRole("alert")
      .getByText("Sa ei ole Kajas selle asutuse liige.", { exact: false })
      .waitFor();
    assert.equal(await page.getByLabel("Asutuse lühinimi").inputValue(), slug);
    await expectNoAxeViolations(page, "sign-in page with a refused single sign-on, 1280 px");
    await page.getByLabel("Asutuse lühinimi").fill(slug);
    await page.getByRole("button", { name: "Jätka asutuse sisselogimisse" }).click();
    // The provider's own login and consent forms.
    await page.locator('input[name="login"]').fill("mari");
    await page.locator('input[name="password"]').fill("any");
    await page.locator('button[type="submit"]').click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${t.baseUrl}/app/**`);
    const me = await page.request.get(`${t.baseUrl}/api/v1/me`);
    assert.equal(me.status(), 200);
    assert.equal((await me.json()).user.email, `mari-${slug}@example.test`);
  });

  it("the owner's single sign-on settings pass axe at 1280 and 390 px", async () => {
    const page = await newPage();
    await page.goto(`${t.baseUrl}/app/sign-in`);
    await page.getByLabel("E-posti aadress").fill(owner);
    await page.getByLabel("Parool", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logi sisse" }).click();
    await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
    await page.goto(`${t.baseUrl}/app/security`);
    await page.getByRole("heading", { name: "Ühekordne sisselogimine" }).waitFor();
    assert.equal(await page.getByLabel("Väljastaja aadress").inputValue(), idp.issuer);
    assert.equal(await page.getByLabel("Kliendi saladus").inputValue(), "", "the secret is never shown");
    await expectNoAxeViolations(page, "security screen with single sign-on, 1280 px");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoAxeViolations(page, "security screen with single sign-on, 390 px");
  });
});
