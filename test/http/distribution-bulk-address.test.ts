import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emailProblem } from "../../src/modules/distribution/contact-input.ts";
import { asUser, createTestOrg, startTestApp } from "../helpers/app.ts";
import { seedSurvey } from "../fixtures/distribution/setup.ts";

describe("a malformed address in a bulk row", () => {
  it("names the address and why it was refused", () => {
    assert.equal(emailProblem("mari@"), 'email: "mari@" is not an e-mail address: nothing after the @');
    assert.match(emailProblem("mari.example.ee"), /"mari\.example\.ee".*no @/);
    assert.match(emailProblem("mari@example"), /has no dot/);
    assert.match(emailProblem("ma ri@example.ee"), /contains a space/);
  });

  it("shows the address and the reason in the report and the invitation list, not just 'no contact'", async () => {
    const ctx = await startTestApp();
    const a = await createTestOrg(ctx);
    const surveyId = await seedSurvey(ctx.deps.db, a.orgId, "relationship");
    const res = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/bulk-sends?dryRun=false`,
      headers: { ...asUser(a.owner), "content-type": "text/csv" },
      payload: "email,name\nmari@,Mari\n",
    });
    assert.equal(res.statusCode, 200, res.body);
    const line = res.json().skippedRows[0];
    assert.equal(line.line, 2);
    assert.equal(line.reason, "invalid_address");
    assert.equal(line.detail, 'email: "mari@" is not an e-mail address: nothing after the @');
    const list = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/survey-invitations?surveyId=${surveyId}`,
      headers: asUser(a.owner),
    });
    assert.equal(list.statusCode, 200, list.body);
    const [item] = list.json().items;
    assert.equal(item.reason, "invalid_address");
    assert.equal(item.lastError, 'email: "mari@" is not an e-mail address: nothing after the @');
  });
});
