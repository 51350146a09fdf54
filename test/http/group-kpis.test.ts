import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { organization } from "../../src/db/schema.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { civilDate } from "../fixtures/insights/expected.ts";
import { loadInsightsFixture } from "../fixtures/insights/generate.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";

// The ministry view's KPI and case figures: each agency's and the pooled figures equal plain counting over the
// contact records and written requests this test sends, in each agency's time zone and with its own settings.

type Json = Record<string, unknown>;
type Rec = {
  sourceId: string;
  kind: "call";
  queueId: string;
  arrivedAt: string;
  answeredAt?: string;
  abandonedAt?: string;
  endedAt?: string;
  resolvedAtFirstContact?: boolean;
  callerReference?: string;
};
type Letter = { reference: string; kind: "letter"; receivedAt: string; repliedAt?: string };

const CALLER = "+372 5551 2345";

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls from February to April 2026: answered or abandoned after 1–60 s, some with a resolution flag. */
function calls(seed: number, prefix: string, n: number): Rec[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const month = 2 + (i % 3);
    const day = 1 + Math.floor(rand() * 27);
    const arrived = new Date(
      Date.UTC(2026, month - 1, day, 8 + Math.floor(rand() * 8), Math.floor(rand() * 60)),
    );
    const wait = 1000 + Math.floor(rand() * 59_000);
    const at = new Date(arrived.getTime() + wait).toISOString();
    const answered = rand() < 0.8;
    const flag = rand();
    return {
      sourceId: `${prefix}-${i}`,
      kind: "call" as const,
      queueId: "q1",
      arrivedAt: arrived.toISOString(),
      ...(answered
        ? { answeredAt: at, endedAt: new Date(arrived.getTime() + wait + 120_000).toISOString() }
        : { abandonedAt: at }),
      ...(answered && flag < 0.7 ? { resolvedAtFirstContact: flag < 0.5 } : {}),
      ...(i === 0 ? { callerReference: CALLER } : {}),
    };
  });
}

const round1 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 10)) / 10;

/** Adjusted Wald (Agresti–Coull) 95 % interval of a share in %, written out here apart from the product's. */
function agrestiCoull(part: number, whole: number) {
  const z = 1.96;
  const n = whole + z * z;
  const p = (part + (z * z) / 2) / n;
  const m = z * Math.sqrt((p * (1 - p)) / n);
  return { low: round1(Math.max(0, p - m) * 100), high: round1(Math.min(1, p + m) * 100) };
}

/** Plain counting over the records: short abandons (< 5 s) out, threshold inclusive. */
function count(records: Rec[], thresholdSeconds: number) {
  let offered = 0;
  let answered = 0;
  let within = 0;
  let waitAnswered = 0;
  let measured = 0;
  let resolved = 0;
  for (const r of records) {
    const end = new Date((r.answeredAt ?? r.abandonedAt) as string).getTime();
    const wait = end - new Date(r.arrivedAt).getTime();
    if (!r.answeredAt && wait < 5000) continue;
    offered += 1;
    if (!r.answeredAt) continue;
    answered += 1;
    waitAnswered += wait;
    if (wait <= thresholdSeconds * 1000) within += 1;
    if (r.resolvedAtFirstContact !== undefined) {
      measured += 1;
      if (r.resolvedAtFirstContact) resolved += 1;
    }
  }
  return { offered, answered, within, waitAnswered, measured, resolved };
}

type Counts = ReturnType<typeof count>;
const addUp = (a: Counts, b: Counts): Counts =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Counts] + b[k as keyof Counts]])) as Counts;

/** What the ministry view must show for these counts against these targets. */
function expectContacts(c: Counts, targets: { serviceLevel: number; answerRate: number; fcr: number }) {
  const share = (part: number, whole: number, target: number) => ({
    value: round1((part * 100) / whole),
    target,
    meetsTarget: (part * 100) / whole >= target,
    interval: agrestiCoull(part, whole),
  });
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithinThreshold: c.within,
    fcrMeasured: c.measured,
    fcrResolved: c.resolved,
    serviceLevel: share(c.within, c.offered, targets.serviceLevel),
    answerRate: share(c.answered, c.offered, targets.answerRate),
    firstContactResolution: share(c.resolved, c.measured, targets.fcr),
    averageSpeedOfAnswerSeconds: round1(c.waitAnswered / c.answered / 1000),
  };
}

const SKA = { serviceLevel: 80, answerRate: 90, fcr: 70 };

