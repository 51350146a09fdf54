import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { surveyInvitation } from "../../src/db/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { linkReadBatchStats } from "../../src/modules/responses/record-answer.ts";
import {
  createStandardSurvey,
  createTestOrg,
  postAnswer,
  randomIp,
  startTestApp,
  type TestContext,
} from "../helpers/app.ts";

/** Page views read their links together on PostgreSQL (the link reader): each page is still its own link's. */
describe("link reads together", () => {
  let ctx: TestContext;
  /** [token, organisation name, what the page must be] for links of two organisations in every state. */
  const links: [string, string, "blank" | "answered" | "closed" | "unknown"][] = [];

  before(async () => {
    ctx = await startTestApp();
    for (const name of ["Lugemisamet", "Teine lugemisamet"]) {
      const org = await createTestOrg(ctx, name);
      const surveyId = await createStandardSurvey(ctx.deps, org.orgId);
      for (let i = 0; i < 12; i++) {
        const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
        const kind = (["blank", "answered", "closed"] as const)[i % 3];
        if (kind === "answered")
          assert.equal((await postAnswer(ctx.app, inv.token, { score: 3 })).statusCode, 200);
        if (kind === "closed")
          await ctx.deps.db
            .update(surveyInvitation)
            .set({ expiresAt: new Date(Date.now() - 60_000) })
            .where(and(eq(surveyInvitation.orgId, org.orgId), eq(surveyInvitation.id, inv.id)));
        links.push([inv.token, name, kind]);
      }
    }
    for (let i = 0; i < 6; i++) links.push([`${"Z".repeat(42)}${i}`, "", "unknown"]);
  });
  after(() => ctx.close());

  it("gives each of 78 page views asked at once its own link's page", async () => {
    const before = { ...(linkReadBatchStats(ctx.deps.db) ?? { batches: 0 }) };
    const all = [...links, ...links.slice(0, 30)];
    const pages = await Promise.all(
      all.map(([token]) => ctx.app.inject({ method: "GET", url: `/s/${token}`, remoteAddress: randomIp() })),
    );
    pages.forEach((res, i) => {
      const [token, org, kind] = all[i];
      const status = { blank: 200, answered: 200, closed: 410, unknown: 404 }[kind];
      assert.equal(res.statusCode, status, `${kind} ${token}`);
      if (kind === "unknown") return;
      assert.ok(res.body.includes(org), `${kind}: the page of ${org}`);
      const other = org === "Lugemisamet" ? "Teine lugemisamet" : "";
      if (other) assert.ok(!res.body.includes(other), "not the other organisation's page");
      if (kind === "blank") assert.match(res.body, /<form method="post" accept-charset="utf-8">/);
      if (kind === "answered") assert.match(res.body, /name="score" value="3" checked/);
    });
    const after = linkReadBatchStats(ctx.deps.db);
    // PostgreSQL groups reads that wait for the two running ones; PGlite reads one at a time.
    if (after) assert.ok(after.batches > (before.batches ?? 0), "some reads went together");
  });
});
