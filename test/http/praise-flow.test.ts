import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { organization, praise } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { seedComments, type TCommentFixture } from "./comments-fixtures.ts";

const PRAISE_TEXT = "Väga meeldiv teenindus, aitäh!";

describe("praise: marking, approval and the praise wall", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: TCommentFixture;
  let fb: TCommentFixture;
  let wallPath: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Maksuamet");
    b = await createTestOrg(ctx, "Org B");
    fa = await seedComments(ctx, a);
    fb = await seedComments(ctx, b);
  });
  after(() => ctx.close());

  const mark = (
    org: TestOrg,
    id: string,
    payload: object,
    role: "owner" | "analyst" | "agent" | "manager" | "viewer" = "owner",
  ) =>
    (role === "owner" ? Promise.resolve(org.owner) : org.as(role)).then((s) =>
      ctx.app.inject({
        method: "POST",
        url: `/api/v1/comments/${id}/praise`,
        headers: asUser(s),
        payload,
      }),
    );
  const praiseRows = async (orgId: string, responseId: string) =>
    ctx.deps.db
      .select()
      .from(praise)
      .where(and(eq(praise.orgId, orgId), eq(praise.responseId, responseId)));
  const wall = (path: string) => ctx.app.inject({ url: path });

  it("an analyst marks a comment as praise of the employee it is tagged with", async () => {
    const res = await mark(a, fa.ids["et-praise"], { target: "employee", text: PRAISE_TEXT }, "analyst");
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.target, "employee");
    assert.equal(body.employeeId, fa.agentEmp);
    assert.equal(body.serviceId, null);
    assert.equal(body.approved, false);
    const rows = await praiseRows(a.orgId, fa.ids["et-praise"]);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].text, PRAISE_TEXT);
    assert.equal(rows[0].approvedAt, null);
  });

  it("the comment list shows the mark", async () => {
    const res = await ctx.app.inject({ url: "/api/v1/comments?q=teenindus", headers: asUser(a.owner) });
    const item = res.json().items.find((i: { id: string }) => i.id === fa.ids["et-praise"]);
    assert.deepEqual(
      { target: item.praise.target, approved: item.praise.approved },
      { target: "employee", approved: false },
    );
  });

  it("enables the wall with an unguessable link; only a hash is stored", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/praise-wall",
      headers: asUser(a.owner),
    });
    assert.equal(res.statusCode, 201, res.body);
    const url = new URL(res.json().url);
    const token = url.pathname.split("/")[2];
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, "32 random bytes, base64url");
    wallPath = url.pathname;
    const [org] = await ctx.deps.db
      .select({ t: organization.praiseWallToken })
      .from(organization)
      .where(eq(organization.id, a.orgId));
    assert.ok(org.t && org.t !== token && /^[0-9a-f]{64}$/.test(org.t));
    const status = await ctx.app.inject({ url: "/api/v1/praise-wall", headers: asUser(a.owner) });
    assert.deepEqual(status.json(), { enabled: true });
  });

  it("praise that is not approved is not on the wall", async () => {
    const res = await wall(wallPath);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(PRAISE_TEXT));
    assert.ok(res.body.includes("Maksuamet"));
  });

  it("only owner and admin approve; approved praise appears without the respondent's identity", async () => {
    const url = `/api/v1/comments/${fa.ids["et-praise"]}/praise/approve`;
    const byAnalyst = await ctx.app.inject({ method: "POST", url, headers: asUser(await a.as("analyst")) });
    assert.equal(byAnalyst.statusCode, 403);
    const res = await ctx.app.inject({ method: "POST", url, headers: asUser(await a.as("admin")) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().approved, true);
    const page = await wall(wallPath);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers["content-type"]), /text\/html/);
    assert.ok(page.body.includes(PRAISE_TEXT), "the approved text");
    assert.ok(page.body.includes("Mari"), "the employee's first name");
    assert.ok(!page.body.includes("Maasikas"), "not the employee's full name");
    assert.ok(page.body.includes("jaanuar 2026"), "the month of the answer, in Estonian");
    for (const secret of ["Kalle", "Kundsen", "kalle.kundsen@example.test", "aitäh Marile"])
      assert.ok(!page.body.includes(secret), `the wall must not show "${secret}"`);
    assert.ok(!/http-equiv\s*=\s*["']?refresh/i.test(page.body), "no meta refresh (it cannot be paused)");
    assert.ok(page.body.includes('data-refresh="on"'), "the script reloads it unless paused");
    assert.ok(page.body.includes('<script src="/wall-refresh.js" defer></script>'), "a same-origin script");
    assert.ok(page.body.includes("Värskenda kohe"), "a refresh link that works without JavaScript");
    assert.ok(page.body.includes('<html lang="et">'));
    const script = await wall("/wall-refresh.js");
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers["content-type"]), /javascript/);
    assert.ok(script.body.includes("location.reload()"));
  });

  it("speaks the language asked for and lets people stop the refresh", async () => {
    const ru = await wall(`${wallPath}?lang=ru`);
    assert.ok(ru.body.includes('<html lang="ru">'));
    assert.ok(ru.body.includes("Что говорят наши клиенты"));
    assert.ok(ru.body.includes("январь 2026"));
    const paused = await wall(`${wallPath}?lang=en&refresh=off`);
    assert.ok(!paused.body.includes('http-equiv="refresh"'));
    assert.ok(paused.body.includes('data-refresh="off"'));
    assert.ok(paused.body.includes("Automatic refreshing is stopped."));
  });

  it("lists praise by approval and target", async () => {
    await mark(a, fa.ids["et-inflected"], { target: "service", text: "Kiire ja sõbralik." });
    const approved = await ctx.app.inject({ url: "/api/v1/praise?approved=true", headers: asUser(a.owner) });
    assert.deepEqual(
      approved.json().map((p: { responseId: string }) => p.responseId),
      [fa.ids["et-praise"]],
    );
    const open = await ctx.app.inject({ url: "/api/v1/praise?approved=false", headers: asUser(a.owner) });
    assert.deepEqual(
      open.json().map((p: { responseId: string; serviceId: string }) => [p.responseId, p.serviceId]),
      [[fa.ids["et-inflected"], fa.s1]],
    );
    const byEmployee = await ctx.app.inject({
      url: `/api/v1/praise?employeeId=${fa.agentEmp}`,
      headers: asUser(a.owner),
    });
    assert.equal(byEmployee.json().length, 1);
    const agent = await ctx.app.inject({ url: "/api/v1/praise", headers: asUser(await a.as("agent")) });
    assert.deepEqual(
      agent.json().map((p: { responseId: string }) => p.responseId),
      [fa.ids["et-praise"]],
      "an agent sees praise on their own answers only",
    );
  });

  it("a changed mark needs approval again and leaves the wall", async () => {
    const changed = await mark(a, fa.ids["et-praise"], { target: "employee", text: "Suurepärane abi!" });
    assert.equal(changed.json().approved, false);
    const page = await wall(wallPath);
    assert.ok(!page.body.includes("Suurepärane abi!"));
    assert.ok(!page.body.includes(PRAISE_TEXT));
    await ctx.app.inject({
      method: "POST",
      url: `/api/v1/comments/${fa.ids["et-praise"]}/praise/approve`,
      headers: asUser(a.owner),
    });
    assert.ok((await wall(wallPath)).body.includes("Suurepärane abi!"));
  });

  it("removes a mark", async () => {
    const url = `/api/v1/comments/${fa.ids["et-inflected"]}/praise`;
    const res = await ctx.app.inject({ method: "DELETE", url, headers: asUser(await a.as("analyst")) });
    assert.equal(res.statusCode, 204);
    assert.equal((await praiseRows(a.orgId, fa.ids["et-inflected"])).length, 0);
    const again = await ctx.app.inject({ method: "DELETE", url, headers: asUser(a.owner) });
    assert.equal(again.statusCode, 404);
  });

  it("refuses a mark on an answer without a comment (409) and outside a manager's departments (404)", async () => {
    const none = await mark(a, fa.ids["no-comment"], { target: "employee", text: "x" });
    assert.equal(none.statusCode, 409);
    const manager = await mark(a, fa.ids["et-waiting"], { target: "employee", text: "x" }, "manager");
    assert.equal(manager.statusCode, 404, "a manager without departments sees no answer");
    assert.equal((await praiseRows(a.orgId, fa.ids["et-waiting"])).length, 0);
  });

  it("answers 403 to roles that may not mark", async () => {
    for (const role of ["agent", "viewer"] as const) {
      const res = await mark(a, fa.ids["ru-exact"], { target: "employee", text: "x" }, role);
      assert.equal(res.statusCode, 403, role);
    }
    assert.equal((await praiseRows(a.orgId, fa.ids["ru-exact"])).length, 0);
    for (const [method, url] of [
      ["POST", "/api/v1/praise-wall"],
      ["DELETE", "/api/v1/praise-wall"],
      ["GET", "/api/v1/praise-wall"],
    ] as const) {
      const res = await ctx.app.inject({ method, url, headers: asUser(await a.as("analyst")) });
      assert.equal(res.statusCode, 403, `${method} ${url}`);
    }
    const viewerList = await ctx.app.inject({ url: "/api/v1/praise", headers: asUser(await a.as("viewer")) });
    assert.equal(viewerList.statusCode, 403);
  });

  it("rejects invalid input naming the field, writing nothing", async () => {
    const id = fa.ids["ru-exact"];
    const cases: [string, object, string][] = [
      [id, { text: "x" }, "body.target"],
      [id, { target: "boss", text: "x" }, "body.target"],
      [id, { target: "employee", text: "   " }, "body.text"],
      [id, { target: "employee", employeeId: "nope", text: "x" }, "body.employeeId"],
      [id, { target: "employee", serviceId: fa.s1, text: "x" }, "body.serviceId"],
      [id, { target: "employee", employeeId: fb.agentEmp, text: "x" }, "body.employeeId"],
      [id, { target: "service", serviceId: fb.s1, text: "x" }, "body.serviceId"],
      [fa.ids["en-passive"], { target: "employee", text: "x" }, "body.employeeId"],
      ["not-a-uuid", { target: "employee", text: "x" }, "params.responseId"],
    ];
    for (const [rid, payload, path] of cases) {
      const res = await mark(a, rid, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${path}: ${JSON.stringify(res.json().errors)}`,
      );
    }
    assert.equal((await praiseRows(a.orgId, id)).length, 0);
    const badList = await ctx.app.inject({ url: "/api/v1/praise?approved=maybe", headers: asUser(a.owner) });
    assert.equal(badList.statusCode, 400);
    assert.equal(badList.json().errors[0].path, "querystring.approved");
  });

  it("answers 401 without credentials", async () => {
    const id = fa.ids["et-praise"];
    for (const [method, url] of [
      ["POST", `/api/v1/comments/${id}/praise`],
      ["POST", `/api/v1/comments/${id}/praise/approve`],
      ["DELETE", `/api/v1/comments/${id}/praise`],
      ["GET", "/api/v1/praise"],
      ["POST", "/api/v1/praise-wall"],
      ["GET", "/api/v1/praise-wall"],
      ["DELETE", "/api/v1/praise-wall"],
    ] as const) {
      const res = await ctx.app.inject({
        method,
        url,
        ...(method === "POST" && url.endsWith("/praise")
          ? { payload: { target: "employee", text: "x" } }
          : {}),
      });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
    }
  });

  it("answers 404 to another organisation on every praise endpoint", async () => {
    const id = fa.ids["et-praise"];
    const markB = await mark(b, id, { target: "employee", employeeId: fb.agentEmp, text: "x" });
    assert.equal(markB.statusCode, 404);
    const approveB = await ctx.app.inject({
      method: "POST",
      url: `/api/v1/comments/${id}/praise/approve`,
      headers: asUser(b.owner),
    });
    assert.equal(approveB.statusCode, 404);
    const deleteB = await ctx.app.inject({
      method: "DELETE",
      url: `/api/v1/comments/${id}/praise`,
      headers: asUser(b.owner),
    });
    assert.equal(deleteB.statusCode, 404);
    const listB = await ctx.app.inject({ url: "/api/v1/praise", headers: asUser(b.owner) });
    assert.deepEqual(listB.json(), []);
    const rows = await praiseRows(a.orgId, id);
    assert.equal(rows.length, 1, "A's mark is untouched");
    assert.ok(rows[0].approvedAt);
    // B's wall switch does not touch A's wall.
    await ctx.app.inject({ method: "DELETE", url: "/api/v1/praise-wall", headers: asUser(b.owner) });
    assert.equal((await wall(wallPath)).statusCode, 200);
  });

  it("a wrong or malformed token, and a disabled wall, answer 404 naming no organisation", async () => {
    const wrong = await wall(`/wall/${"A".repeat(43)}`);
    assert.equal(wrong.statusCode, 404);
    assert.ok(!wrong.body.includes("Maksuamet"));
    assert.equal((await wall("/wall/short")).statusCode, 404);
    const off = await ctx.app.inject({
      method: "DELETE",
      url: "/api/v1/praise-wall",
      headers: asUser(a.owner),
    });
    assert.equal(off.statusCode, 204);
    const gone = await wall(wallPath);
    assert.equal(gone.statusCode, 404);
    assert.ok(!gone.body.includes("Suurepärane abi!"));
    const again = await ctx.app.inject({
      method: "POST",
      url: "/api/v1/praise-wall",
      headers: asUser(a.owner),
    });
    const newPath = new URL(again.json().url).pathname;
    assert.notEqual(newPath, wallPath);
    assert.equal((await wall(wallPath)).statusCode, 404, "the old link stays dead");
    assert.equal((await wall(newPath)).statusCode, 200);
  });
});
