import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { service } from "../../src/db/schema.ts";
import { asUser, type Session, startTestApp, type TestContext, unique } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

/** The dashboard's question: actions completed in a period (and of a service), for the trend chart's markers. */
describe("GET /improvement-actions filtered by completion dates and service", () => {
  let ctx: TestContext;
  let a: FollowUpOrg;
  let b: FollowUpOrg;
  let otherService: string;
  const ids: Record<string, string> = {};

  const call = (url: string, s?: Session) =>
    ctx.app.inject({ method: "GET", url, headers: s ? asUser(s) : {} });

  async function action(org: FollowUpOrg, title: string, serviceIds: string[], completedOn?: string) {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/improvement-actions",
      headers: asUser(org.owner),
      payload: { title, serviceIds },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    if (completedOn) {
      const done = await ctx.app.inject({
        method: "PATCH",
        url: `/api/v1/improvement-actions/${id}`,
        headers: asUser(org.owner),
        payload: { status: "done", completedOn },
      });
      assert.equal(done.statusCode, 200, done.body);
    }
    return id;
  }
  const titles = (res: { json(): { items: { title: string }[] } }) =>
    res
      .json()
      .items.map((i) => i.title)
      .sort();

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx, `Amet ${unique()}`);
    b = await followUpOrg(ctx, `Teine ${unique()}`);
    otherService = `svc-${unique()}`;
    await ctx.deps.db.insert(service).values({
      orgId: a.orgId,
      id: otherService,
      names: { et: "Muu" },
      type: "customer_service",
      audience: "external",
    });
    ids.march = await action(a, "Märts", [a.serviceId], "2026-03-10");
    ids.may = await action(a, "Mai", [otherService], "2026-05-31");
    ids.june = await action(a, "Juuni", [a.serviceId], "2026-06-01");
    ids.open = await action(a, "Pooleli", [a.serviceId]);
    await action(b, "Teise oma", [b.serviceId], "2026-04-01");
  });
  after(() => ctx.close());

  it("lists the actions completed within the dates, bounds included", async () => {
    const res = await call(
      "/api/v1/improvement-actions?status=done&completedFrom=2026-03-10&completedTo=2026-05-31",
      await a.as("viewer"),
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(titles(res), ["Mai", "Märts"]);
  });

  it("narrows to the actions linked to a service", async () => {
    const res = await call(
      `/api/v1/improvement-actions?completedFrom=2026-01-01&completedTo=2026-12-31&serviceId=${a.serviceId}`,
      a.manager,
    );
    assert.deepEqual(titles(res), ["Juuni", "Märts"]);
  });

  it("never lists another organisation's actions, even for its service id", async () => {
    const res = await call(`/api/v1/improvement-actions?serviceId=${b.serviceId}`, a.owner);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(titles(res), []);
  });

  it("names the field of a malformed date", async () => {
    const res = await call("/api/v1/improvement-actions?completedFrom=2026-13-01", a.owner);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "querystring.completedFrom");
    const to = await call("/api/v1/improvement-actions?completedTo=yesterday", a.owner);
    assert.equal(to.json().errors[0].path, "querystring.completedTo");
  });

  it("needs a signed-in user", async () => {
    assert.equal((await call("/api/v1/improvement-actions?completedFrom=2026-01-01")).statusCode, 401);
  });
});
