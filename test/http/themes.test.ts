import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { npsFromCounts } from "../../src/domain/nps.ts";
import { analyseComments } from "../../src/modules/themes/analyse-comments.ts";
import { pdfText } from "./exports-pdf-text.ts";
import { asUser, createTestOrg, startTestApp, type TestContext, type TestOrg } from "../helpers/app.ts";
import { type TCommentFixture, type TFixtureAnswer, seedComments } from "./comments-fixtures.ts";

// Comment themes and tone through the API: the starter set, validation, roles, the report's figures against a
// count from the fixture's own labels, re-analysis after a theme changes, suggestions and disagreements.

const at = (day: number, month = 4) => new Date(Date.UTC(2026, month - 1, day, 10));
const answer = (key: string, score: number, comment: string, locale: string, day: number, month = 4) =>
  ({ key, score, comment, locale, employee: "other", service: "s1", at: at(day, month) }) as TFixtureAnswer;

/** Answers about waiting (inflected forms in three languages), by score. */
const WAITING: TFixtureAnswer[] = [
  answer("w1", 2, "Ootasin järjekorras üle tunni.", "et", 1),
  answer("w2", 3, "Ootamine oli kohutavalt pikk.", "et", 2),
  answer("w3", 9, "Ei pidanud üldse ootama, väga kiire.", "et", 3),
  answer("w4", 6, "Järjekorrad on liiga pikad.", "et", 4),
  answer("w5", 10, "Kiiresti teenindati, aitäh!", "et", 5),
  answer("w6", 1, "Очень долгое ожидание в очереди.", "ru", 6),
  answer("w7", 4, "Долго ждал своей очереди.", "ru", 7),
  answer("w8", 8, "Quick service, no waiting.", "en", 8),
];
/** Answers about nothing the starter themes cover: parking. */
const PARKING: TFixtureAnswer[] = [
  answer("p1", 5, "Parkimine maja ees on võimatu, parkla alati täis.", "et", 9),
  answer("p2", 6, "Parkla on liiga väike, parkimiskohti ei leia.", "et", 10),
  answer("p3", 7, "Parkimine tasuline ja parkla kaugel.", "et", 11),
  answer("p4", 5, "Parkla täis, parkimine keeruline.", "et", 12),
];
const OTHER: TFixtureAnswer[] = [
  answer("angry9", 9, "Ebaviisakas ja ülbe teenindaja, kohutav! Minu isikukood on 38001085718.", "et", 13),
  answer("latvian", 10, "Ļoti laipni un ātri.", "lv", 14),
  answer("march", 3, "Ootamine oli pikk.", "et", 20, 3),
];

