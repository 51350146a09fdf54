import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

describe("a channel's name is unique in its organisation", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  const create = (org: TestOrg, names: Record<string, string>) =>
    ctx.app.inject({
      method: "POST",
      url: "/api/v1/channels",
      headers: asUser(org.owner),
      payload: { names },
    });

  it("refuses a new channel named like an existing one (any case, spaces around) with a 409 naming the field", async () => {
    const first = await create(a, { et: "Videokõne", en: "Video call" });
    assert.equal(first.statusCode, 201, first.body);
    const again = await create(a, { et: "  videokõne " });
    assert.equal(again.statusCode, 409, again.body);
    const problem = again.json();
    assert.equal(problem.code, "CONFLICT");
    assert.match(problem.detail, /Videokõne/);
    assert.deepEqual(
      problem.errors.map((e: { path: string; code?: string }) => [e.path, e.code]),
      [["body.names.et", "duplicate_name"]],
    );
    const english = await create(a, { et: "Videoühendus", en: "VIDEO CALL" });
    assert.equal(english.statusCode, 409, english.body);
    assert.equal(english.json().errors[0].path, "body.names.en");
    // A built-in channel's name counts too.
    const builtIn = await create(a, { et: "Telefon" });
    assert.equal(builtIn.statusCode, 409, builtIn.body);
  });

  it("refuses renaming a channel to another's name, but not keeping its own", async () => {
    const one = (await create(a, { et: "Kiosk" })).json();
    const other = (await create(a, { et: "Mobiilibuss" })).json();
    const patch = (id: string, names: Record<string, string>) =>
      ctx.app.inject({
        method: "PATCH",
        url: `/api/v1/channels/${id}`,
        headers: asUser(a.owner),
        payload: { names },
      });
    const clash = await patch(other.id, { et: "kiosk" });
    assert.equal(clash.statusCode, 409, clash.body);
    const same = await patch(one.id, { et: "Kiosk", en: "Kiosk" });
    assert.equal(same.statusCode, 200, same.body);
  });

  it("another organisation may use the same name", async () => {
    const res = await create(b, { et: "Videokõne" });
    assert.equal(res.statusCode, 201, res.body);
  });
});
