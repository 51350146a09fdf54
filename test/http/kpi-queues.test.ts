import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { asUser, startTestApp, type TestContext } from "../helpers/app.ts";
import { type KpiOrg, kpiOrg } from "./kpi-fixtures.ts";

type Item = { id: string; name: string; kind: string; contacts: number };

const record = (sourceId: string, queueId: string) => ({
  sourceId,
  kind: "call",
  queueId,
  arrivedAt: "2026-03-02T08:00:00.000Z",
  answeredAt: "2026-03-02T08:00:15.000Z",
  endedAt: "2026-03-02T08:05:00.000Z",
});

describe("queue and office catalogue API", () => {
  let ctx: TestContext;
  let a: KpiOrg;
  let b: KpiOrg;
  const items = async (org: KpiOrg) =>
    (await org.call("GET", "/api/v1/kpi/queues", org.owner)).json().items as Item[];

  it("sets up two organisations, one with contacts in q1 and q2", async () => {
    ctx = await startTestApp();
    a = await kpiOrg(ctx, "Amet A");
    b = await kpiOrg(ctx, "Amet B");
    const res = await a.call("POST", "/api/v1/contact-records", a.owner, {
      records: [record("c1", "q1"), record("c2", "q1"), record("c3", "q2")],
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it("lists each queue with the contacts recorded under it", async () => {
    const list = await items(a);
    assert.deepEqual(
      list.map((q) => [q.id, q.kind, q.contacts]),
      [
        ["office1", "office_visit", 0],
        ["q1", "call", 2],
        ["q2", "call", 1],
      ],
    );
    assert.ok((await items(b)).every((q) => q.contacts === 0));
    const viewer = await a.call("GET", "/api/v1/kpi/queues", await a.as("viewer"));
    assert.equal(viewer.statusCode, 200);
  });

  it("adds, renames and changes the kind; a bad field is a 400 naming it and writes nothing", async () => {
    const put = await a.call("PUT", "/api/v1/kpi/queues/chat-1", a.owner, {
      name: "Veebivestlus",
      kind: "chat",
    });
    assert.equal(put.statusCode, 200, put.body);
    const renamed = await a.call("PUT", "/api/v1/kpi/queues/chat-1", a.owner, {
      name: "Vestlus",
      kind: "office_visit",
    });
    assert.deepEqual(renamed.json(), { id: "chat-1", name: "Vestlus", kind: "office_visit" });
    assert.deepEqual(
      (await items(a)).find((q) => q.id === "chat-1"),
      { id: "chat-1", name: "Vestlus", kind: "office_visit", contacts: 0 },
    );
    const noName = await a.call("PUT", "/api/v1/kpi/queues/chat-1", a.owner, { name: "  ", kind: "chat" });
    assert.equal(noName.statusCode, 400);
    assert.equal(noName.json().errors[0].path, "body.name");
    const blankId = await a.call("PUT", "/api/v1/kpi/queues/%20%20", a.owner, { name: "Tühi", kind: "chat" });
    assert.equal(blankId.statusCode, 400);
    assert.equal(blankId.json().errors[0].path, "params.id");
    assert.equal((await items(a)).find((q) => q.id === "chat-1")?.name, "Vestlus");
  });

  it("removes a queue without contacts; one with contacts is a 409 naming the id, in the caller's language", async () => {
    const busy = await ctx.app.inject({
      method: "DELETE",
      url: "/api/v1/kpi/queues/q1",
      headers: { ...asUser(a.owner), "accept-language": "et" },
    });
    assert.equal(busy.statusCode, 409, busy.body);
    assert.equal(busy.json().errors[0].path, "params.id");
    assert.match(busy.json().detail, /2 kontaktikirjet/);
    const gone = await a.call("DELETE", "/api/v1/kpi/queues/chat-1", a.owner);
    assert.equal(gone.statusCode, 204, gone.body);
    assert.ok(!(await items(a)).some((q) => q.id === "chat-1"));
    const again = await a.call("DELETE", "/api/v1/kpi/queues/chat-1", a.owner);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().errors[0].path, "params.id");
    assert.deepEqual(
      (await items(a)).map((q) => q.id),
      ["office1", "q1", "q2"],
    );
  });

  it("needs a session (401) and kpi:manage to change (403); another organisation's queue is a 404", async () => {
    assert.equal((await a.call("GET", "/api/v1/kpi/queues")).statusCode, 401);
    assert.equal(
      (await a.call("PUT", "/api/v1/kpi/queues/x", undefined, { name: "x", kind: "chat" })).statusCode,
      401,
    );
    assert.equal((await a.call("DELETE", "/api/v1/kpi/queues/office1")).statusCode, 401);
    for (const role of ["manager", "analyst", "viewer"] as const) {
      const s = await a.as(role);
      assert.equal(
        (await a.call("PUT", "/api/v1/kpi/queues/x", s, { name: "x", kind: "chat" })).statusCode,
        403,
      );
      assert.equal((await a.call("DELETE", "/api/v1/kpi/queues/office1", s)).statusCode, 403, role);
    }
    await b.call("PUT", "/api/v1/kpi/queues/b-only", b.owner, { name: "B järjekord", kind: "call" });
    const cross = await a.call("DELETE", "/api/v1/kpi/queues/b-only", a.owner);
    assert.equal(cross.statusCode, 404);
    assert.ok((await items(b)).some((q) => q.id === "b-only"));
    assert.ok(!(await items(a)).some((q) => q.id === "b-only"));
    assert.ok((await items(a)).some((q) => q.id === "office1"));
  });
});
