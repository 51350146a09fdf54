import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, contact, response, surveyInvitation } from "../../src/db/schema.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { bearer, countRows, email, invitationRow, seedSurvey } from "../fixtures/distribution/setup.ts";

describe("contacts API", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let owner: ReturnType<typeof asUser>;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    owner = asUser(a.owner);
    surveyId = await seedSurvey(ctx.deps.db, a.orgId);
  });
  after(() => ctx.close());

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    headers: object,
    payload?: object,
  ) => ctx.app.inject({ method, url: `/api/v1${url}`, headers: headers as Record<string, string>, payload });
  const create = async (payload: object) => {
    const res = await call("POST", "/contacts", owner, payload);
    assert.ok([200, 201].includes(res.statusCode), res.body);
    return res;
  };
  const event = (address: string, minutesAgo = 90) =>
    call("POST", "/service-events", asUser(a.owner), {
      surveyId,
      contact: { email: address },
      occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    });

  it("creates (201) with the e-mail in lower case, then upserts by external id, else by e-mail (200)", async () => {
    const ext = `isikukood-${randomUUID()}`;
    const address = email("Mari");
    const created = await create({
      email: address.toUpperCase(),
      name: "Mari",
      externalId: ext,
      locale: "et",
    });
    assert.equal(created.statusCode, 201);
    const c = created.json();
    assert.equal(c.email, address.toLowerCase());
    const byExt = await create({ externalId: ext, name: "Mari Maasikas", phone: "+372 5555 1234" });
    assert.equal(byExt.statusCode, 200);
    assert.equal(byExt.json().id, c.id);
    assert.equal(byExt.json().name, "Mari Maasikas");
    assert.equal(byExt.json().email, address.toLowerCase(), "fields left out are kept");
    const byEmail = await create({ email: address, locale: "ru" });
    assert.equal(byEmail.statusCode, 200);
    assert.equal(byEmail.json().id, c.id);
    assert.equal(byEmail.json().locale, "ru");
  });

  it("an address given for another external id moves to that person, with its opt-out", async () => {
    const address = email();
    const first = (await create({ email: address, externalId: `p1-${randomUUID()}` })).json();
    await call("POST", `/contacts/${first.id}/opt-out`, owner);
    const ext2 = `p2-${randomUUID()}`;
    const moved = await create({ email: address, externalId: ext2 });
    assert.equal(moved.statusCode, 201);
    assert.notEqual(moved.json().id, first.id);
    assert.equal(moved.json().email, address);
    assert.ok(moved.json().optedOutAt, "whoever reads that mailbox opted out");
    const old = await call("GET", `/contacts/${first.id}`, owner);
    assert.equal(old.json().email, null);
  });

  it("rejects contacts without an e-mail or external id, and malformed values, naming the field", async () => {
    const before = await countRows(ctx.deps.db, a.orgId);
    for (const [payload, path] of [
      [{ name: "Nobody" }, "body.email"],
      [{ email: "mari@" }, "body.email"],
      [{ email: email(), phone: "call me" }, "body.phone"],
      [{ email: email(), locale: "Estonian!" }, "body.locale"],
    ] as const) {
      const res = await call("POST", "/contacts", owner, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().errors[0].path, path, JSON.stringify(res.json().errors));
    }
    assert.deepEqual(await countRows(ctx.deps.db, a.orgId), before);
  });

  it("lists with search and cursor pages", async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push((await create({ email: `leht-${tag}-${i}@example.test`, name: `Leht ${i}` })).json().id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        "GET",
        `/contacts?q=leht-${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        owner,
      );
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...res.json().items.map((c: { id: string }) => c.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.deepEqual(seen.sort(), [...ids].sort(), "every contact once, no duplicates across pages");
    const exact = await call("GET", `/contacts?email=LEHT-${tag}-3@example.test`, owner);
    assert.deepEqual(
      exact.json().items.map((c: { id: string }) => c.id),
      [ids[3]],
    );
    const bad = await call("GET", "/contacts?cursor=garbage", owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.cursor");
  });

  it("changes details; a new address clears a bounce; an address of another contact is a 409", async () => {
    const c = (await create({ email: email() })).json();
    await ctx.deps.db
      .update(contact)
      .set({ emailInvalidAt: new Date(), emailInvalidReason: "550" })
      .where(and(eq(contact.orgId, a.orgId), eq(contact.id, c.id)));
    const fresh = email();
    const changed = await call("PATCH", `/contacts/${c.id}`, owner, { email: fresh, name: "Uus Nimi" });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().email, fresh);
    assert.equal(changed.json().emailInvalidAt, null);
    assert.equal(changed.json().name, "Uus Nimi");
    const other = (await create({ email: email() })).json();
    const clash = await call("PATCH", `/contacts/${c.id}`, owner, { email: other.email });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().errors[0].path, "body.email");
    const bad = await call("PATCH", `/contacts/${c.id}`, owner, { email: "nope" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "body.email");
  });

  it("an opt-out is for good: waiting invitations are skipped at once, later events too, upserts keep it", async () => {
    const address = email();
    const scheduled = await event(address);
    assert.equal(scheduled.json().state, "scheduled");
    const c = (await create({ email: address })).json();
    const out = await call("POST", `/contacts/${c.id}/opt-out`, owner);
    assert.equal(out.statusCode, 200, out.body);
    const at = out.json().optedOutAt;
    assert.ok(at);
    const again = await call("POST", `/contacts/${c.id}/opt-out`, owner);
    assert.equal(again.json().optedOutAt, at, "the first opt-out time stays");
    const inv = await invitationRow(ctx.deps.db, a.orgId, scheduled.json().invitationId);
    assert.deepEqual([inv.invitation.state, inv.invitation.reason], ["skipped", "opted_out"]);
    const later = await event(address, 30);
    assert.deepEqual([later.json().state, later.json().reason], ["skipped", "opted_out"]);
    const upserted = await create({ email: address, name: "Still Out" });
    assert.equal(upserted.json().optedOutAt, at);
    const audit = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.targetId, c.id)));
    assert.ok(audit.some((r) => r.action === "contact.opt_out"));
  });

  it("erasure deletes the person; invitations lose the link, waiting ones are skipped; answers stay", async () => {
    const address = email();
    const sent = await event(address, 120);
    const waiting = await event(address, 100); // quarantined behind the first: still linked to the person
    const c = (await create({ email: address })).json();
    const sentId = sent.json().invitationId;
    await ctx.deps.db
      .update(surveyInvitation)
      .set({ state: "answered", sentAt: new Date() })
      .where(and(eq(surveyInvitation.orgId, a.orgId), eq(surveyInvitation.id, sentId)));
    const answerId = randomUUID();
    await ctx.deps.db.insert(response).values({
      orgId: a.orgId,
      id: answerId,
      surveyId,
      surveyVersion: 1,
      invitationId: sentId,
      score: 9,
      locale: "et",
      source: "email",
    });
    const other = (await create({ email: email() })).json();
    const scheduledOther = await event(other.email);
    const before = await countRows(ctx.deps.db, a.orgId);
    const del = await call("DELETE", `/contacts/${c.id}`, owner);
    assert.equal(del.statusCode, 204, del.body);
    assert.equal((await call("GET", `/contacts/${c.id}`, owner)).statusCode, 404);
    const after = await countRows(ctx.deps.db, a.orgId);
    assert.equal(after.contacts, before.contacts - 1);
    assert.equal(after.invitations, before.invitations, "invitations stay, without the person");
    const s = await invitationRow(ctx.deps.db, a.orgId, sentId);
    assert.equal(s.invitation.contactId, null);
    assert.equal(s.invitation.state, "answered");
    const w = await invitationRow(ctx.deps.db, a.orgId, waiting.json().invitationId);
    assert.equal(w.invitation.contactId, null);
    const [answer] = await ctx.deps.db
      .select()
      .from(response)
      .where(and(eq(response.orgId, a.orgId), eq(response.id, answerId)));
    assert.equal(answer.score, 9, "the answer survives");
    const o = await invitationRow(ctx.deps.db, a.orgId, scheduledOther.json().invitationId);
    assert.equal(o.invitation.state, "scheduled", "other people's invitations are untouched");
    assert.equal((await call("DELETE", `/contacts/${c.id}`, owner)).statusCode, 404);
  });

  it("erasing a person with a waiting invitation skips it as erased", async () => {
    const address = email();
    const waiting = await event(address);
    const c = (await create({ email: address })).json();
    assert.equal((await call("DELETE", `/contacts/${c.id}`, owner)).statusCode, 204);
    const w = await invitationRow(ctx.deps.db, a.orgId, waiting.json().invitationId);
    assert.deepEqual(
      [w.invitation.state, w.invitation.reason, w.invitation.contactId],
      ["skipped", "erased", null],
    );
  });

  it("roles: analysts read, only owners and admins write; keys need contacts scopes; 401 without credentials", async () => {
    const c = (await create({ email: email() })).json();
    const analyst = asUser(await a.as("analyst"));
    assert.equal((await call("GET", `/contacts/${c.id}`, analyst)).statusCode, 200);
    assert.equal((await call("GET", "/contacts", analyst)).statusCode, 200);
    assert.equal((await call("POST", "/contacts", analyst, { email: email() })).statusCode, 403);
    assert.equal((await call("PATCH", `/contacts/${c.id}`, analyst, { name: "X" })).statusCode, 403);
    assert.equal((await call("POST", `/contacts/${c.id}/opt-out`, analyst)).statusCode, 403);
    assert.equal((await call("DELETE", `/contacts/${c.id}`, analyst)).statusCode, 403);
    for (const role of ["viewer", "agent", "manager"] as const) {
      assert.equal((await call("GET", `/contacts/${c.id}`, asUser(await a.as(role)))).statusCode, 403, role);
    }
    const admin = asUser(await a.as("admin"));
    assert.equal((await call("PATCH", `/contacts/${c.id}`, admin, { name: "Admin Edit" })).statusCode, 200);
    const reader = await bearer(ctx.deps.db, a.orgId, ["contacts:read"]);
    assert.equal((await call("GET", `/contacts/${c.id}`, reader)).statusCode, 200);
    assert.equal((await call("POST", "/contacts", reader, { email: email() })).statusCode, 403);
    const writer = await bearer(ctx.deps.db, a.orgId, ["contacts:write"]);
    assert.equal((await call("POST", "/contacts", writer, { email: email() })).statusCode, 201);
    assert.equal((await call("GET", "/contacts", writer)).statusCode, 200, "write implies read");
    assert.equal((await call("GET", "/contacts", {})).statusCode, 401);
    assert.equal((await call("POST", "/contacts", {}, { email: email() })).statusCode, 401);
  });

  it("another organisation gets 404 on every verb and changes nothing", async () => {
    const c = (await create({ email: email(), name: "Private" })).json();
    const other = asUser(b.owner);
    const keyB = await bearer(ctx.deps.db, b.orgId, ["contacts:write"]);
    for (const headers of [other, keyB]) {
      assert.equal((await call("GET", `/contacts/${c.id}`, headers)).statusCode, 404);
      assert.equal((await call("PATCH", `/contacts/${c.id}`, headers, { name: "Hijack" })).statusCode, 404);
      assert.equal((await call("POST", `/contacts/${c.id}/opt-out`, headers)).statusCode, 404);
      assert.equal((await call("DELETE", `/contacts/${c.id}`, headers)).statusCode, 404);
      const list = await call("GET", `/contacts?email=${c.email}`, headers);
      assert.deepEqual(list.json().items, []);
    }
    const same = await call("GET", `/contacts/${c.id}`, owner);
    assert.equal(same.json().name, "Private");
    assert.equal(same.json().optedOutAt, null);
    // The same address in organisation B is another, independent contact.
    const inB = await call("POST", "/contacts", other, { email: c.email });
    assert.equal(inB.statusCode, 201);
    assert.notEqual(inB.json().id, c.id);
  });
});
