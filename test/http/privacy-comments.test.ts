import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditLog, response } from "../../src/db/schema.ts";
import { MASK, REDACTED } from "../../src/domain/personal-data.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";
import { seedComments, type TCommentFixture, type TFixtureAnswer } from "./comments-fixtures.ts";

const at = new Date("2026-02-01T10:00:00Z");
const base = { locale: "et", employee: null, service: null, at } as const;
const ANSWERS: TFixtureAnswer[] = [
  { ...base, key: "code", score: 2, comment: "Minu isikukood on 37605030299, helistage." },
  { ...base, key: "bad-code", score: 5, comment: "Number 37605030298 ei ole isikukood." },
  {
    ...base,
    key: "contact",
    score: 9,
    comment: "Kirjutage mari@example.ee või 5123 4567, konto EE382200221020145685",
  },
  { ...base, key: "clean", score: 10, comment: "Kõik oli väga hästi." },
];

describe("personal data in comments", () => {
  let ctx: TestContext;
  let a: TestOrg;
  let b: TestOrg;
  let fx: TCommentFixture;
  let analyst: Session;

  const get = (s: Session, url: string) => ctx.app.inject({ url: `/api/v1${url}`, headers: asUser(s) });
  const redact = (s: Session, id: string) =>
    ctx.app.inject({ method: "POST", url: `/api/v1/comments/${id}/redact`, headers: asUser(s) });
  const commentsOf = async (s: Session) => {
    const items = (await get(s, "/comments?limit=50")).json().items as { id: string; comment: string }[];
    return Object.fromEntries(items.map((i) => [fx.keyOf.get(i.id), i.comment]));
  };

  before(async () => {
    ctx = await startTestApp();
    a = await createTestOrg(ctx, "Comments A");
    b = await createTestOrg(ctx, "Comments B");
    fx = await seedComments(ctx, a, ANSWERS);
    analyst = await a.as("analyst");
  });

  it("masks a valid personal code, an e-mail, a phone and an IBAN for an analyst; an invalid code stays", async () => {
    const seen = await commentsOf(analyst);
    assert.equal(seen.code, `Minu isikukood on ${MASK}, helistage.`);
    assert.equal(seen["bad-code"], "Number 37605030298 ei ole isikukood.");
    assert.equal(seen.contact, `Kirjutage ${MASK} või ${MASK}, konto ${MASK}`);
    assert.equal(seen.clean, "Kõik oli väga hästi.");
    const one = await get(analyst, `/responses/${fx.ids.code}`);
    assert.equal(one.json().comment, `Minu isikukood on ${MASK}, helistage.`);
    const csv = await get(analyst, "/exports/responses.csv");
    assert.doesNotMatch(csv.body, /37605030299|mari@example\.ee|5123 4567|EE382200221020145685/);
    assert.match(csv.body, /37605030298/);
  });

  it("shows them to roles with personalData:read (owner, admin)", async () => {
    for (const s of [a.owner, await a.as("admin")]) {
      const seen = await commentsOf(s);
      assert.equal(seen.code, ANSWERS[0].comment);
      assert.equal(seen.contact, ANSWERS[2].comment);
    }
  });

  it("counts the comments that hold personal data, for the privacy screen", async () => {
    const res = await get(a.owner, "/privacy/personal-data-comments");
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().count, 2);
    const kinds = Object.fromEntries(
      res
        .json()
        .items.map((i: { responseId: string; kinds: string[] }) => [
          fx.keyOf.get(i.responseId),
          i.kinds.sort(),
        ]),
    );
    assert.deepEqual(kinds, { code: ["personalCode"], contact: ["email", "iban", "phone"] });
    assert.equal((await get(b.owner, "/privacy/personal-data-comments")).json().count, 0);
    assert.equal((await get(analyst, "/privacy/personal-data-comments")).statusCode, 403);
    assert.equal((await ctx.app.inject({ url: "/api/v1/privacy/personal-data-comments" })).statusCode, 401);
  });

  it("redacts for good, logs it, keeps the score; a second redaction writes nothing", async () => {
    assert.equal((await redact(analyst, fx.ids.contact)).statusCode, 403);
    assert.equal((await redact(b.owner, fx.ids.contact)).statusCode, 404);
    assert.equal((await redact(a.owner, "not-a-uuid")).statusCode, 400);
    const res = await redact(a.owner, fx.ids.contact);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      redacted: 3,
      comment: `Kirjutage ${REDACTED} või ${REDACTED}, konto ${REDACTED}`,
    });
    const [row] = await ctx.deps.db.select().from(response).where(eq(response.id, fx.ids.contact));
    assert.equal(row.comment, res.json().comment);
    assert.equal(row.score, 9);
    const log = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "comment.redact")));
    assert.equal(log.length, 1);
    assert.deepEqual(log[0].details, { kinds: { email: 1, phone: 1, iban: 1 }, notes: 0 });
    assert.equal(log[0].targetId, fx.ids.contact);
    assert.doesNotMatch(JSON.stringify(log[0]), /mari@example/);

    const again = await redact(a.owner, fx.ids.contact);
    assert.deepEqual(again.json().redacted, 0);
    const after = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "comment.redact")));
    assert.equal(after.length, 1);
    assert.equal((await get(a.owner, "/privacy/personal-data-comments")).json().count, 1);
  });

  it("finds, masks and redacts personal data in text answers too, choices and ratings untouched", async () => {
    const answers = { phone: "Helistage 5123 4567", topic: "opt2", stars: 4 };
    await ctx.deps.db.update(response).set({ answers }).where(eq(response.id, fx.ids.clean));
    const one = await get(analyst, `/responses/${fx.ids.clean}`);
    assert.deepEqual(one.json().answers, { phone: `Helistage ${MASK}`, topic: "opt2", stars: 4 });
    assert.deepEqual((await get(a.owner, `/responses/${fx.ids.clean}`)).json().answers, answers);

    const flagged = (await get(a.owner, "/privacy/personal-data-comments")).json();
    assert.equal(flagged.count, 2);
    const item = flagged.items.find((i: { responseId: string }) => i.responseId === fx.ids.clean);
    assert.deepEqual(item.kinds, ["phone"]);
    assert.deepEqual(item.textAnswers, ["Helistage 5123 4567"]);

    const res = await redact(a.owner, fx.ids.clean);
    assert.deepEqual(res.json(), { redacted: 1, comment: "Kõik oli väga hästi." });
    const [row] = await ctx.deps.db.select().from(response).where(eq(response.id, fx.ids.clean));
    assert.deepEqual(row.answers, { phone: `Helistage ${REDACTED}`, topic: "opt2", stars: 4 });
    assert.equal(row.comment, "Kõik oli väga hästi.");
    assert.equal((await get(a.owner, "/privacy/personal-data-comments")).json().count, 1);
  });
});
