import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { foldRollups } from "../../src/modules/insights/fold-rollups.ts";
import { verifyRollups } from "../../src/modules/insights/verify-rollups.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import {
  asUser,
  createTestOrg,
  postAnswer,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

const ANSWERS = 200;

describe("rollup deltas: concurrent answers to one cell stay exact (decision 014)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let tokens: string[];

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Deltas");
    const survey = await createSurvey(ctx.deps.db, org.orgId, {
      name: "One cell",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    // Same organisation, survey, tags and day: every answer and invitation falls into one cell of each rollup.
    const sentAt = new Date();
    tokens = [];
    for (let i = 0; i < ANSWERS; i++)
      tokens.push(
        (
          await issueSentInvitation(ctx.deps.db, {
            orgId: org.orgId,
            surveyId: survey.id,
            locale: "et",
            sentAt,
          })
        ).token,
      );
  });
  after(() => ctx.close());

  const answer = (token: string, score: number) =>
    postAnswer(ctx.app, token, { score, satisfaction: score % 5 });

  /** The cell as the reports read it (folded plus pending) and as folded, summed over the organisation. */
  async function cells(view: "rollup_day_live" | "rollup_day" | "rollup_month_live" | "rollup_month") {
    const cols = Array.from({ length: 11 }, (_, i) => `coalesce(sum(r${i}), 0)::int as r${i}`).join(", ");
    const r = await ctx.deps.db.execute(
      sql.raw(`select ${cols}, coalesce(sum(invited_answers), 0)::int as invited, coalesce(sum(invitations_sent), 0)::int as sent,
        count(*)::int as rows from ${view} where org_id = '${org.orgId}'`),
    );
    const row = r.rows[0] as Record<string, number>;
    return {
      scores: Array.from({ length: 11 }, (_, i) => Number(row[`r${i}`])),
      invited: Number(row.invited),
      sent: Number(row.sent),
    };
  }

  const pending = async () =>
    Number(
      (
        (
          await ctx.deps.db.execute(
            sql`select count(*)::int as n from rollup_delta where org_id = ${org.orgId}`,
          )
        ).rows[0] as { n: number }
      ).n,
    );

  const expectedScores = (scoreOf: (i: number) => number) => {
    const s = Array.from({ length: 11 }, () => 0);
    for (let i = 0; i < ANSWERS; i++) s[scoreOf(i)]++;
    return s;
  };

  it(`${ANSWERS} concurrent answers, with folds running beside them, give exact figures`, async () => {
    let writing = true;
    const folding = (async () => {
      let folded = 0;
      while (writing) {
        folded += (await foldRollups(ctx.deps.db, org.orgId, { batch: 17 })).folded;
        // The embedded database answers in microtasks: let the requests' I/O run between folds.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return folded;
    })();
    const results = await Promise.all(tokens.map((t, i) => answer(t, i % 11)));
    writing = false;
    await folding;
    assert.deepEqual(
      results.map((r) => r.statusCode).filter((s) => s !== 200),
      [],
      "every answer is stored",
    );
    const scores = expectedScores((i) => i % 11);
    for (const view of ["rollup_day_live", "rollup_month_live"] as const)
      assert.deepEqual(await cells(view), { scores, invited: ANSWERS, sent: ANSWERS }, view);
    const report = await ctx.app.inject({
      method: "GET",
      url: "/api/v1/reports/summary",
      headers: asUser(org.owner),
    });
    assert.equal(report.statusCode, 200, report.body);
    const total = report.json().total;
    assert.equal(total.answers, ANSWERS);
    assert.deepEqual(total.scores, scores);
    assert.equal(total.invitationsSent, ANSWERS);
    assert.equal(total.invitationAnswers, ANSWERS);
    await foldRollups(ctx.deps.db, org.orgId);
    assert.equal(await pending(), 0, "a fold leaves nothing pending");
    for (const view of ["rollup_day", "rollup_month"] as const)
      assert.deepEqual(await cells(view), { scores, invited: ANSWERS, sent: ANSWERS }, view);
    assert.deepEqual((await verifyRollups(ctx.deps.db, org.orgId)).differences, []);
  });

  it("changed scores move between score columns, exact before and after the fold", async () => {
    // Every answer changes its score concurrently: each edit removes one from the old score and adds one to the new.
    const results = await Promise.all(tokens.map((t, i) => answer(t, (i + 3) % 11)));
    assert.deepEqual(
      results.map((r) => r.statusCode).filter((s) => s !== 200),
      [],
    );
    const scores = expectedScores((i) => (i + 3) % 11);
    assert.ok((await pending()) >= ANSWERS * 2, "each edit is a removal and an addition, not yet folded");
    assert.deepEqual(await cells("rollup_day_live"), { scores, invited: ANSWERS, sent: ANSWERS });
    // The folded cells still hold the first scores until the fold.
    assert.deepEqual(await cells("rollup_day"), {
      scores: expectedScores((i) => i % 11),
      invited: ANSWERS,
      sent: ANSWERS,
    });
    await foldRollups(ctx.deps.db, org.orgId, { batch: 50 });
    assert.equal(await pending(), 0);
    assert.deepEqual(await cells("rollup_day"), { scores, invited: ANSWERS, sent: ANSWERS });
    assert.deepEqual(await cells("rollup_month"), { scores, invited: ANSWERS, sent: ANSWERS });
    assert.deepEqual((await verifyRollups(ctx.deps.db, org.orgId)).differences, []);
  });

  it("an invitation's state change writes no delta; moved, unsent and deleted rows move the figures (decision 050)", async () => {
    await foldRollups(ctx.deps.db, org.orgId, { batch: 500 });
    const { db } = ctx.deps;
    const ids = (
      await db.execute(sql`select id from survey_invitation where org_id = ${org.orgId} order by id limit 3`)
    ).rows.map((r) => String((r as { id: string }).id));
    // State only (what an answer does to its invitation): nothing to fold.
    await db.execute(sql`update survey_invitation set state = 'answered' where org_id = ${org.orgId}`);
    assert.equal(await pending(), 0);
    // Sent a year earlier: leaves this day's cell; never sent: counts nowhere; the answer deleted: its score goes.
    await db.execute(
      sql`update survey_invitation set sent_at = sent_at - interval '365 days' where org_id = ${org.orgId} and id = ${ids[0]}`,
    );
    await db.execute(
      sql`update survey_invitation set sent_at = null where org_id = ${org.orgId} and id = ${ids[1]}`,
    );
    const gone = (
      await db.execute(
        sql`delete from response where org_id = ${org.orgId} and invitation_id = ${ids[2]} returning score`,
      )
    ).rows[0] as { score: number };
    assert.equal(
      await pending(),
      4,
      "two for the moved invitation, one each for the unsent one and the answer",
    );
    const scores = expectedScores((i) => (i + 3) % 11);
    scores[gone.score]--;
    // Summed over the organisation: the moved invitation still counts, in another day.
    const all = { scores, invited: ANSWERS - 1, sent: ANSWERS - 1 };
    assert.deepEqual(await cells("rollup_day_live"), all);
    await foldRollups(ctx.deps.db, org.orgId, { batch: 500 });
    assert.equal(await pending(), 0);
    assert.deepEqual(await cells("rollup_day"), all);
    assert.deepEqual(await cells("rollup_month"), all);
    const earlier = (
      await db.execute(
        sql`select coalesce(sum(invitations_sent), 0)::int as n from rollup_day where org_id = ${org.orgId} and day < current_date - 300`,
      )
    ).rows[0] as { n: number };
    assert.equal(Number(earlier.n), 1, "the moved invitation counts on the day it now says it was sent");
    assert.deepEqual((await verifyRollups(ctx.deps.db, org.orgId)).differences, []);
  });
});
