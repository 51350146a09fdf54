import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { and, count, eq } from "drizzle-orm";
import { response, service } from "../../src/db/schema.ts";
import { improvementActionNote } from "../../src/modules/followup/schema.ts";
import { asUser, type Session, startTestApp, type TestContext, unique } from "../helpers/app.ts";
import { type FollowUpOrg, followUpOrg } from "./followup-fixtures.ts";

const DAY = 86_400_000;
const tallinnDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Tallinn" }).format(d);

describe("improvement actions API", () => {
  let ctx: TestContext;
  let a: FollowUpOrg;
  let b: FollowUpOrg;
  let actionOfB: string;

  const call = (method: "GET" | "POST" | "PATCH", url: string, s?: Session, payload?: unknown) =>
    ctx.app.inject({
      method,
      url,
      headers: s ? asUser(s) : {},
      ...(payload ? { payload: payload as object } : {}),
    });
  const create = async (s: Session, body: Record<string, unknown> = {}) => {
    const res = await call("POST", "/api/v1/improvement-actions", s, {
      title: "Tagasihelistamise skript",
      ...body,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const notesOf = async (org: FollowUpOrg, id: string) =>
    (
      await ctx.deps.db
        .select({ n: count() })
        .from(improvementActionNote)
        .where(and(eq(improvementActionNote.orgId, org.orgId), eq(improvementActionNote.actionId, id)))
    )[0].n;

  before(async () => {
    ctx = await startTestApp();
    a = await followUpOrg(ctx, "Amet A");
    b = await followUpOrg(ctx, "Amet B");
    actionOfB = (await create(b.owner)).id;
  });
  after(() => ctx.close());

  it("plans an action with links, tracks progress notes and completes it", async () => {
    const { invitationId } = await a.answer(2);
    const [r] = await ctx.deps.db
      .select({ id: response.id })
      .from(response)
      .where(and(eq(response.orgId, a.orgId), eq(response.invitationId, invitationId)));
    const created = await create(a.manager, {
      description: "Uus skript ooteaja selgitamiseks.",
      ownerId: a.manager.userId,
      departmentId: a.deptA,
      deadline: "2099-06-30",
      serviceIds: [a.serviceId],
      evidence: [{ kind: "response", id: r.id }],
      public: true,
      publicTexts: { et: { said: "Ootasite kaua.", did: "Selgitame ooteaega." } },
    });
    assert.equal(created.status, "planned");
    assert.deepEqual(created.serviceIds, [a.serviceId]);
    assert.deepEqual(created.evidence, [{ kind: "response", id: r.id }]);
    let res = await call("PATCH", `/api/v1/improvement-actions/${created.id}`, a.manager, {
      status: "in_progress",
      note: "Skripti mustand valmis.",
    });
    assert.equal(res.statusCode, 200, res.body);
    res = await call("PATCH", `/api/v1/improvement-actions/${created.id}`, a.manager, { status: "done" });
    assert.equal(res.json().status, "done");
    assert.equal(res.json().completedOn, tallinnDay(new Date()));
    assert.deepEqual(
      res.json().notes.map((n: { status: string | null }) => n.status),
      ["in_progress", "done"],
    );
    const list = (await call("GET", "/api/v1/improvement-actions?status=done", await a.as("viewer"))).json();
    assert.ok(list.items.some((x: { id: string }) => x.id === created.id));
  });

  it("drops only with a reason and takes up a dropped action only with a note; nothing written otherwise", async () => {
    const { id } = await create(a.owner);
    const noReason = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, { status: "dropped" });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().errors[0].path, "body.dropReason");
    const dropped = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, {
      status: "dropped",
      dropReason: "Seadus muutus.",
    });
    assert.equal(dropped.json().status, "dropped");
    const n = await notesOf(a, id);
    const noNote = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, { status: "planned" });
    assert.equal(noNote.statusCode, 400);
    assert.equal(noNote.json().errors[0].path, "body.note");
    const toDone = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, { status: "done" });
    assert.equal(toDone.statusCode, 409);
    assert.equal(toDone.json().errors[0].path, "body.status");
    assert.equal(await notesOf(a, id), n, "nothing written");
    const again = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, {
      status: "planned",
      note: "Uus seadus jõustub hiljem.",
    });
    assert.equal(again.json().status, "planned");
    assert.equal(again.json().dropReason, null);
  });

  it("400 naming the field: past deadline, oversized title, unknown or foreign ids", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ deadline: "2020-01-01" }, "body.deadline"],
      [{ title: "x".repeat(201) }, "body.title"],
      [{ title: "" }, "body.title"],
      [{ serviceIds: [b.serviceId] }, "body.serviceIds.0"],
      [{ departmentId: b.deptA }, "body.departmentId"],
      [{ ownerId: b.owner.userId }, "body.ownerId"],
      [{ evidence: [{ kind: "case", id: randomUUID() }] }, "body.evidence.0.id"],
      [{ publicTexts: { et: { said: "", did: "x" } } }, "body.publicTexts.et.said"],
    ];
    for (const [body, path] of cases) {
      const res = await call("POST", "/api/v1/improvement-actions", a.owner, { title: "T", ...body });
      assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
      assert.equal(res.json().errors[0].path, path);
    }
    const { id } = await create(a.owner);
    const res = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, {
      completedOn: "2020-01-01",
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "body.completedOn");
  });

  it("401, 403 per role, 404 across organisations on every route", async () => {
    const { id } = await create(a.owner);
    const routes: ["GET" | "POST" | "PATCH", string, unknown][] = [
      ["GET", "/api/v1/improvement-actions", undefined],
      ["POST", "/api/v1/improvement-actions", { title: "T" }],
      ["GET", `/api/v1/improvement-actions/${id}`, undefined],
      ["PATCH", `/api/v1/improvement-actions/${id}`, { title: "T2" }],
      ["GET", `/api/v1/improvement-actions/${id}/effect`, undefined],
    ];
    for (const [method, url, body] of routes)
      assert.equal((await call(method, url, undefined, body)).statusCode, 401, url);
    const viewer = await a.as("viewer");
    const agent = a.agent;
    assert.equal((await call("POST", "/api/v1/improvement-actions", viewer, { title: "T" })).statusCode, 403);
    assert.equal((await call("POST", "/api/v1/improvement-actions", agent, { title: "T" })).statusCode, 403);
    assert.equal(
      (await call("PATCH", `/api/v1/improvement-actions/${id}`, await a.as("analyst"), { title: "T" }))
        .statusCode,
      403,
    );
    assert.equal((await call("GET", `/api/v1/improvement-actions/${id}`, viewer)).statusCode, 200);
    for (const [method, url, body] of routes.slice(2)) {
      const other = url.replace(id, actionOfB);
      assert.equal((await call(method, other, a.owner, body)).statusCode, 404, other);
    }
    const list = (await call("GET", "/api/v1/improvement-actions", a.owner)).json();
    assert.ok(!list.items.some((x: { id: string }) => x.id === actionOfB));
    const status = await call("GET", "/api/v1/improvement-actions?status=finished", a.owner);
    assert.equal(status.statusCode, 400);
    assert.equal(status.json().errors[0].path, "querystring.status");
    const badId = await call("GET", "/api/v1/improvement-actions/nope", a.owner);
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "params.id");
    const bad = await call("GET", "/api/v1/improvement-actions/nope/effect", a.owner);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "params.id");
    const months = await call("GET", `/api/v1/improvement-actions/${id}/effect?months=99`, a.owner);
    assert.equal(months.statusCode, 400);
    assert.equal(months.json().errors[0].path, "querystring.months");
  });

  it("effect figures equal an independent computation from the raw answers", async () => {
    const serviceId = `svc-effect-${unique()}`;
    await ctx.deps.db
      .insert(service)
      .values({ orgId: a.orgId, id: serviceId, names: { et: "E" }, type: "e_service", audience: "external" });
    const completed = new Date(Date.now() - 30 * DAY);
    const completedOn = tallinnDay(completed);
    const { id } = await create(a.owner, { serviceIds: [serviceId] });
    await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, { status: "in_progress" });
    const done = await call("PATCH", `/api/v1/improvement-actions/${id}`, a.owner, {
      status: "done",
      completedOn,
    });
    assert.equal(done.statusCode, 200, done.body);
    // Deterministic pseudo-random answers from 140 days before to 80 days after completion (some outside the windows).
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows = Array.from({ length: 300 }, () => {
      const at = new Date(completed.getTime() + (rand() * 220 - 140) * DAY);
      const improved = at >= completed;
      const score = Math.min(10, Math.floor(rand() * 11 + (improved ? 2 : 0)));
      const satisfaction = rand() < 0.2 ? null : Math.floor(rand() * 11);
      return { at, score, satisfaction };
    });
    await ctx.deps.db.insert(response).values(
      rows.map((r) => ({
        orgId: a.orgId,
        id: randomUUID(),
        surveyId: a.surveyId,
        surveyVersion: 1,
        score: r.score,
        satisfaction: r.satisfaction,
        locale: "et",
        serviceId,
        source: "import",
        receivedAt: r.at,
        updatedAt: r.at,
      })),
    );
    const res = await call("GET", `/api/v1/improvement-actions/${id}/effect`, a.owner);
    assert.equal(res.statusCode, 200, res.body);
    const e = res.json();
    // Independent: window by Tallinn calendar day, three months either side, NPS by its definition.
    const shift = (d: string, m: number) => {
      const [y, mo, day] = d.split("-").map(Number);
      const last = new Date(Date.UTC(y, mo - 1 + m + 1, 0)).getUTCDate();
      return new Date(Date.UTC(y, mo - 1 + m, Math.min(day, last))).toISOString().slice(0, 10);
    };
    const from = shift(completedOn, -3);
    const to = shift(completedOn, 3);
    const nps = (xs: number[]) => {
      if (!xs.length) return null;
      return ((xs.filter((x) => x >= 9).length - xs.filter((x) => x <= 6).length) * 100) / xs.length;
    };
    const inWindow = (lo: string, hi: string) =>
      rows.filter((r) => tallinnDay(r.at) >= lo && tallinnDay(r.at) < hi);
    const before = inWindow(from, completedOn);
    const afterRows = inWindow(completedOn, to);
    const sat = (rs: typeof rows) => rs.map((r) => r.satisfaction).filter((s): s is number => s !== null);
    assert.equal(e.before.from, from);
    assert.equal(e.after.to, to);
    assert.equal(e.before.nps.answers, before.length);
    assert.equal(e.after.nps.answers, afterRows.length);
    assert.ok(Math.abs(e.before.nps.value - (nps(before.map((r) => r.score)) ?? Number.NaN)) < 1e-9);
    assert.ok(Math.abs(e.after.nps.value - (nps(afterRows.map((r) => r.score)) ?? Number.NaN)) < 1e-9);
    assert.equal(e.before.satisfaction.answers, sat(before).length);
    assert.ok(Math.abs(e.after.satisfaction.value - (nps(sat(afterRows)) ?? Number.NaN)) < 1e-9);
    assert.ok(
      e.before.nps.interval.low < e.before.nps.value && e.before.nps.value < e.before.nps.interval.high,
    );
    assert.ok(Math.abs(e.change.nps.diff - (e.after.nps.value - e.before.nps.value)) < 1e-9);
    assert.equal(typeof e.change.nps.significant, "boolean");
    assert.ok(rows.length > before.length + afterRows.length, "some answers fall outside both windows");
  });
});