describe("ministry view: KPI and case figures (/api/v1/group/figures)", () => {
  let ctx: TestContext;
  let ministry: TestOrg;
  const orgs = {} as Record<"k1" | "k2" | "quiet" | "pending" | "ended", TestOrg>;
  const sent = {} as Record<"k1" | "k2" | "pending" | "ended", Rec[]>;
  const zones = { k1: "Europe/Tallinn", k2: "America/New_York" };
  const range = { from: "2026-02-01", to: "2026-04-01" };

  const call = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    ctx.app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async (method: string, url: string, org: TestOrg, payload?: unknown) => {
    const res = await call(method, url, asUser(org.owner), payload);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const inRange = (r: Rec, tz: string, from = range.from, to = range.to) => {
    const d = civilDate(new Date(r.arrivedAt), tz);
    return d >= from && d < to;
  };

  before(async () => {
    ctx = await startTestApp();
    ministry = await createTestOrg(ctx, "Rahandusministeerium");
    for (const key of ["k1", "k2", "quiet", "pending", "ended"] as const)
      orgs[key] = await createTestOrg(ctx, `KPI ${key}`);
    await ctx.deps.db
      .update(organization)
      .set({ timeZone: zones.k2 })
      .where(eq(organization.id, orgs.k2.orgId));
    // The second agency answers within 30 s and aims at 85 % answered.
    const s = await ok("GET", "/kpi/settings", orgs.k2);
    await ok("PUT", "/kpi/settings", orgs.k2, {
      ...(s.json() as object),
      serviceLevelSeconds: 30,
      targets: { ...(s.json().targets as object), answerRate: 85 },
    });
    const seeds = { k1: 11, k2: 12, pending: 13, ended: 14 };
    for (const key of ["k1", "k2", "pending", "ended"] as const) {
      await ok("PUT", "/kpi/queues/q1", orgs[key], { name: "Infoliin", kind: "call" });
      sent[key] = calls(seeds[key], key, 90);
      await ok("POST", "/contact-records", orgs[key], { records: sent[key] });
    }
    // A call at 03:00 UTC on 1 March is still February in New York.
    const boundary: Rec = {
      sourceId: "k2-boundary",
      kind: "call",
      queueId: "q1",
      arrivedAt: "2026-03-01T03:00:00Z",
      answeredAt: "2026-03-01T03:00:10Z",
      endedAt: "2026-03-01T03:05:00Z",
      resolvedAtFirstContact: true,
    };
    await ok("POST", "/contact-records", orgs.k2, { records: [boundary] });
    sent.k2.push(boundary);
    for (const key of ["k1", "k2", "quiet", "pending", "ended"] as const) {
      const req = await ok("POST", "/group/links", ministry, { agency: orgs[key].slug });
      if (key === "pending") continue;
      await ok("POST", `/group/links/${req.json().id}/accept`, orgs[key]);
      if (key === "ended") await ok("POST", `/group/links/${req.json().id}/end`, orgs[key]);
    }
  });

  const figures = async (query: string) => {
    const res = await call("GET", `/group/figures?${query}`, asUser(await ministry.as("analyst")));
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as {
      meta: Json;
      agencies: ({ agency: { slug: string }; kpi: Json | null; cases: Json } & Json)[];
      pooled: { kpi: Json | null; cases: Json } & Json;
    };
  };
  const agencyOf = (body: Awaited<ReturnType<typeof figures>>, key: keyof typeof orgs) =>
    body.agencies.find((a) => a.agency.slug === orgs[key].slug);
  /** The KPI block of an agency (or the pool), which must be there. */
  const kpiOf = (block: Json | null | undefined) => {
    assert.ok(block, "a KPI block");
    return block as { total: Json; groups: (Json & { key: string })[] };
  };

  it("each agency's KPIs and the pooled KPIs equal counting the records sent; nothing of pending or ended links", async () => {
    const body = await figures(`from=${range.from}&to=${range.to}`);
    assert.deepEqual(
      body.agencies.map((a) => a.agency.slug).sort(),
      [orgs.k1.slug, orgs.k2.slug, orgs.quiet.slug].sort(),
    );
    const k1 = count(
      sent.k1.filter((r) => inRange(r, zones.k1)),
      20,
    );
    const k2 = count(
      sent.k2.filter((r) => inRange(r, zones.k2)),
      30,
    );
    assert.ok(k1.offered > 40 && k2.offered > 40 && k1.measured > 10);
    const one = agencyOf(body, "k1")?.kpi as { total: Json; targets: Json; serviceLevelSeconds: number };
    assert.deepEqual(one.total.contacts, expectContacts(k1, SKA));
    assert.equal(one.serviceLevelSeconds, 20);
    const two = agencyOf(body, "k2")?.kpi as { total: Json; targets: Json; serviceLevelSeconds: number };
    assert.deepEqual(two.total.contacts, expectContacts(k2, { ...SKA, answerRate: 85 }));
    assert.equal(two.serviceLevelSeconds, 30);
    assert.equal((two.targets as Json).answerRate, 85);
    // Pooled from the summed counts (not a mean of the two percentages), against the ministry's own targets.
    const pooled = body.pooled.kpi as { total: Json; serviceLevelSeconds: number | null };
    assert.deepEqual(pooled.total.contacts, expectContacts(addUp(k1, k2), SKA));
    assert.equal(pooled.serviceLevelSeconds, null, "the agencies' thresholds differ");
    // No contact records: no data, not zeros.
    const quiet = agencyOf(body, "quiet")?.kpi as { total: Json };
    assert.deepEqual(quiet.total, { contacts: null, repliesOnTime: null });
    assert.equal(body.meta.contactKind, "call");
  });

  it("by month, each agency in its own time zone, and the pooled months from summed counts", async () => {
    const body = await figures(`from=${range.from}&to=${range.to}&groupBy=month`);
    const month = (key: "k1" | "k2", m: string) =>
      count(
        sent[key].filter((r) => civilDate(new Date(r.arrivedAt), zones[key]).slice(0, 7) === m),
        key === "k1" ? 20 : 30,
      );
    for (const m of ["2026-02", "2026-03"]) {
      const k1 = month("k1", m);
      const k2 = month("k2", m);
      const groupOf = (kpi: Json | null | undefined) => kpiOf(kpi).groups.find((g) => g.key === `${m}-01`);
      assert.deepEqual(groupOf(agencyOf(body, "k1")?.kpi)?.contacts, expectContacts(k1, SKA));
      assert.deepEqual(
        groupOf(agencyOf(body, "k2")?.kpi)?.contacts,
        expectContacts(k2, { ...SKA, answerRate: 85 }),
      );
      assert.deepEqual(groupOf(body.pooled.kpi)?.contacts, expectContacts(addUp(k1, k2), SKA), m);
    }
    const keys = kpiOf(agencyOf(body, "k2")?.kpi).groups.map((g) => g.key);
    assert.deepEqual(keys, ["2026-02-01", "2026-03-01"], "April is outside the period");
  });

  it("written replies on time per agency and pooled", async () => {
    const letters: Letter[] = [
      {
        reference: "L-1",
        kind: "letter",
        receivedAt: "2026-02-02T10:00:00Z",
        repliedAt: "2026-02-20T10:00:00Z",
      },
      {
        reference: "L-2",
        kind: "letter",
        receivedAt: "2026-02-03T10:00:00Z",
        repliedAt: "2026-03-20T10:00:00Z",
      },
      { reference: "L-3", kind: "letter", receivedAt: "2026-03-02T10:00:00Z" },
      {
        reference: "L-4",
        kind: "letter",
        receivedAt: "2026-03-03T10:00:00Z",
        repliedAt: "2026-03-04T10:00:00Z",
      },
      {
        reference: "L-5",
        kind: "letter",
        receivedAt: "2026-05-03T10:00:00Z",
        repliedAt: "2026-05-04T10:00:00Z",
      },
    ];
    for (const l of letters) await ok("POST", "/written-requests", orgs.k1, l);
    await ok("POST", "/written-requests", orgs.quiet, letters[0]);
    const body = await figures(`from=${range.from}&to=${range.to}`);
    // Received in the period: L-1 on time, L-2 late (45 days), L-3 open long past its deadline, L-4 on time.
    const k1 = kpiOf(agencyOf(body, "k1")?.kpi).total.repliesOnTime;
    assert.deepEqual(k1, {
      due: 4,
      onTime: 2,
      pending: 0,
      rate: { value: 50, target: 100, meetsTarget: false, interval: agrestiCoull(2, 4) },
    });
    const quiet = kpiOf(agencyOf(body, "quiet")?.kpi).total;
    assert.equal(quiet.contacts, null, "replies without contact records");
    assert.deepEqual((quiet.repliesOnTime as Json).rate, {
      value: 100,
      target: 100,
      meetsTarget: true,
      interval: agrestiCoull(1, 1),
    });
    const pooled = kpiOf(body.pooled.kpi).total.repliesOnTime as Json;
    assert.equal(pooled.due, 5);
    assert.equal(pooled.onTime, 3);
    assert.equal((pooled.rate as Json).value, 60);
  });

  it("carries no callers, queues, employees or records", async () => {
    const res = await call("GET", "/group/figures?groupBy=month", asUser(ministry.owner));
    assert.equal(res.statusCode, 200);
    for (const text of [CALLER, "Infoliin", "q1", "k1-0", "L-1"]) assert.ok(!res.body.includes(text), text);
    assert.ok(!/"(employee\w*|queue\w*|caller\w*|sourceId|reference)"\s*:/i.test(res.body));
  });

  it("under a service-type filter, only contacts and written requests about services of that type", async () => {
    // k1 gets an e-service and a customer service; k2 only a customer service, so it has no e-service data.
    const made = {} as Record<string, string>;
    for (const [key, org, type] of [
      ["k1e", orgs.k1, "e_service"],
      ["k1c", orgs.k1, "customer_service"],
      ["k2c", orgs.k2, "customer_service"],
    ] as const) {
      const res = await ok("POST", "/services", org, { names: { et: `Teenus ${key}` }, type });
      made[key] = res.json().id;
    }
    // Without a caller reference, so first-contact resolution is the flags alone, as `count` reads it.
    const tagged = (recs: Rec[], prefix: string, serviceId: string) =>
      recs.map(({ callerReference: _, ...r }) => ({ ...r, sourceId: `${prefix}-${r.sourceId}`, serviceId }));
    const k1e = tagged(calls(21, "k1e", 40), "s", made.k1e);
    const k1c = tagged(calls(22, "k1c", 30), "s", made.k1c);
    const k2c = tagged(calls(23, "k2c", 30), "s", made.k2c);
    await ok("POST", "/contact-records", orgs.k1, { records: [...k1e, ...k1c] });
    await ok("POST", "/contact-records", orgs.k2, { records: k2c });
    const letters = [
      {
        reference: "E-1",
        kind: "letter",
        receivedAt: "2026-03-02T09:00:00Z",
        repliedAt: "2026-03-05T09:00:00Z",
      },
      {
        reference: "C-1",
        kind: "letter",
        receivedAt: "2026-03-03T09:00:00Z",
        repliedAt: "2026-03-04T09:00:00Z",
      },
    ];
    await ok("POST", "/written-requests", orgs.k1, { ...letters[0], serviceId: made.k1e });
    await ok("POST", "/written-requests", orgs.k1, { ...letters[1], serviceId: made.k1c });

    const body = await figures(`from=${range.from}&to=${range.to}&serviceType=e_service`);
    const expected = count(
      k1e.filter((r) => inRange(r, zones.k1)),
      20,
    );
    assert.ok(expected.offered > 20);
    const one = kpiOf(agencyOf(body, "k1")?.kpi);
    assert.deepEqual(one.total.contacts, expectContacts(expected, SKA));
    const replies = one.total.repliesOnTime as Json;
    assert.equal(replies.due, 1, "only the letter about the e-service");
    assert.equal(replies.onTime, 1);
    const two = kpiOf(agencyOf(body, "k2")?.kpi);
    assert.equal(two.total.contacts, null, "no contacts about an e-service: no data, not zeros");
    assert.deepEqual(kpiOf(body.pooled.kpi).total.contacts, expectContacts(expected, SKA));

    const customer = await figures(`from=${range.from}&to=${range.to}&serviceType=customer_service`);
    const k1Customer = count(
      k1c.filter((r) => inRange(r, zones.k1)),
      20,
    );
    const k2Customer = count(
      k2c.filter((r) => inRange(r, zones.k2)),
      30,
    );
    assert.deepEqual(kpiOf(agencyOf(customer, "k1")?.kpi).total.contacts, expectContacts(k1Customer, SKA));
    assert.deepEqual(
      kpiOf(customer.pooled.kpi).total.contacts,
      expectContacts(addUp(k1Customer, k2Customer), SKA),
    );
  });

  it("no KPI figures under a channel filter (contact records carry the contact kind, not a channel)", async () => {
    const body = await figures("channel=phone");
    assert.ok(body.agencies.length > 0);
    for (const a of body.agencies) assert.equal(a.kpi, null);
    assert.equal(body.pooled.kpi, null);
  });

  it("400 naming the field for a bad contact kind, month split or period", async () => {
    for (const [q, field] of [
      ["contactKind=fax", "contactKind"],
      ["groupBy=queue", "groupBy"],
      ["from=2026-02-30", "from"],
      ["from=2026-04-01&to=2026-02-01", "from"],
    ]) {
      const res = await call("GET", `/group/figures?${q}`, asUser(ministry.owner));
      assert.equal(res.statusCode, 400, q);
      assert.match(JSON.stringify(res.json().errors), new RegExp(field), q);
    }
    assert.equal((await call("GET", "/group/figures?contactKind=chat")).statusCode, 401);
    assert.equal(
      (await call("GET", "/group/figures?contactKind=chat", asUser(await ministry.as("manager")))).statusCode,
      403,
    );
    // An agency does not see its ministry's or its own linked figures through the group view.
    const agencyView = await call("GET", "/group/figures", asUser(orgs.k1.owner));
    assert.deepEqual(agencyView.json().agencies, []);
  });

  it("cases opened in the period, their state now, and the share contacted in time with its interval", async () => {
    const org = orgs.k1;
    const f = await loadInsightsFixture(ctx.deps.db, org.orgId, { seed: 91, invitations: 40 });
    await ctx.deps.db.update(organization).set({ minSample: 2 }).where(eq(organization.id, org.orgId));
    const at = (s: string) => new Date(s);
    const cases = [
      // In the period: contacted in time; overdue without contact; contacted late and resolved.
      {
        opened: "2026-02-10T09:00:00Z",
        due: "2026-02-12T22:00:00Z",
        contact: "2026-02-11T09:00:00Z",
        state: "contacted",
      },
      { opened: "2026-02-11T09:00:00Z", due: "2026-02-13T22:00:00Z", contact: null, state: "open" },
      {
        opened: "2026-03-05T09:00:00Z",
        due: "2026-03-07T22:00:00Z",
        contact: "2026-03-09T09:00:00Z",
        state: "resolved",
      },
      // 23:30 UTC on 31 March is 1 April in Tallinn: outside the period.
      { opened: "2026-03-31T23:30:00Z", due: "2026-04-03T22:00:00Z", contact: null, state: "open" },
      { opened: "2026-05-05T09:00:00Z", due: "2026-05-07T22:00:00Z", contact: null, state: "open" },
    ];
    for (const [i, c] of cases.entries())
      await ctx.deps.db.insert(followUpCase).values({
        orgId: org.orgId,
        id: randomUUID(),
        responseId: f.responses[i].id as string,
        surveyId: f.surveyId,
        state: c.state,
        dueDate: c.due.slice(0, 10),
        dueAt: at(c.due),
        firstContactAt: c.contact ? at(c.contact) : null,
        openedAt: at(c.opened),
      });
    const cut = (await figures(`from=${range.from}&to=${range.to}`)).agencies.find(
      (a) => a.agency.slug === org.slug,
    )?.cases;
    assert.deepEqual(cut, {
      opened: 3,
      // "Open" is every state but resolved: the contacted case too, and both are past their deadline.
      open: 2,
      overdue: 2,
      dueOrContacted: 3,
      contactedInTime: 1,
      withheld: false,
      lowReliability: true,
      contactedWithinDeadlinePct: 33.3,
      contactedWithinDeadlineInterval: agrestiCoull(1, 3),
    });
    const all = await figures("");
    const whole = agencyOf(all, "k1")?.cases as Json;
    assert.equal(whole.opened, 5);
    assert.equal(whole.open, 4);
    assert.equal(whole.overdue, 4);
    // The pooled share needs the ministry's own minimum sample (5) of known outcomes: 5 here.
    assert.equal(all.pooled.cases.opened, 5);
    assert.equal(all.pooled.cases.withheld, false);
    assert.equal(all.pooled.cases.contactedWithinDeadlinePct, 20);
    const short = await figures("from=2026-05-01&to=2026-06-01");
    const may = agencyOf(short, "k1")?.cases as Json;
    assert.equal(may.opened, 1);
    assert.equal(may.withheld, true, "one known outcome, below the agency's minimum sample of 2");
    assert.equal(may.contactedWithinDeadlinePct, null);
    assert.equal(may.contactedInTime, null);
    assert.equal(short.pooled.cases.withheld, true);
    assert.equal(short.pooled.cases.agencies, 0, "a withheld agency's share is not pooled");
  });
});
