import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { employee } from "../../src/db/schema.ts";
import { createApiKey } from "../../src/modules/accounts/api-keys.ts";
import { createBenchmarkNetwork } from "../../src/modules/insights/benchmark/networks.ts";
import { foldRollups } from "../../src/modules/insights/fold-rollups.ts";
import { verifyRollups } from "../../src/modules/insights/verify-rollups.ts";
import {
  civilDate,
  expectedFigures,
  pooledNps,
  type RawAnswer,
  type RawInvitation,
  round1,
  sumTallies,
  tally,
} from "../fixtures/insights/expected.ts";
import { type InsightsFixture, loadInsightsFixture } from "../fixtures/insights/generate.ts";
import {
  asUser,
  createTestOrg,
  startTestApp,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

describe("reports and benchmark: roles and tenants (acceptance 3)", () => {
  let ctx: TestContext;
  const orgs: { org: TestOrg; f: InsightsFixture }[] = [];
  let networkId: string;

  before(async () => {
    ctx = await startTestApp();
    const specs = [
      { seed: 31, invitations: 1600, timeZone: "Europe/Tallinn" },
      { seed: 32, invitations: 1200, timeZone: "Europe/Tallinn" },
      { seed: 33, invitations: 1000, timeZone: "America/New_York" },
      { seed: 34, invitations: 300, timeZone: "Europe/Tallinn" },
    ];
    for (const [i, spec] of specs.entries()) {
      const org = await createTestOrg(ctx, `Org ${"ABCD"[i]}`);
      orgs.push({ org, f: await loadInsightsFixture(ctx.deps.db, org.orgId, spec) });
    }
    const { org, f } = orgs[0];
    // The agent is Liis Saar (phone desk); the manager is Jaan Kask (Tallinn office, parent of the phone desk).
    await ctx.deps.db
      .update(employee)
      .set({ userId: (await org.as("agent")).userId })
      .where(eq(employee.id, f.employees[2].id));
    await ctx.deps.db
      .update(employee)
      .set({ userId: (await org.as("manager")).userId })
      .where(eq(employee.id, f.employees[1].id));
    networkId = (await createBenchmarkNetwork(ctx.deps.db, { name: `Avalik sektor ${unique()}` })).id;
  });
  after(() => ctx.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "GET", url: `/api/v1${url}`, headers });
  const post = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: "POST", url: `/api/v1${url}`, headers });
  const rowsOf = (f: InsightsFixture) => ({
    answers: f.responses as RawAnswer[],
    invitations: f.invitations as RawInvitation[],
  });
  const totalOf = (f: InsightsFixture, keep: (r: RawAnswer | RawInvitation) => boolean) => {
    const t = tally(rowsOf(f).answers, rowsOf(f).invitations, (r) => (keep(r) ? [] : undefined));
    return expectedFigures(sumTallies([...t.values()].map((g) => g.tally)), 5);
  };

  it("an agent sees only their own figures", async () => {
    const { org, f } = orgs[0];
    const me = f.employees[2].id;
    const agent = asUser(await org.as("agent"));
    const res = await get("/reports/summary?groupBy=employee", agent);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.meta.scope, "employees");
    assert.deepEqual(
      body.groups.map((g: { keys: { id: string }[] }) => g.keys[0].id),
      [me],
    );
    const own = totalOf(f, (r) => r.employeeId === me);
    assert.ok(own.answers >= 30, `${own.answers} own answers`);
    assert.deepEqual(body.total, own);
    // Asking for a colleague gives nothing of the colleague's.
    const other = await get(`/reports/summary?employeeId=${f.employees[0].id}`, agent);
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().total.answers, 0);
    assert.equal(other.json().total.withheld, true);
    assert.equal(other.json().total.nps, null);
    assert.equal(other.json().total.invitationsSent, 0);
  });

  it("a manager sees their department and those below it", async () => {
    const { org, f } = orgs[0];
    const subtree = new Set([f.departments[1].id, f.departments[2].id]);
    const res = await get("/reports/summary?groupBy=department", asUser(await org.as("manager")));
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.meta.scope, "departments");
    assert.deepEqual(
      body.groups.map((g: { keys: { id: string }[] }) => g.keys[0].id).sort(),
      [...subtree].sort(),
    );
    assert.deepEqual(
      body.total,
      totalOf(f, (r) => subtree.has(r.departmentId ?? "")),
    );
  });

  it("viewers and API keys with responses:read or reports:read see the whole organisation; others are refused", async () => {
    const { org, f } = orgs[0];
    const all = totalOf(f, () => true);
    const viewer = await get("/reports/summary", asUser(await org.as("viewer")));
    assert.equal(viewer.statusCode, 200);
    assert.deepEqual(viewer.json().total, all);
    assert.equal(viewer.json().meta.scope, "organisation");
    for (const scopes of [["responses:read"], ["reports:read"]] as const) {
      const { key } = await createApiKey(ctx.deps.db, { orgId: org.orgId, name: "k", scopes: [...scopes] });
      const res = await get("/reports/summary", { authorization: `Bearer ${key}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().total, all);
    }
    const { key } = await createApiKey(ctx.deps.db, {
      orgId: org.orgId,
      name: "k",
      scopes: ["catalog:read"],
    });
    assert.equal((await get("/reports/summary", { authorization: `Bearer ${key}` })).statusCode, 403);
    assert.equal((await get("/reports/summary")).statusCode, 401);
    // A member of B without an employee record sees nothing as an agent.
    const bAgent = await get("/reports/summary", asUser(await orgs[1].org.as("agent")));
    assert.equal(bAgent.json().total.answers, 0);
  });

  it("rejects bad input with a 400 naming the field", async () => {
    const owner = asUser(orgs[0].org.owner);
    const cases: [string, string][] = [
      ["groupBy=colour", "querystring.groupBy"],
      ["groupBy=month,service,channel", "querystring.groupBy"],
      ["groupBy=month,month", "querystring.groupBy"],
      ["from=2026-05-01&to=2026-04-01", "querystring.from"],
      ["from=2026-05-01&to=2026-05-01", "querystring.from"],
      ["from=2026-02-30", "querystring.from"],
      ["to=yesterday", "querystring.to"],
      ["serviceId=not-a-uuid", "querystring.serviceId"],
      ["serviceType=bakery", "querystring.serviceType"],
      ["language=xx", "querystring.language"],
      ["compare=previous&from=2026-01-01", "querystring.compare"],
      ["compare=last-year&from=2026-01-01&to=2026-02-01", "querystring.compare"],
    ];
    for (const [query, path] of cases) {
      const res = await get(`/reports/summary?${query}`, owner);
      assert.equal(res.statusCode, 400, query);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === path),
        `${query}: ${JSON.stringify(res.json().errors)}`,
      );
    }
  });

  it("another organisation's ids are not found, and B's figures never include A's", async () => {
    const [{ f: fa }, { org: b, f: fb }] = orgs;
    const owner = asUser(b.owner);
    const foreign: [string, string][] = [
      ["surveyId", fa.surveyId],
      ["serviceId", fa.services[0].id],
      ["departmentId", fa.departments[0].id],
      ["employeeId", fa.employees[0].id],
      ["channelId", fa.channelIds[0]],
    ];
    for (const [field, id] of foreign) {
      const res = await get(`/reports/summary?${field}=${id}`, owner);
      assert.equal(res.statusCode, 404, field);
      assert.equal(res.json().errors[0].path, `querystring.${field}`);
    }
    const own = await get(`/reports/summary?serviceId=${fb.services[0].id}`, owner);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(
      own.json().total,
      totalOf(fb, (r) => r.serviceId === fb.services[0].id),
    );
  });

  it("networks can be listed, joined and left by owners and admins", async () => {
    const { org } = orgs[0];
    const list = await get("/benchmark/networks", asUser(org.owner));
    assert.equal(list.statusCode, 200);
    const mine = list.json().items.find((n: { id: string }) => n.id === networkId);
    assert.equal(mine.member, false);
    assert.equal(mine.organisations, 0);
    assert.equal(
      (await post(`/benchmark/networks/${networkId}/join`, asUser(await org.as("analyst")))).statusCode,
      403,
    );
    assert.equal(
      (await post(`/benchmark/networks/${networkId}/join`, { cookie: org.owner.cookie })).statusCode,
      403,
    );
    assert.equal((await post(`/benchmark/networks/${networkId}/join`)).statusCode, 401);
    const bad = await post("/benchmark/networks/nope/join", asUser(org.owner));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "params.id");
    assert.equal(
      (await post(`/benchmark/networks/${crypto.randomUUID()}/join`, asUser(org.owner))).statusCode,
      404,
    );
    for (const { org: o } of orgs.slice(0, 3)) {
      const res = await post(`/benchmark/networks/${networkId}/join`, asUser(o.owner));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().member, true);
    }
    const again = await post(`/benchmark/networks/${networkId}/join`, asUser(org.owner));
    assert.equal(again.json().organisations, 3);
  });

  /** The network figures computed here from the members' raw answers. */
  function expectedNetwork(
    members: InsightsFixture[],
    ownOrgId: string,
    range: { from: string; to: string },
  ) {
    const cells = new Map<string, Map<string, number[][]>>();
    for (const f of members) {
      for (const r of f.responses) {
        const svc = f.services.find((s) => s.id === r.serviceId);
        const day = civilDate(r.receivedAt as Date, f.timeZone);
        if (!svc || day < range.from || day >= range.to) continue;
        const key = `${svc.type}|${r.audience ?? svc.audience}`;
        const byOrg = cells.get(key) ?? new Map<string, number[][]>();
        const counts = byOrg.get(f.orgId) ?? [Array(11).fill(0), Array(11).fill(0)];
        counts[0][r.score]++;
        if (r.satisfaction !== null && r.satisfaction !== undefined) counts[1][r.satisfaction]++;
        byOrg.set(f.orgId, counts);
        cells.set(key, byOrg);
      }
    }
    const out = new Map<
      string,
      { organisations: number; nps: number | null; sat: number | null; rank: number | null }
    >();
    for (const [key, byOrg] of cells) {
      const included = [...byOrg.entries()].filter(([, c]) => c[0].reduce((a, b) => a + b, 0) >= 5);
      const pooled = [Array(11).fill(0), Array(11).fill(0)];
      for (const [, c] of included)
        for (let i = 0; i <= 10; i++) for (const q of [0, 1]) pooled[q][i] += c[q][i];
      const shown = included.length >= 3;
      const own = included.find(([id]) => id === ownOrgId);
      const ownNps = own ? pooledNps(own[1][0]) : null;
      out.set(key, {
        organisations: included.length,
        nps: shown ? round1(pooledNps(pooled[0]) as number) : null,
        sat: shown ? round1(pooledNps(pooled[1]) as number) : null,
        rank:
          shown && ownNps !== null
            ? 1 + included.filter(([, c]) => (pooledNps(c[0]) as number) > ownNps).length
            : null,
      });
    }
    return out;
  }

  it("a member sees the network's pooled figures and its own rank, equal to a count of the members' answers", async () => {
    const members = orgs.slice(0, 3).map((o) => o.f);
    for (const range of [
      { from: "2025-10-01", to: "2026-08-01" },
      { from: "2025-10-17", to: "2026-06-12" },
    ]) {
      for (const { org, f } of orgs.slice(0, 3)) {
        const res = await get(
          `/benchmark/networks/${networkId}/summary?from=${range.from}&to=${range.to}&locale=en`,
          asUser(org.owner),
        );
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        const expected = expectedNetwork(members, f.orgId, range);
        assert.deepEqual(
          body.cells
            .map((c: { serviceType: string; audience: string }) => `${c.serviceType}|${c.audience}`)
            .sort(),
          [...expected.keys()].sort(),
        );
        let shown = 0;
        for (const cell of body.cells) {
          const e = expected.get(`${cell.serviceType}|${cell.audience}`);
          assert.ok(e);
          assert.equal(cell.network.organisations, e.organisations);
          assert.equal(cell.network.nps, e.nps);
          assert.equal(cell.network.satisfactionIndex, e.sat);
          assert.equal(cell.network.withheld, e.nps === null);
          assert.equal(cell.own.rank, e.rank);
          if (e.nps !== null) shown++;
        }
        assert.ok(shown >= 3, `${shown} cells with network figures`);
        assert.ok(
          body.cells.some((c: { network: { withheld: boolean } }) => c.network.withheld),
          "a withheld cell",
        );
        // Nothing of the other members: no ids, service or employee names.
        const text = res.body;
        for (const other of members.filter((m) => m.orgId !== f.orgId)) {
          assert.ok(!text.includes(other.orgId));
          for (const s of other.services) assert.ok(!text.includes(s.id));
          for (const e of other.employees) assert.ok(!text.includes(e.id));
        }
        for (const name of ["Mari Tamm", "Pensioni taotlemine", "Pension application", "Org B", "Org C"])
          assert.ok(!text.includes(name), name);
      }
    }
  });

  it("the network figures follow an edited answer (pending, then folded)", async () => {
    const members = orgs.slice(0, 3).map((o) => o.f);
    const { org, f } = orgs[1];
    // Org B's first 40 answers flip their score, as an edit through any write path would.
    const edited = f.responses.slice(0, 40);
    for (const r of edited) r.score = 10 - (r.score as number);
    await ctx.deps.db.execute(
      sql`update response set score = 10 - score where org_id = ${f.orgId} and id in (${sql.join(
        edited.map((r) => sql`${r.id}`),
        sql`, `,
      )})`,
    );
    const range = { from: "2025-10-01", to: "2026-08-01" };
    const check = async () => {
      const res = await get(
        `/benchmark/networks/${networkId}/summary?from=${range.from}&to=${range.to}`,
        asUser(org.owner),
      );
      assert.equal(res.statusCode, 200, res.body);
      const expected = expectedNetwork(members, f.orgId, range);
      for (const cell of res.json().cells) {
        const e = expected.get(`${cell.serviceType}|${cell.audience}`);
        assert.equal(cell.network.nps, e?.nps);
        assert.equal(cell.own.rank, e?.rank);
      }
    };
    await check();
    await foldRollups(ctx.deps.db, f.orgId);
    await check();
  });

  it("a service's new type and audience regroup the network's history, pending answers too (decision 046)", async () => {
    const members = orgs.slice(0, 3).map((o) => o.f);
    const { org, f } = orgs[1];
    const { key } = await createApiKey(ctx.deps.db, {
      orgId: f.orgId,
      name: `catalogue ${unique()}`,
      scopes: ["catalog:write"],
    });
    const svc = f.services.find((s) => f.responses.filter((r) => r.serviceId === s.id).length >= 20);
    assert.ok(svc, "a service with answers");
    const was = { type: svc.type, audience: svc.audience };
    // Some of its answers edited and not folded yet: the pending deltas must follow the new type as well.
    const edited = f.responses.filter((r) => r.serviceId === svc.id).slice(0, 10);
    for (const r of edited) r.score = 10 - (r.score as number);
    await ctx.deps.db.execute(
      sql`update response set score = 10 - score where org_id = ${f.orgId} and id in (${sql.join(
        edited.map((r) => sql`${r.id}`),
        sql`, `,
      )})`,
    );
    const regroup = async (change: { type: string; audience: string }) => {
      const res = await ctx.app.inject({
        method: "PATCH",
        url: `/api/v1/services/${svc.id}`,
        headers: { authorization: `Bearer ${key}` },
        payload: change,
      });
      assert.equal(res.statusCode, 200, res.body);
      Object.assign(svc, change);
    };
    const check = async () => {
      for (const range of [
        { from: "2025-10-01", to: "2026-08-01" },
        { from: "2025-10-17", to: "2026-06-12" },
      ]) {
        const res = await get(
          `/benchmark/networks/${networkId}/summary?from=${range.from}&to=${range.to}`,
          asUser(org.owner),
        );
        assert.equal(res.statusCode, 200, res.body);
        const expected = expectedNetwork(members, f.orgId, range);
        const cells = res.json().cells as {
          serviceType: string;
          audience: string;
          network: { organisations: number; nps: number | null };
          own: { rank: number | null };
        }[];
        assert.deepEqual(
          cells.map((c) => `${c.serviceType}|${c.audience}`).sort(),
          [...expected.keys()].sort(),
        );
        for (const cell of cells) {
          const e = expected.get(`${cell.serviceType}|${cell.audience}`);
          assert.equal(cell.network.organisations, e?.organisations);
          assert.equal(cell.network.nps, e?.nps);
          assert.equal(cell.own.rank, e?.rank);
        }
      }
    };
    const newType = was.type === "training" ? "e_service" : "training";
    await regroup({ type: newType, audience: was.audience === "internal" ? "external" : "internal" });
    await check();
    assert.deepEqual((await verifyRollups(ctx.deps.db, f.orgId)).differences, []);
    await check();
    await regroup(was);
    await check();
    assert.deepEqual((await verifyRollups(ctx.deps.db, f.orgId)).differences, []);
  });

  it("non-members, partial-view roles and bad input are refused", async () => {
    const [{ org: a }, , , { org: d }] = orgs;
    assert.equal((await get(`/benchmark/networks/${networkId}/summary`, asUser(d.owner))).statusCode, 404);
    assert.equal(
      (await get(`/benchmark/networks/${networkId}/summary`, asUser(await a.as("manager")))).statusCode,
      403,
    );
    assert.equal(
      (await get(`/benchmark/networks/${networkId}/summary`, asUser(await a.as("agent")))).statusCode,
      403,
    );
    assert.equal(
      (await get(`/benchmark/networks/${networkId}/summary`, asUser(await a.as("viewer")))).statusCode,
      200,
    );
    assert.equal((await get(`/benchmark/networks/${networkId}/summary`)).statusCode, 401);
    const bad = await get(`/benchmark/networks/${networkId}/summary?from=2026-13-01`, asUser(a.owner));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "querystring.from");
    const left = await post(`/benchmark/networks/${networkId}/leave`, asUser(a.owner));
    assert.equal(left.statusCode, 200);
    assert.equal(left.json().member, false);
    assert.equal((await get(`/benchmark/networks/${networkId}/summary`, asUser(a.owner))).statusCode, 404);
    assert.equal((await post(`/benchmark/networks/${networkId}/leave`, asUser(a.owner))).statusCode, 404);
  });
});
