import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { contact, employee } from "../../src/db/schema.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { bearer, email, seedSurvey } from "../fixtures/distribution/setup.ts";
import {
  asUser,
  createTestOrg,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

type Headers = Record<string, string>;

describe("manager's month API: networks created in the app, a person's history, the user's employee", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
  });
  after(() => ctx.close());

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    headers?: Headers,
    payload?: object,
  ) => ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload });

  describe("POST /benchmark/networks", () => {
    it("creates a network with the organisation as its first member; others see it and may join", async () => {
      const name = `Maa-ametid ${unique()}`;
      const res = await call("POST", "/benchmark/networks", asUser(a.owner), { name });
      assert.equal(res.statusCode, 201, res.body);
      const n = res.json();
      assert.equal(n.name, name);
      assert.equal(n.member, true);
      assert.equal(n.organisations, 1);
      assert.match(n.slug, /^maa-ametid-/);
      const seen = (await call("GET", "/benchmark/networks", asUser(b.owner))).json().items;
      const theirs = seen.find((x: { id: string }) => x.id === n.id);
      assert.equal(theirs.member, false, "another organisation sees the network but is not in it");
      assert.equal(theirs.organisations, 1);
      const joined = await call("POST", `/benchmark/networks/${n.id}/join`, asUser(b.owner));
      assert.equal(joined.json().organisations, 2);
    });

    it("an admin may create one with its own slug; a taken slug is 409 naming the field", async () => {
      const slug = `net-${unique()}`.toLowerCase();
      const admin = await a.as("admin");
      const res = await call("POST", "/benchmark/networks", asUser(admin), { name: "Päästeametid", slug });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().slug, slug);
      const again = await call("POST", "/benchmark/networks", asUser(b.owner), { name: "Muu", slug });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().errors[0].path, "body.slug");
      const list = (await call("GET", "/benchmark/networks", asUser(b.owner))).json().items;
      assert.equal(list.filter((x: { slug: string }) => x.slug === slug).length, 1, "nothing half-written");
    });

    it("400 names the field; 401 without a session; 403 for roles that do not manage benchmarks", async () => {
      const short = await call("POST", "/benchmark/networks", asUser(a.owner), { name: "x" });
      assert.equal(short.statusCode, 400);
      assert.equal(short.json().errors[0].path, "body.name");
      const badSlug = await call("POST", "/benchmark/networks", asUser(a.owner), {
        name: "Hea",
        slug: "Pahad Tähed",
      });
      assert.equal(badSlug.json().errors[0].path, "body.slug");
      const extra = await call("POST", "/benchmark/networks", asUser(a.owner), {
        name: "Hea",
        orgId: b.orgId,
      });
      assert.equal(extra.statusCode, 400, "unknown fields are refused");
      assert.equal((await call("POST", "/benchmark/networks", {}, { name: "Avalik" })).statusCode, 401);
      for (const role of ["analyst", "manager", "quality_specialist", "agent", "viewer"] as const) {
        const res = await call("POST", "/benchmark/networks", asUser(await a.as(role)), {
          name: `R ${role}`,
        });
        assert.equal(res.statusCode, 403, role);
      }
    });
  });

  describe("GET /contacts/:id/history", () => {
    let contactId: string;
    let address: string;
    before(async () => {
      const surveyId = await seedSurvey(ctx.deps.db, a.orgId);
      address = email("Mari");
      contactId = randomUUID();
      await ctx.deps.db
        .insert(contact)
        .values({ orgId: a.orgId, id: contactId, email: address, name: "Mari" });
      const answered = await issueSentInvitation(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        locale: "et",
        contactId,
      });
      const inv = await findInvitationByToken(ctx.deps.db, answered.token);
      assert.ok(inv);
      await answerInvitation(
        ctx.deps.db,
        inv,
        { score: 9, comment: "Väga hea teenindus", answers: {} },
        {
          locale: "et",
        },
      );
      await issueSentInvitation(ctx.deps.db, {
        orgId: a.orgId,
        surveyId,
        locale: "et",
        contactId,
        sentAt: new Date(Date.now() + 1000),
      });
    });

    it("lists the person's invitations with their answer, newest first", async () => {
      const res = await call("GET", `/contacts/${contactId}/history`, asUser(a.owner));
      assert.equal(res.statusCode, 200, res.body);
      const h = res.json();
      assert.equal(h.contact.email, address);
      assert.equal(h.invitations.length, 2);
      const withAnswer = h.invitations.filter((i: { answer: unknown }) => i.answer);
      assert.equal(withAnswer.length, 1);
      assert.equal(withAnswer[0].answer.score, 9);
      assert.equal(withAnswer[0].answer.comment, "Väga hea teenindus");
      assert.equal(withAnswer[0].state, "answered");
    });

    it("an API key with contacts:read alone sees the scores but not the comment", async () => {
      const res = await call(
        "GET",
        `/contacts/${contactId}/history`,
        await bearer(ctx.deps.db, a.orgId, ["contacts:read"]),
      );
      assert.equal(res.statusCode, 200, res.body);
      const answered = res.json().invitations.find((i: { answer: unknown }) => i.answer);
      assert.equal(answered.answer.score, 9);
      assert.equal(answered.answer.comment, null);
    });

    it("401, 403 per role, 400 for a malformed id, and 404 across tenants", async () => {
      assert.equal((await call("GET", `/contacts/${contactId}/history`)).statusCode, 401);
      for (const role of ["manager", "quality_specialist", "agent", "viewer"] as const) {
        const res = await call("GET", `/contacts/${contactId}/history`, asUser(await a.as(role)));
        assert.equal(res.statusCode, 403, role);
      }
      assert.equal(
        (await call("GET", `/contacts/${contactId}/history`, asUser(await a.as("analyst")))).statusCode,
        200,
      );
      const other = await call("GET", `/contacts/${contactId}/history`, asUser(b.owner));
      assert.equal(other.statusCode, 404);
      const bad = await call("GET", "/contacts/not-a-uuid/history", asUser(a.owner));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].path, "params.id");
    });
  });

  describe("the user ↔ employee link", () => {
    it("an employee is linked to a member; the member list shows which employee each user is", async () => {
      const agent = await a.as("agent");
      const res = await call("POST", "/employees", asUser(a.owner), {
        name: "Aino Agent",
        userId: agent.userId,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().userId, agent.userId);
      const members = (await call("GET", "/members", asUser(a.owner))).json();
      const row = members.find((m: { userId: string }) => m.userId === agent.userId);
      assert.equal(row.employeeId, res.json().id);
      assert.equal(row.employeeName, "Aino Agent");
      assert.equal(members.find((m: { userId: string }) => m.userId === a.owner.userId).employeeId, null);
    });

    it("a user is one employee only: a second link is 400 naming body.userId; relinking the same one is fine", async () => {
      const manager = await a.as("manager");
      const first = await call("POST", "/employees", asUser(a.owner), {
        name: "Mati Juht",
        userId: manager.userId,
      });
      assert.equal(first.statusCode, 201, first.body);
      const second = await call("POST", "/employees", asUser(a.owner), {
        name: "Teine",
        userId: manager.userId,
      });
      assert.equal(second.statusCode, 400);
      assert.equal(second.json().errors[0].path, "body.userId");
      const same = await call("PATCH", `/employees/${first.json().id}`, asUser(a.owner), {
        name: "Mati Juht",
        userId: manager.userId,
      });
      assert.equal(same.statusCode, 200, same.body);
      const unlink = await call("PATCH", `/employees/${first.json().id}`, asUser(a.owner), { userId: null });
      assert.equal(unlink.json().userId, null);
    });

    it("a user of another organisation cannot be linked (400), nor is another tenant's employee visible (404)", async () => {
      const res = await call("POST", "/employees", asUser(a.owner), {
        name: "Võõras",
        userId: b.owner.userId,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].path, "body.userId");
      const id = randomUUID();
      await ctx.deps.db.insert(employee).values({ orgId: b.orgId, id, name: "B töötaja" });
      const cross = await call("PATCH", `/employees/${id}`, asUser(a.owner), { userId: null });
      assert.equal(cross.statusCode, 404);
      const viewer = await a.as("viewer");
      const members = await call("GET", "/members", asUser(viewer));
      assert.equal(members.statusCode, 403, "only owners and admins read the member list");
    });
  });
});