describe("comment themes (/api/v1/themes)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let other: TestOrg;
  let f: TCommentFixture;
  let waitingId: string;
  const period = "from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z";

  const call = async (
    o: TestOrg,
    role: Parameters<TestOrg["as"]>[0],
    method: string,
    url: string,
    payload?: unknown,
  ) =>
    ctx.app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers: asUser(await o.as(role)),
      payload: payload as Record<string, unknown>,
    });

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Teemad");
    other = await createTestOrg(ctx, "Teine");
    f = await seedComments(ctx, org, [...WAITING, ...PARKING, ...OTHER]);
  });

  it("refuses without a session (401)", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/v1/themes" });
    assert.equal(res.statusCode, 401);
  });

  it("copies the starter themes once, and a second copy adds nothing", async () => {
    const first = await call(org, "owner", "POST", "/themes/starter");
    assert.equal(first.statusCode, 200, first.body);
    const keys = first.json().items.map((t: { key: string }) => t.key);
    assert.deepEqual(keys, ["eservice", "hours", "information", "phone", "staff", "waiting"]);
    const second = await call(org, "owner", "POST", "/themes/starter");
    assert.equal(second.json().items.length, 6);
    waitingId = first.json().items.find((t: { key: string }) => t.key === "waiting").id;
  });

  it("names the field at fault (400) and refuses a duplicate key (409), writing nothing", async () => {
    const body = {
      key: "Bad Key",
      names: { et: "a", ru: "b", en: "c" },
      keywords: { et: ["x"], ru: [], en: [] },
    };
    const bad = await call(org, "owner", "POST", "/themes", body);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /key/);
    const empty = await call(org, "owner", "POST", "/themes", {
      ...body,
      key: "parking",
      keywords: { et: [], ru: [], en: [] },
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /keywords/);
    const unknown = await call(org, "owner", "POST", "/themes", { ...body, key: "parking", colour: "red" });
    assert.equal(unknown.statusCode, 400);
    const dup = await call(org, "owner", "POST", "/themes", { ...body, key: "waiting" });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /body\.key/);
    const list = await call(org, "owner", "GET", "/themes");
    assert.equal(list.json().items.length, 6);
  });

  it("lets only theme managers change themes, and only readers of answers see comments (403)", async () => {
    const body = {
      key: "parking",
      names: { et: "Parkimine", ru: "Парковка", en: "Parking" },
      keywords: { et: ["parkla"], ru: [], en: [] },
    };
    assert.equal((await call(org, "manager", "POST", "/themes", body)).statusCode, 403);
    assert.equal(
      (await call(org, "agent", "PUT", `/themes/${waitingId}/archived`, { archived: true })).statusCode,
      403,
    );
    assert.equal((await call(org, "viewer", "GET", `/themes/tone-disagreements?${period}`)).statusCode, 403);
    assert.equal((await call(org, "viewer", "GET", `/themes/report?${period}`)).statusCode, 200);
  });

  it("reports the answers mentioning each theme with figures equal to a count from the labels", async () => {
    await analyseComments(ctx.deps.db, org.orgId);
    const res = await call(org, "analyst", "GET", `/themes/report?${period}&by=month`);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    const waiting = report.themes.find((t: { key: string }) => t.key === "waiting");
    assert.equal(waiting.mentions, WAITING.length);
    const counts = new Array(11).fill(0);
    for (const a of WAITING) counts[a.score]++;
    const expected = npsFromCounts(counts);
    assert.equal(waiting.figures.nps, Math.round((expected.nps ?? Number.NaN) * 10) / 10);
    assert.equal(waiting.figures.detractors, WAITING.filter((a) => a.score <= 6).length);
    assert.ok(waiting.figures.npsInterval.low < waiting.figures.nps);
    // The previous period (March) holds one waiting answer: too few, so its figures are withheld.
    assert.equal(waiting.previousMentions, 1);
    assert.equal(waiting.previous.withheld, true);
    assert.equal(waiting.npsChange, null);
    const cell = report.cells.find((c: { themeId: string }) => c.themeId === waitingId);
    assert.equal(cell.group, "2026-04");
    assert.equal(cell.mentions, WAITING.length);
    assert.equal(report.commentsWaiting, 0);
    assert.equal(report.commentsAnalysed, WAITING.length + PARKING.length + 2);
  });

  it("filters the comment search and the answer export by theme", async () => {
    const res = await call(org, "analyst", "GET", `/comments?${period}&themeId=${waitingId}&limit=200`);
    assert.equal(res.statusCode, 200, res.body);
    const keys = res
      .json()
      .items.map((i: { id: string }) => f.keyOf.get(i.id))
      .sort();
    assert.deepEqual(keys, WAITING.map((a) => a.key).sort());
    const csv = await call(org, "analyst", "GET", `/exports/responses.csv?${period}&themeId=${waitingId}`);
    assert.equal(csv.statusCode, 200, csv.body);
    const lines = csv.body.trim().split("\n");
    assert.equal(lines.length, WAITING.length + 1);
    const header = lines[0].split(",");
    assert.ok(header.includes("themes") && header.includes("tone"), lines[0]);
    assert.ok(lines.slice(1).every((l) => l.includes("waiting")));
    const bad = await call(org, "analyst", "GET", `/comments?themeId=nope`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /themeId/);
  });

  it("lists the themes of the month in the monthly PDF report", async () => {
    const res = await ctx.app.inject({
      url: "/api/v1/exports/monthly-report.pdf?month=2026-04&lang=et",
      headers: asUser(org.owner),
    });
    assert.equal(res.statusCode, 200);
    const lines = pdfText(res.rawPayload).split("\n");
    const at = lines.indexOf("Kommentaaride teemad");
    assert.ok(at >= 0, lines.join("\n"));
    assert.ok(
      lines.some((l) => l.startsWith(`Ootamine ja kiirus: ${WAITING.length} mainimist`)),
      lines.join("\n"),
    );
  });

  it("lists the comments whose words contradict the score", async () => {
    const res = await call(org, "analyst", "GET", `/themes/tone-disagreements?${period}`);
    assert.equal(res.statusCode, 200, res.body);
    const keys = res.json().items.map((i: { responseId: string }) => f.keyOf.get(i.responseId));
    assert.ok(keys.includes("angry9"), JSON.stringify(keys));
    assert.ok(!keys.includes("w5"));
    // The personal code typed into the comment is masked for an analyst and shown to the owner.
    const text = (r: typeof res) =>
      r
        .json()
        .items.map((i: { comment: string }) => i.comment)
        .join(" ");
    assert.ok(!text(res).includes("38001085718"));
    const owner = await call(org, "owner", "GET", `/themes/tone-disagreements?${period}`);
    assert.ok(text(owner).includes("38001085718"));
  });

  it("suggests a theme from comments that match none", async () => {
    const res = await call(org, "analyst", "GET", `/themes/suggestions?${period}&language=et&clusters=3`);
    assert.equal(res.statusCode, 200, res.body);
    const parking = res
      .json()
      .clusters.find((c: { words: string[] }) => c.words.some((w) => w.startsWith("park")));
    assert.ok(parking, JSON.stringify(res.json()));
    assert.ok(
      parking.examples.every((e: { responseId: string }) => f.keyOf.get(e.responseId)?.startsWith("p")),
    );
  });

  it("analyses the comments again after a theme changes", async () => {
    const theme = (await call(org, "owner", "GET", `/themes/${waitingId}`)).json();
    const res = await call(org, "owner", "PUT", `/themes/${waitingId}`, {
      key: theme.key,
      names: theme.names,
      keywords: { et: ["järjekord"], ru: [], en: [] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const before = (await call(org, "owner", "GET", `/themes/report?${period}`)).json();
    assert.ok(before.commentsWaiting > 0);
    await analyseComments(ctx.deps.db, org.orgId);
    const after = (await call(org, "owner", "GET", `/themes/report?${period}`)).json();
    assert.equal(after.commentsWaiting, 0);
    assert.equal(after.themes.find((t: { key: string }) => t.key === "waiting").mentions, 2);
  });

  it("drops an archived theme from the report", async () => {
    const res = await call(org, "owner", "PUT", `/themes/${waitingId}/archived`, { archived: true });
    assert.equal(res.json().archived, true);
    const report = (await call(org, "owner", "GET", `/themes/report?${period}`)).json();
    assert.ok(!report.themes.some((t: { key: string }) => t.key === "waiting"));
    await call(org, "owner", "PUT", `/themes/${waitingId}/archived`, { archived: false });
  });

  it("never shows another organisation's themes (404) or counts its comments", async () => {
    assert.equal((await call(other, "owner", "GET", `/themes/${waitingId}`)).statusCode, 404);
    const put = await call(other, "owner", "PUT", `/themes/${waitingId}/archived`, { archived: true });
    assert.equal(put.statusCode, 404);
    assert.equal((await call(other, "owner", "GET", "/themes")).json().items.length, 0);
    const filtered = await call(other, "owner", "GET", `/themes/report?${period}&serviceId=${f.s1}`);
    assert.equal(filtered.statusCode, 404);
    const disagreements = await call(other, "owner", "GET", `/themes/tone-disagreements?${period}`);
    assert.deepEqual(disagreements.json().items, []);
  });
});
