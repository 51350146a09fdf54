import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq, sql } from "drizzle-orm";
import { organization, response, surveyInvitation } from "../../src/db/schema.ts";
import { ZSummary } from "../../src/modules/insights/report-schemas.ts";
import { verifyRollups } from "../../src/modules/insights/verify-rollups.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { updateSurvey } from "../../src/modules/surveys/surveys.ts";
import {
  civilDate,
  expectedFigures,
  type RawAnswer,
  type RawInvitation,
  round1,
  sumTallies,
  tally,
} from "../fixtures/insights/expected.ts";
import { type InsightsFixture, loadInsightsFixture } from "../fixtures/insights/generate.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

type Row = RawAnswer | RawInvitation;
type KeyOf = (row: Row, at: Date) => (string | null)[] | undefined;

interface ApiGroup {
  keys: { dimension: string; id: string | null; label: string | null }[];
  [figure: string]: unknown;
}

describe("reports summary: every figure against an independent count (acceptance 2)", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fa: InsightsFixture;
  let fb: InsightsFixture;

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Org A");
    b = await createTestOrg(ctx, "Org B");
    fa = await loadInsightsFixture(ctx.deps.db, a.orgId, { seed: 20260101, invitations: 5000 });
    fb = await loadInsightsFixture(ctx.deps.db, b.orgId, {
      seed: 20260202,
      invitations: 2500,
      timeZone: "America/New_York",
    });
  });
  after(() => ctx.close());

  async function summary(org: TestOrg, query: string) {
    const res = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/summary?${query}`,
      headers: asUser(org.owner),
    });
    assert.equal(res.statusCode, 200, res.body);
    // The route writes its result with JSON.stringify (decision 046): the body must be exactly what the schema allows.
    const body = res.json();
    assert.deepEqual(ZSummary.parse(body), body);
    return body;
  }

  /** Current raw rows of an organisation, read back from the database. */
  async function rawRows(orgId: string) {
    const answers = await ctx.deps.db.select().from(response).where(eq(response.orgId, orgId));
    const invitations = await ctx.deps.db
      .select()
      .from(surveyInvitation)
      .where(eq(surveyInvitation.orgId, orgId));
    return { answers: answers as RawAnswer[], invitations: invitations as RawInvitation[] };
  }

  /** Checks every group and the total of a summary against a tally of the raw rows. */
  function assertMatches(
    body: { groups: ApiGroup[]; total: Record<string, unknown>; meta: { minSample: number } },
    rows: { answers: RawAnswer[]; invitations: RawInvitation[] },
    keyOf: KeyOf,
    labelOf?: (dimension: string, id: string) => string,
  ) {
    const expected = tally(rows.answers, rows.invitations, keyOf);
    const nonEmpty = [...expected.values()].filter(
      (g) => g.tally.invitationsSent > 0 || g.tally.r.some((n) => n > 0),
    );
    const got = new Map(body.groups.map((g) => [JSON.stringify(g.keys.map((k) => k.id)), g]));
    assert.deepEqual(
      [...got.keys()].sort(),
      nonEmpty.map((g) => JSON.stringify(g.keys)).sort(),
      "the same groups",
    );
    for (const g of nonEmpty) {
      const { keys, ...figures } = got.get(JSON.stringify(g.keys)) as ApiGroup;
      assert.deepEqual(
        figures,
        expectedFigures(g.tally, body.meta.minSample),
        `figures of ${JSON.stringify(g.keys)}`,
      );
      if (labelOf) for (const k of keys) if (k.id !== null) assert.equal(k.label, labelOf(k.dimension, k.id));
    }
    assert.deepEqual(
      body.total,
      expectedFigures(sumTallies(nonEmpty.map((g) => g.tally)), body.meta.minSample),
      "total",
    );
    return nonEmpty.length;
  }

  const month = (at: Date, tz: string) => `${civilDate(at, tz).slice(0, 7)}-01`;
  const labels = (f: InsightsFixture) => (dimension: string, id: string) => {
    if (dimension === "month") return id.slice(0, 7);
    if (dimension === "service") return f.services.find((s) => s.id === id)?.names.et ?? "?";
    if (dimension === "employee") return f.employees.find((e) => e.id === id)?.name ?? "?";
    return id;
  };

  it("month × service matches the raw answers of both organisations, each in its own time zone", async () => {
    for (const [org, f] of [
      [a, fa],
      [b, fb],
    ] as const) {
      const body = await summary(org, "groupBy=month,service");
      assert.equal(body.meta.source, "rollup_month_service");
      assert.equal(body.meta.timeZone, f.timeZone);
      assert.equal(body.meta.minSample, 5);
      const groups = assertMatches(
        body,
        { answers: f.responses as RawAnswer[], invitations: f.invitations as RawInvitation[] },
        (row, at) => [month(at, f.timeZone), row.serviceId ?? null],
        labels(f),
      );
      assert.ok(groups > 50, `${groups} groups`);
      assert.equal(body.total.answers, f.responses.length);
      assert.equal(body.total.invitationsSent, f.invitations.filter((i) => i.sentAt).length);
      // The rare service gives withheld months: null figures, never zeros.
      const withheld = body.groups.filter((g: { withheld: boolean }) => g.withheld);
      assert.ok(withheld.length > 0);
      for (const g of withheld) {
        assert.ok(g.answers < 5);
        assert.equal(g.nps, null);
        assert.equal(g.promoters, null);
        assert.equal(g.npsInterval, null);
        assert.equal(g.scores, null);
      }
      assert.ok(body.groups.some((g: { lowReliability: boolean }) => g.lowReliability));
      assert.ok(
        body.groups.some((g: { keys: { id: string | null }[] }) => g.keys[1].id === null),
        "no-service group",
      );
    }
  });

  it("instants near the end of a UTC month land in the month of the organisation's time zone", async () => {
    const late = fa.responses.filter((r) => {
      const at = r.receivedAt as Date;
      return civilDate(at, "UTC").slice(0, 7) !== civilDate(at, fa.timeZone).slice(0, 7);
    });
    assert.ok(late.length > 20, "the fixture has answers whose month differs between UTC and Tallinn");
  });

  it("answers filters and date ranges from each source exactly", async () => {
    const rows = { answers: fa.responses as RawAnswer[], invitations: fa.invitations as RawInvitation[] };
    const tz = fa.timeZone;
    const inRange = (at: Date, from: string, to: string) => {
      const d = civilDate(at, tz);
      return d >= from && d < to;
    };
    const customer = new Set(fa.services.filter((s) => s.type === "customer_service").map((s) => s.id));
    const tallinn = fa.departments.find((d) => d.key === "tallinn")?.id as string;
    const week = (at: Date) => {
      const d = new Date(`${civilDate(at, tz)}T00:00:00Z`);
      return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    };
    const cases: [string, string, KeyOf][] = [
      [
        "groupBy=month,employee&from=2025-11-10&to=2026-03-20",
        "rollup_month_employee+rollup_day_employee",
        (r, at) =>
          inRange(at, "2025-11-10", "2026-03-20") ? [month(at, tz), r.employeeId ?? null] : undefined,
      ],
      [
        "groupBy=month,employee&language=ru&from=2025-11-10&to=2026-03-20",
        "rollup_month+answers",
        (r, at) =>
          inRange(at, "2025-11-10", "2026-03-20") && r.locale === "ru"
            ? [month(at, tz), r.employeeId ?? null]
            : undefined,
      ],
      [
        `groupBy=month,department&from=2025-12-01&to=2026-03-01`,
        "rollup_month_employee",
        (r, at) =>
          inRange(at, "2025-12-01", "2026-03-01") ? [month(at, tz), r.departmentId ?? null] : undefined,
      ],
      [
        `groupBy=week,employee&departmentId=${tallinn}&from=2026-01-05&to=2026-03-02`,
        "rollup_day_employee",
        (r, at) =>
          inRange(at, "2026-01-05", "2026-03-02") && r.departmentId === tallinn
            ? [week(at), r.employeeId ?? null]
            : undefined,
      ],
      [
        "groupBy=month,serviceType&audience=external&from=2025-11-10&to=2026-03-20",
        "rollup_month_service+rollup_day",
        (r, at) =>
          inRange(at, "2025-11-10", "2026-03-20") && r.audience === "external"
            ? [month(at, tz), fa.services.find((s) => s.id === r.serviceId)?.type ?? null]
            : undefined,
      ],
      [
        "groupBy=week&serviceType=customer_service&from=2026-01-05&to=2026-03-02",
        "rollup_day",
        (r, at) =>
          inRange(at, "2026-01-05", "2026-03-02") && customer.has(r.serviceId ?? "") ? [week(at)] : undefined,
      ],
      [
        `groupBy=day,department&language=ru&from=2026-02-01&to=2026-02-15`,
        "answers",
        (r, at) =>
          inRange(at, "2026-02-01", "2026-02-15") && r.locale === "ru"
            ? [civilDate(at, tz), r.departmentId ?? null]
            : undefined,
      ],
      [
        `groupBy=serviceType,audience&channelId=${fa.channelIds[1]}`,
        "rollup_month_coarse",
        (r) => {
          if (r.channelId !== fa.channelIds[1]) return undefined;
          return [fa.services.find((s) => s.id === r.serviceId)?.type ?? null, r.audience ?? null];
        },
      ],
      [
        "groupBy=channel&from=2025-12-01&to=2026-02-01",
        "rollup_month_coarse",
        (r, at) => (inRange(at, "2025-12-01", "2026-02-01") ? [r.channelId ?? null] : undefined),
      ],
      [
        `groupBy=service&departmentId=${tallinn}&from=2026-04-10&to=2026-04-20`,
        "answers",
        (r, at) =>
          inRange(at, "2026-04-10", "2026-04-20") && r.departmentId === tallinn
            ? [r.serviceId ?? null]
            : undefined,
      ],
      [
        "groupBy=month,channel&from=2025-11-10&to=2026-03-20",
        "rollup_month_coarse+rollup_day",
        (r, at) =>
          inRange(at, "2025-11-10", "2026-03-20") ? [month(at, tz), r.channelId ?? null] : undefined,
      ],
      [
        `groupBy=month&language=en&from=2025-12-01&to=2026-03-01`,
        "rollup_month",
        (r, at) =>
          inRange(at, "2025-12-01", "2026-03-01") && r.locale === "en" ? [month(at, tz)] : undefined,
      ],
      [
        "from=2026-01-01&to=2026-07-01",
        "rollup_month_service",
        (_r, at) => (inRange(at, "2026-01-01", "2026-07-01") ? [] : undefined),
      ],
    ];
    for (const [query, source, keyOf] of cases) {
      const body = await summary(a, query);
      assert.equal(body.meta.source, source, query);
      if (body.meta.groupBy.length === 0) {
        assert.deepEqual(body.groups, []);
        const t = tally(rows.answers, rows.invitations, keyOf);
        assert.deepEqual(body.total, expectedFigures(sumTallies([...t.values()].map((g) => g.tally)), 5));
      } else assertMatches(body, rows, keyOf);
    }
  });

  it("month × employee with dates that cut months counts the edge days in the organisation's time zone", async () => {
    const tz = fb.timeZone;
    const rows = { answers: fb.responses as RawAnswer[], invitations: fb.invitations as RawInvitation[] };
    // Answers late on the last evening of a month in New York fall on the next UTC day (and month).
    const edge = fb.responses.filter((r) => {
      const at = r.receivedAt as Date;
      return civilDate(at, "UTC").slice(0, 7) !== civilDate(at, tz).slice(0, 7);
    });
    assert.ok(edge.length > 0, "the fixture has answers whose month differs between UTC and New York");
    for (const [from, to] of [
      ["2025-11-30", "2026-03-01"],
      ["2025-12-15", "2026-02-01"],
      ["2026-01-03", "2026-01-29"],
    ]) {
      const body = await summary(b, `groupBy=month,employee&from=${from}&to=${to}`);
      assert.match(body.meta.source, /^rollup_(month|day)_employee/);
      assert.ok(
        assertMatches(body, rows, (r, at) => {
          const d = civilDate(at, tz);
          return d >= from && d < to ? [month(at, tz), r.employeeId ?? null] : undefined;
        }) > 0,
      );
    }
  });

  it("compares the total with the equally long period before, with the significance of the change", async () => {
    const rows = { answers: fa.responses as RawAnswer[], invitations: fa.invitations as RawInvitation[] };
    const within = (from: string, to: string) => (_r: Row, at: Date) => {
      const d = civilDate(at, fa.timeZone);
      return d >= from && d < to ? [] : undefined;
    };
    const totalIn = (from: string, to: string) =>
      sumTallies([...tally(rows.answers, rows.invitations, within(from, to)).values()].map((g) => g.tally));
    /** Plain-Wald z-test of the NPS change, written out here. */
    const zTest = (a: number[], b: number[]) => {
      const stats = (c: number[]) => {
        const n = c.reduce((x, y) => x + y, 0);
        const p = (c[9] + c[10]) / n;
        const d = c.slice(0, 7).reduce((x, y) => x + y, 0) / n;
        return { n, nps: (p - d) * 100, v: p + d - (p - d) ** 2 };
      };
      const [x, y] = [stats(a), stats(b)];
      const diff = y.nps - x.nps;
      return {
        diff: round1(diff),
        significant: Math.abs(diff / (Math.sqrt(x.v / x.n + y.v / y.n) * 100)) > 1.96,
      };
    };
    for (const [from, to, prevFrom] of [
      ["2026-03-01", "2026-06-01", "2025-12-01"],
      ["2026-03-10", "2026-03-24", "2026-02-24"],
    ]) {
      const body = await summary(a, `from=${from}&to=${to}&compare=previous`);
      const [now, before] = [totalIn(from, to), totalIn(prevFrom, from)];
      assert.deepEqual(body.total, expectedFigures(now, 5));
      assert.equal(body.comparison.from, prevFrom);
      assert.equal(body.comparison.to, from);
      assert.deepEqual(body.comparison.total, expectedFigures(before, 5));
      const nps = zTest(before.r, now.r);
      assert.equal(body.comparison.npsChange, nps.diff);
      assert.equal(body.comparison.npsChangeSignificant, nps.significant);
      const sat = zTest(before.s, now.s);
      assert.equal(body.comparison.satisfactionChange, sat.diff);
      assert.equal(body.comparison.satisfactionChangeSignificant, sat.significant);
    }
    assert.equal((await summary(a, "groupBy=month")).comparison, null);
  });

  it("labels come in the requested language and the organisation's group names are in the meta", async () => {
    await ctx.deps.db
      .update(organization)
      .set({
        groupLabels: {
          promoter: { en: "Positive" },
          passive: { en: "Neutral" },
          detractor: { en: "Developing" },
        },
      })
      .where(eq(organization.id, a.orgId));
    const body = await summary(a, "groupBy=service,serviceType&locale=en");
    assert.deepEqual(body.meta.groupLabels, {
      promoter: "Positive",
      passive: "Neutral",
      detractor: "Developing",
    });
    const pension = fa.services.find((s) => s.key === "pension");
    const g = body.groups.find((x: ApiGroup) => x.keys[0].id === pension?.id);
    assert.equal(g.keys[0].label, "Pension application");
    assert.equal(g.keys[1].label, "Customer service");
    const et = await summary(a, "groupBy=service");
    assert.equal(et.meta.groupLabels.promoter, "Soovitajad");
  });

  it("verify-rollups finds no difference after inserts, and finds a tampered cell", async () => {
    const clean = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(clean.differences, []);
    assert.ok(clean.cells.rollup_month > 100 && clean.cells.rollup_day > 100, JSON.stringify(clean.cells));
    await ctx.deps.db.execute(
      sql`update rollup_month set r7 = r7 + 1 where ctid = (select ctid from rollup_month where org_id = ${a.orgId} limit 1)`,
    );
    const tampered = await verifyRollups(ctx.deps.db, a.orgId);
    assert.equal(tampered.differences.length, 1);
    assert.equal(tampered.differences[0].table, "rollup_month");
    assert.equal(tampered.differences[0].actual.r7, tampered.differences[0].expected.r7 + 1);
    await ctx.deps.db.execute(
      sql`update rollup_month set r7 = r7 - 1 where org_id = ${a.orgId} and month = ${tampered.differences[0].key.month}::date
        and survey_id = ${tampered.differences[0].key.survey_id} and service_id is not distinct from ${tampered.differences[0].key.service_id}
        and department_id is not distinct from ${tampered.differences[0].key.department_id}
        and employee_id is not distinct from ${tampered.differences[0].key.employee_id}
        and channel_id is not distinct from ${tampered.differences[0].key.channel_id}
        and audience is not distinct from ${tampered.differences[0].key.audience} and locale = ${tampered.differences[0].key.locale}`,
    );
    assert.deepEqual((await verifyRollups(ctx.deps.db, a.orgId)).differences, []);
    // The narrow rollups of decisions 032 and 046 are checked the same way: one tampered cell in each is found.
    const narrow = [
      "rollup_month_service",
      "rollup_month_employee",
      "rollup_day_employee",
      "rollup_month_service_type",
    ];
    const first = (table: string) =>
      sql`ctid = (select ctid from ${sql.raw(table)} where org_id = ${a.orgId} order by ctid limit 1)`;
    for (const table of narrow) {
      assert.ok(
        clean.cells[table as keyof typeof clean.cells] > 10,
        `${table}: ${JSON.stringify(clean.cells)}`,
      );
      await ctx.deps.db.execute(sql`update ${sql.raw(table)} set s3 = s3 + 2 where ${first(table)}`);
    }
    const found = await verifyRollups(ctx.deps.db, a.orgId);
    assert.deepEqual(found.differences.map((d) => d.table).sort(), [...narrow].sort());
    for (const d of found.differences) assert.equal(d.actual.s3, d.expected.s3 + 2);
    for (const d of found.differences) {
      const key = Object.entries(d.key).map(([k, v]) => sql`${sql.raw(k)}::text is not distinct from ${v}`);
      await ctx.deps.db.execute(
        sql`update ${sql.raw(d.table)} set s3 = s3 - 2 where ${sql.join(key, sql` and `)}`,
      );
    }
    assert.deepEqual((await verifyRollups(ctx.deps.db, a.orgId)).differences, []);
  });

  it("stays exact after edits, deletes, sends, a survey version change and a time-zone change", async () => {
    const db = ctx.deps.db;
    const other = fa.services.find((s) => s.key === "family")?.id as string;
    const emp = fa.employees[3];
    const check = async (step: string) => {
      const v = await verifyRollups(db, a.orgId);
      assert.deepEqual(v.differences, [], `no difference after ${step}`);
      const tz = (
        await db.select({ tz: organization.timeZone }).from(organization).where(eq(organization.id, a.orgId))
      )[0].tz;
      const rows = await rawRows(a.orgId);
      assertMatches(
        await summary(a, "groupBy=month,service"),
        rows,
        (r, at) => [month(at, tz), r.serviceId ?? null],
        labels(fa),
      );
      // Dates that cut months, in the organisation's time zone of the moment.
      const cut = await summary(a, "groupBy=month,employee&from=2025-11-10&to=2026-03-20");
      assert.equal(cut.meta.source, "rollup_month_employee+rollup_day_employee");
      assertMatches(cut, rows, (r, at) => {
        const d = civilDate(at, tz);
        return d >= "2025-11-10" && d < "2026-03-20" ? [month(at, tz), r.employeeId ?? null] : undefined;
      });
    };
    // Score and tag changes by plain SQL, as any write path would make them.
    await db.execute(
      sql`update response set score = 10 - score where org_id = ${a.orgId} and score between 0 and 3`,
    );
    await db.execute(
      sql`update response set service_id = ${other}, employee_id = ${emp.id}, department_id = ${emp.departmentId}, audience = 'internal'
        where org_id = ${a.orgId} and id in (select id from response where org_id = ${a.orgId} order by id limit 40)`,
    );
    await db.execute(
      sql`update response set received_at = received_at + interval '20 days', locale = 'en', satisfaction = null
        where org_id = ${a.orgId} and id in (select id from response where org_id = ${a.orgId} order by id desc limit 60)`,
    );
    await db.execute(sql`update response set comment = 'Muudetud' where org_id = ${a.orgId}`);
    await check("answer edits");
    await db.execute(
      sql`delete from response where org_id = ${a.orgId} and id in (select id from response where org_id = ${a.orgId} and score = 8 order by id limit 50)`,
    );
    await db.execute(
      sql`update survey_invitation set sent_at = now() - interval '3 days', state = 'sent' where org_id = ${a.orgId} and sent_at is null`,
    );
    await db.execute(
      sql`delete from survey_invitation i where i.org_id = ${a.orgId} and i.state = 'sent'
        and not exists (select 1 from response r where r.org_id = i.org_id and r.invitation_id = i.id)
        and i.id in (select id from survey_invitation where org_id = ${a.orgId} order by id limit 100)`,
    );
    await check("deletes and sends");
    const changed = standardDefinition({ object: "service", locales: ["et", "en"] });
    const updated = await updateSurvey(db, a.orgId, fa.surveyId, { definition: changed });
    assert.equal(updated.currentVersion, 2);
    await db.insert(response).values(
      Array.from({ length: 25 }, (_, i) => ({
        orgId: a.orgId,
        id: randomUUID(),
        surveyId: fa.surveyId,
        surveyVersion: 2,
        score: i % 11,
        satisfaction: (i * 3) % 11,
        locale: "et",
        serviceId: other,
        source: "api",
        receivedAt: new Date("2026-05-15T10:00:00Z"),
      })),
    );
    await check("a survey version change");
    await db.update(organization).set({ timeZone: "Asia/Tokyo" }).where(eq(organization.id, a.orgId));
    await check("a time-zone change");
  });

  it("org B's figures are its own", async () => {
    const body = await summary(b, "groupBy=month");
    assert.equal(body.total.answers, fb.responses.length);
    const res = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/reports/summary?serviceId=${fa.services[0].id}`,
      headers: asUser(b.owner),
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().errors[0].path, "querystring.serviceId");
  });
});
