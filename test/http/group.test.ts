import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import type { TRole } from "../../src/auth/permissions.ts";
import { channel, organization } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { civilDate } from "../fixtures/insights/expected.ts";
import { type InsightsFixture, loadInsightsFixture } from "../fixtures/insights/generate.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

// The ministry view: links only by the agency's consent, figures only of active links, never personal data, and
// figures equal to plain counting over the answers the test created.

type Json = Record<string, unknown>;
type Agency = { org: TestOrg; f: InsightsFixture };

describe("ministry view over agencies (/api/v1/group)", () => {
  let ctx: TestContext;
  let ministry: TestOrg;
  let outsider: TestOrg;
  const a = {} as Record<
    "active1" | "active2" | "small" | "pending" | "declined" | "ended" | "unrelated",
    Agency
  >;
  const linkIds: Record<string, string> = {};

  const call = (method: "GET" | "POST", url: string, headers: Record<string, string> = {}, payload?: Json) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers, payload });
  const as = async (org: TestOrg, role: TRole) => asUser(await org.as(role));

  before(async () => {
    ctx = await startTestApp();
    ministry = await createTestOrg(ctx, "Sotsiaalministeerium");
    outsider = await createTestOrg(ctx, "Another ministry");
    const specs = {
      active1: { seed: 71, invitations: 500, timeZone: "Europe/Tallinn" },
      active2: { seed: 72, invitations: 400, timeZone: "America/New_York" },
      small: { seed: 73, invitations: 200, timeZone: "Europe/Tallinn" },
      pending: { seed: 74, invitations: 150, timeZone: "Europe/Tallinn" },
      declined: { seed: 75, invitations: 150, timeZone: "Europe/Tallinn" },
      ended: { seed: 76, invitations: 150, timeZone: "Europe/Tallinn" },
      unrelated: { seed: 77, invitations: 150, timeZone: "Europe/Tallinn" },
    };
    for (const [key, spec] of Object.entries(specs)) {
      const org = await createTestOrg(ctx, `Amet ${key}`);
      a[key as keyof typeof a] = { org, f: await loadInsightsFixture(ctx.deps.db, org.orgId, spec) };
    }
    // The small agency's own minimum sample withholds all its figures.
    await ctx.deps.db
      .update(organization)
      .set({ minSample: 100_000 })
      .where(eq(organization.id, a.small.org.orgId));
    const request = async (key: keyof typeof a, by: "slug" | "id") => {
      const res = await call("POST", "/group/links", ministry.owner && asUser(ministry.owner), {
        agency: by === "slug" ? a[key].org.slug : a[key].org.orgId,
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().state, "pending");
      linkIds[key] = res.json().id;
    };
    for (const key of ["active1", "small", "pending", "declined", "ended"] as const)
      await request(key, "slug");
    await request("active2", "id");
    for (const key of ["active1", "active2", "small", "ended"] as const) {
      const res = await call("POST", `/group/links/${linkIds[key]}/accept`, asUser(a[key].org.owner));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, "active");
    }
    const declined = await call(
      "POST",
      `/group/links/${linkIds.declined}/decline`,
      asUser(a.declined.org.owner),
    );
    assert.equal(declined.json().state, "declined");
    const ended = await call("POST", `/group/links/${linkIds.ended}/end`, asUser(a.ended.org.owner));
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json().state, "ended");
    assert.equal(ended.json().endedBy, "agency");
    assert.ok(ended.json().endedAt);
  });

  describe("links", () => {
    it("lists both directions: the ministry's agencies and the agency's parent bodies", async () => {
      const mine = await call("GET", "/group/links", await as(ministry, "analyst"));
      assert.equal(mine.statusCode, 200, mine.body);
      const states = Object.fromEntries(
        mine.json().overseen.map((l: Json) => [(l.agency as Json).slug, l.state]),
      );
      assert.deepEqual(states, {
        [a.active1.org.slug]: "active",
        [a.active2.org.slug]: "active",
        [a.small.org.slug]: "active",
        [a.pending.org.slug]: "pending",
        [a.declined.org.slug]: "declined",
        [a.ended.org.slug]: "ended",
      });
      assert.deepEqual(mine.json().parents, []);
      const theirs = await call("GET", "/group/links", asUser(a.pending.org.owner));
      assert.equal(theirs.json().parents.length, 1);
      assert.equal(theirs.json().parents[0].parent.name, "Sotsiaalministeerium");
      assert.equal(theirs.json().parents[0].state, "pending");
      const none = await call("GET", "/group/links", asUser(a.unrelated.org.owner));
      assert.deepEqual(none.json(), { overseen: [], parents: [] });
    });

    it("GET links: 401 without a session, 403 for roles without group:read", async () => {
      assert.equal((await call("GET", "/group/links")).statusCode, 401);
      for (const role of ["manager", "agent", "viewer"] as const)
        assert.equal((await call("GET", "/group/links", await as(ministry, role))).statusCode, 403, role);
      assert.equal((await call("GET", "/group/links", await as(ministry, "admin"))).statusCode, 200);
    });

    it("request: 400 naming the field, 404 for an unknown organisation, 409 for a second open link, 400 for itself", async () => {
      const owner = asUser(ministry.owner);
      const empty = await call("POST", "/group/links", owner, { agency: "" });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json().errors[0].path, "body.agency");
      const missing = await call("POST", "/group/links", owner, {});
      assert.equal(missing.statusCode, 400);
      assert.match(JSON.stringify(missing.json().errors), /agency/);
      const unknown = await call("POST", "/group/links", owner, { agency: "no-such-org-anywhere" });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().errors[0].path, "body.agency");
      const again = await call("POST", "/group/links", owner, { agency: a.pending.org.slug });
      assert.equal(again.statusCode, 409);
      const self = await call("POST", "/group/links", owner, { agency: ministry.slug });
      assert.equal(self.statusCode, 400);
      assert.equal(self.json().errors[0].path, "body.agency");
    });

    it("request: 401, and 403 for every role but the owner", async () => {
      assert.equal(
        (await call("POST", "/group/links", {}, { agency: a.unrelated.org.slug })).statusCode,
        401,
      );
      for (const role of ["admin", "analyst", "manager", "agent", "viewer"] as const) {
        const res = await call("POST", "/group/links", await as(ministry, role), {
          agency: a.unrelated.org.slug,
        });
        assert.equal(res.statusCode, 403, role);
      }
    });

    it("accept and decline: only the agency's owner, only a pending request", async () => {
      const id = linkIds.pending;
      for (const action of ["accept", "decline"]) {
        assert.equal((await call("POST", `/group/links/${id}/${action}`)).statusCode, 401);
        for (const role of ["admin", "analyst", "manager", "agent", "viewer"] as const) {
          const res = await call("POST", `/group/links/${id}/${action}`, await as(a.pending.org, role));
          assert.equal(res.statusCode, 403, `${action} by ${role}`);
        }
        // The ministry cannot answer its own request; an unrelated organisation does not see it at all.
        assert.equal(
          (await call("POST", `/group/links/${id}/${action}`, asUser(ministry.owner))).statusCode,
          404,
        );
        assert.equal(
          (await call("POST", `/group/links/${id}/${action}`, asUser(outsider.owner))).statusCode,
          404,
        );
        assert.equal(
          (await call("POST", `/group/links/${randomUUID()}/${action}`, asUser(a.pending.org.owner)))
            .statusCode,
          404,
        );
        const bad = await call("POST", `/group/links/not-a-uuid/${action}`, asUser(a.pending.org.owner));
        assert.equal(bad.statusCode, 400);
        assert.match(JSON.stringify(bad.json().errors), /id/);
        const answered = await call(
          "POST",
          `/group/links/${linkIds.declined}/${action}`,
          asUser(a.declined.org.owner),
        );
        assert.equal(answered.statusCode, 409, `${action} of a declined link`);
      }
    });

    it("end: either side, pending or active only; the row stays as history", async () => {
      const x = await createTestOrg(ctx, "Agency to leave");
      const req = await call("POST", "/group/links", asUser(ministry.owner), { agency: x.slug });
      const id = req.json().id;
      assert.equal((await call("POST", `/group/links/${id}/end`)).statusCode, 401);
      assert.equal(
        (await call("POST", `/group/links/${id}/end`, await as(ministry, "admin"))).statusCode,
        403,
      );
      assert.equal((await call("POST", `/group/links/${id}/end`, await as(x, "admin"))).statusCode, 403);
      assert.equal((await call("POST", `/group/links/${id}/end`, asUser(outsider.owner))).statusCode, 404);
      assert.equal((await call("POST", "/group/links/nope/end", asUser(x.owner))).statusCode, 400);
      const withdrawn = await call("POST", `/group/links/${id}/end`, asUser(ministry.owner));
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal(withdrawn.json().endedBy, "parent");
      assert.equal((await call("POST", `/group/links/${id}/end`, asUser(x.owner))).statusCode, 409);
      // After an ended link a new request may be made; the old one stays in the list.
      const again = await call("POST", "/group/links", asUser(ministry.owner), { agency: x.slug });
      assert.equal(again.statusCode, 201);
      const list = await call("GET", "/group/links", asUser(x.owner));
      assert.deepEqual(
        list
          .json()
          .parents.map((l: Json) => l.state)
          .sort(),
        ["ended", "pending"],
      );
    });
  });

  describe("figures", () => {
    const range = { from: "2026-01-01", to: "2026-07-01" };
    const inRange = (at: Date, tz: string, r: { from: string; to: string }) => {
      const d = civilDate(at, tz);
      return d >= r.from && d < r.to;
    };
    /** Plain counting over the answers and invitations created in `before`. */
    const expected = (
      f: InsightsFixture,
      r: { from: string; to: string },
      keep: (x: { channelId?: string | null; serviceId?: string | null }) => boolean = () => true,
    ) => {
      const answers = f.responses.filter((x) => inRange(x.receivedAt as Date, f.timeZone, r) && keep(x));
      const promoters = answers.filter((x) => (x.score as number) >= 9).length;
      const detractors = answers.filter((x) => (x.score as number) <= 6).length;
      const sat = answers.filter((x) => x.satisfaction !== null && x.satisfaction !== undefined);
      const satP = sat.filter((x) => (x.satisfaction as number) >= 9).length;
      const satD = sat.filter((x) => (x.satisfaction as number) <= 6).length;
      const sent = f.invitations.filter(
        (x) => x.sentAt && inRange(x.sentAt, f.timeZone, r) && keep(x),
      ).length;
      const invited = answers.filter((x) => x.invitationId).length;
      return {
        answers: answers.length,
        promoters,
        detractors,
        satAnswers: sat.length,
        satP,
        satD,
        sent,
        invited,
      };
    };
    const round1 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;
    const nps = (p: number, d: number, n: number) => round1(((p - d) * 100) / n);

    it("side by side and pooled, equal to counting the agencies' answers; nothing of unlinked agencies", async () => {
      const res = await call(
        "GET",
        `/group/figures?from=${range.from}&to=${range.to}`,
        await as(ministry, "analyst"),
      );
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      const bySlug = new Map(body.agencies.map((x: Json) => [(x.agency as Json).slug, x]));
      assert.deepEqual(
        [...bySlug.keys()].sort(),
        [a.active1.org.slug, a.active2.org.slug, a.small.org.slug].sort(),
        "only the agencies that accepted and have not ended",
      );
      let pooled = {
        answers: 0,
        promoters: 0,
        detractors: 0,
        satAnswers: 0,
        satP: 0,
        satD: 0,
        sent: 0,
        invited: 0,
      };
      for (const key of ["active1", "active2"] as const) {
        const e = expected(a[key].f, range);
        assert.ok(e.answers > 30, "enough answers to show");
        const got = bySlug.get(a[key].org.slug) as { total: Json };
        assert.equal(got.total.answers, e.answers, key);
        assert.equal(got.total.promoters, e.promoters, key);
        assert.equal(got.total.detractors, e.detractors, key);
        assert.equal(got.total.nps, nps(e.promoters, e.detractors, e.answers), key);
        assert.equal((got.total.satisfaction as Json).index, nps(e.satP, e.satD, e.satAnswers), key);
        assert.equal(got.total.invitationsSent, e.sent, key);
        assert.equal(got.total.responseRate, round1((e.invited * 100) / e.sent), key);
        assert.ok(got.total.npsInterval, "an interval");
        pooled = Object.fromEntries(
          Object.entries(pooled).map(([k, v]) => [k, v + e[k as keyof typeof e]]),
        ) as typeof pooled;
      }
      const small = bySlug.get(a.small.org.slug) as { total: Json };
      assert.equal(small.total.withheld, true, "below the agency's own minimum sample");
      assert.equal(small.total.nps, null);
      assert.equal(small.total.npsInterval, null);
      assert.equal(body.pooled.agencies, 2, "the withheld agency is not pooled");
      assert.equal(body.pooled.total.answers, pooled.answers);
      assert.equal(body.pooled.total.nps, nps(pooled.promoters, pooled.detractors, pooled.answers));
      assert.equal(body.pooled.total.satisfaction.index, nps(pooled.satP, pooled.satD, pooled.satAnswers));
      assert.equal(body.pooled.total.responseRate, round1((pooled.invited * 100) / pooled.sent));
      assert.equal(body.meta.interval.method, "adjusted-wald");
    });

    it("by month with a service type and a channel filter, each agency in its own time zone", async () => {
      const { f, org } = a.active2;
      const kinds = await ctx.deps.db
        .select({ id: channel.id, kind: channel.kind })
        .from(channel)
        .where(eq(channel.orgId, org.orgId));
      const types = new Map(f.services.map((s) => [s.id, s.type]));
      const keepOf = (channelId: string) => (x: { channelId?: string | null; serviceId?: string | null }) =>
        x.channelId === channelId && types.get(x.serviceId ?? "") === "customer_service";
      // The fixture spreads answers over channels at random: test the busiest kind in March.
      const march = { from: "2026-03-01", to: "2026-04-01" };
      const busiest = kinds
        .map((c) => ({
          kind: c.kind as string,
          keep: keepOf(c.id),
          n: expected(f, march, keepOf(c.id)).answers,
        }))
        .sort((x, y) => y.n - x.n)[0];
      const res = await call(
        "GET",
        `/group/figures?from=${range.from}&to=${range.to}&serviceType=customer_service&channel=${busiest.kind}&groupBy=month`,
        asUser(ministry.owner),
      );
      assert.equal(res.statusCode, 200, res.body);
      const mine = res.json().agencies.find((x: Json) => (x.agency as Json).slug === org.slug);
      const e = expected(f, march, busiest.keep);
      const group = mine.groups.find((g: Json) => g.key === "2026-03-01");
      assert.ok(e.answers > 0 && group, `answers by ${busiest.kind} in March`);
      assert.equal(group.answers, e.answers);
      assert.equal(group.promoters, e.answers >= 5 ? e.promoters : null);
      assert.equal(group.detractors, e.answers >= 5 ? e.detractors : null);
      assert.equal(mine.total.answers, expected(f, range, busiest.keep).answers);
    });

    it("by channel kind, service type and month: groups add up to the total", async () => {
      for (const groupBy of ["channel", "serviceType", "month"]) {
        const res = await call("GET", `/group/figures?groupBy=${groupBy}`, asUser(ministry.owner));
        assert.equal(res.statusCode, 200, res.body);
        for (const agency of res.json().agencies) {
          const sum = agency.groups.reduce((n: number, g: Json) => n + (g.answers as number), 0);
          assert.equal(sum, agency.total.answers, `${groupBy} of ${agency.agency.slug}`);
        }
        if (groupBy === "channel")
          assert.ok(
            res
              .json()
              .pooled.groups.every((g: Json) =>
                ["face_to_face", "phone", "email", "self_service", "web", "other", "own", "none"].includes(
                  g.key as string,
                ),
              ),
          );
      }
    });

    it("never carries employees, departments, comments or contacts", async () => {
      const res = await call("GET", "/group/figures?groupBy=channel", asUser(ministry.owner));
      const services = await call(
        "GET",
        `/group/agencies/${a.active1.org.orgId}/services`,
        asUser(ministry.owner),
      );
      for (const text of [res.body, services.body]) {
        for (const e of a.active1.f.employees) assert.ok(!text.includes(e.name), e.name);
        for (const e of a.active1.f.employees) assert.ok(!text.includes(e.id));
        for (const d of a.active1.f.departments) assert.ok(!text.includes(d.id));
        assert.ok(!text.includes("Aitäh"));
        assert.ok(
          !/"(employee\w*|department\w*|comment\w*|contact|email|phone)"\s*:/i.test(text),
          "no such fields",
        );
      }
    });

    it("follow-up case counts of each agency", async () => {
      const { org, f } = a.active1;
      const r = f.responses[0];
      await ctx.deps.db.insert(followUpCase).values({
        orgId: org.orgId,
        id: randomUUID(),
        responseId: r.id as string,
        surveyId: f.surveyId,
        state: "open",
        dueDate: "2026-01-02",
        dueAt: new Date("2026-01-02T22:00:00Z"),
      });
      const res = await call("GET", "/group/figures", asUser(ministry.owner));
      const mine = res.json().agencies.find((x: Json) => (x.agency as Json).slug === org.slug);
      assert.equal(mine.cases.open, 1);
      assert.equal(mine.cases.overdue, 1);
      const other = res.json().agencies.find((x: Json) => (x.agency as Json).slug === a.active2.org.slug);
      assert.equal(other.cases.open, 0);
    });

    it("roles: 401, 403 for manager, agent and viewer; 400 naming the field", async () => {
      assert.equal((await call("GET", "/group/figures")).statusCode, 401);
      for (const role of ["manager", "agent", "viewer"] as const)
        assert.equal((await call("GET", "/group/figures", await as(ministry, role))).statusCode, 403, role);
      for (const role of ["owner", "admin", "analyst"] as const)
        assert.equal((await call("GET", "/group/figures", await as(ministry, role))).statusCode, 200, role);
      for (const [q, field] of [
        ["groupBy=employee", "groupBy"],
        ["channel=carrier-pigeon", "channel"],
        ["serviceType=x", "serviceType"],
        ["from=2026-13-01", "from"],
        ["from=2026-05-01&to=2026-04-01", "from"],
      ]) {
        const res = await call("GET", `/group/figures?${q}`, asUser(ministry.owner));
        assert.equal(res.statusCode, 400, q);
        assert.match(JSON.stringify(res.json().errors), new RegExp(field), q);
      }
    });

    it("API keys, whatever their scopes, get 403 on every group route", async () => {
      const { key } = await createApiKey(ctx.deps.db, {
        orgId: ministry.orgId,
        name: "reports",
        scopes: ["reports:read", "responses:read"],
      });
      const bearer = { authorization: `Bearer ${key}` };
      assert.equal((await call("GET", "/group/figures", bearer)).statusCode, 403);
      assert.equal((await call("GET", "/group/links", bearer)).statusCode, 403);
      assert.equal(
        (await call("GET", `/group/agencies/${a.active1.org.orgId}/services`, bearer)).statusCode,
        403,
      );
      assert.equal(
        (await call("POST", "/group/links", bearer, { agency: a.unrelated.org.slug })).statusCode,
        403,
      );
    });

    it("an organisation without links sees no agencies, and an agency sees nothing of its ministry", async () => {
      const res = await call("GET", "/group/figures", asUser(outsider.owner));
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().agencies, []);
      assert.equal(res.json().pooled.total.answers, 0);
      const agencyView = await call("GET", "/group/figures", asUser(a.active1.org.owner));
      assert.deepEqual(agencyView.json().agencies, [], "the link goes one way");
    });
  });

  describe("drill-down to an agency's services", () => {
    it("per service, equal to counting the answers", async () => {
      const { org, f } = a.active1;
      const res = await call(
        "GET",
        `/group/agencies/${org.orgId}/services?locale=en`,
        await as(ministry, "analyst"),
      );
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      for (const s of f.services) {
        const answers = f.responses.filter((x) => x.serviceId === s.id);
        const got = body.services.find((x: Json) => x.serviceId === s.id);
        if (answers.length === 0) continue;
        assert.equal(got.answers, answers.length, s.key);
        assert.equal(got.name, s.names.en);
        assert.equal(got.serviceType, s.type);
        const p = answers.filter((x) => (x.score as number) >= 9).length;
        const d = answers.filter((x) => (x.score as number) <= 6).length;
        if (answers.length >= 5)
          assert.equal(got.nps, Math.round(((p - d) * 1000) / answers.length) / 10, s.key);
        else assert.equal(got.nps, null, `${s.key} withheld`);
      }
      assert.equal(body.total.answers, f.responses.length);
    });

    it("404 for agencies that are pending, declined, ended, unrelated, or the ministry itself", async () => {
      const owner = asUser(ministry.owner);
      for (const key of ["pending", "declined", "ended", "unrelated"] as const) {
        const res = await call("GET", `/group/agencies/${a[key].org.orgId}/services`, owner);
        assert.equal(res.statusCode, 404, key);
      }
      assert.equal((await call("GET", `/group/agencies/${ministry.orgId}/services`, owner)).statusCode, 404);
      assert.equal((await call("GET", `/group/agencies/${randomUUID()}/services`, owner)).statusCode, 404);
      // Another ministry sees nothing of this ministry's agencies.
      const other = await call(
        "GET",
        `/group/agencies/${a.active1.org.orgId}/services`,
        asUser(outsider.owner),
      );
      assert.equal(other.statusCode, 404);
    });

    it("401, 403 per role, 400 naming the field", async () => {
      const url = `/group/agencies/${a.active1.org.orgId}/services`;
      assert.equal((await call("GET", url)).statusCode, 401);
      for (const role of ["manager", "agent", "viewer"] as const)
        assert.equal((await call("GET", url, await as(ministry, role))).statusCode, 403, role);
      const bad = await call("GET", "/group/agencies/xyz/services", asUser(ministry.owner));
      assert.equal(bad.statusCode, 400);
      assert.match(JSON.stringify(bad.json().errors), /id/);
      const badQ = await call("GET", `${url}?channel=fax`, asUser(ministry.owner));
      assert.equal(badQ.statusCode, 400);
      assert.match(JSON.stringify(badQ.json().errors), /channel/);
    });

    it("once the agency ends the link, the ministry sees nothing of it", async () => {
      const x = await createTestOrg(ctx, "Short-lived link");
      await loadInsightsFixture(ctx.deps.db, x.orgId, { seed: 78, invitations: 100 });
      const req = await call("POST", "/group/links", asUser(ministry.owner), { agency: x.orgId });
      await call("POST", `/group/links/${req.json().id}/accept`, asUser(x.owner));
      const url = `/group/agencies/${x.orgId}/services`;
      assert.equal((await call("GET", url, asUser(ministry.owner))).statusCode, 200);
      const figures = async () =>
        (await call("GET", "/group/figures", asUser(ministry.owner)))
          .json()
          .agencies.map((g: Json) => (g.agency as Json).id);
      assert.ok((await figures()).includes(x.orgId));
      await call("POST", `/group/links/${req.json().id}/end`, asUser(x.owner));
      assert.equal((await call("GET", url, asUser(ministry.owner))).statusCode, 404);
      assert.ok(!(await figures()).includes(x.orgId));
    });
  });
});
