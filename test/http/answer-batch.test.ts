import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { asc, eq, inArray } from "drizzle-orm";
import { response, surveyInvitation, webhookDelivery, webhookEndpoint } from "../../src/db/schema.ts";
import type { TContactConsent } from "../../src/modules/followup/case-consent.ts";
import { followUpCase, followUpEvent } from "../../src/modules/followup/schema.ts";
import {
  firstAnswerBatchStats,
  insertFirstAnswer,
  insertFirstAnswersTogether,
} from "../../src/modules/responses/first-answer.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { findInvitationByToken, firstAnswerInput } from "../../src/modules/responses/record-answer.ts";
import {
  createStandardSurvey,
  createTestOrg,
  postAnswer,
  startTestApp,
  type TestContext,
  type TestOrg,
} from "../helpers/app.ts";

/** The answers of each test: promoters, passives and detractors, with and without a contact consent. */
const ANSWERS: { score: number; satisfaction?: number; comment?: string; consent?: TContactConsent }[] = [
  { score: 10, satisfaction: 9, comment: "Väga hea, tab\there" },
  { score: 8 },
  {
    score: 2,
    satisfaction: 1,
    comment: 'Ootasin kaua "liiga" kaua\\',
    consent: { contact: "phone", phone: "+3725551234" },
  },
  { score: 0, consent: { contact: "no" } },
  { score: 5, satisfaction: 3, consent: { contact: "email" } },
  { score: 6 },
];

describe("first answers written together (decision 062)", () => {
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;

  before(async () => {
    ctx = await startTestApp();
    org = await createTestOrg(ctx, "Together");
    surveyId = await createStandardSurvey(ctx.deps, org.orgId);
    await ctx.deps.db.insert(webhookEndpoint).values([
      {
        orgId: org.orgId,
        id: randomUUID(),
        url: "https://a.example.test/",
        events: ["response.created"],
        secret: "s",
      },
      {
        orgId: org.orgId,
        id: randomUUID(),
        url: "https://b.example.test/",
        events: ["case.created", "response.created"],
        secret: "s",
      },
    ]);
  });
  after(() => ctx.close());

  /** Issues one link per answer and reads it as the answer route does. */
  async function links() {
    const out = [];
    for (const _ of ANSWERS) {
      const inv = await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" });
      const read = await findInvitationByToken(ctx.deps.db, inv.token);
      assert.ok(read);
      out.push(read);
    }
    return out;
  }

  const inputs = (read: Awaited<ReturnType<typeof links>>, now: Date) =>
    read.map((inv, n) => {
      const { consent, ...value } = ANSWERS[n];
      return firstAnswerInput(inv, { ...value, answers: {} }, { locale: "et", now, consent });
    });

  /** Everything an answer wrote, without its own ids, so that answers written alone and together compare. */
  async function written(responseIds: string[]) {
    const db = ctx.deps.db;
    const answers = await db.select().from(response).where(inArray(response.id, responseIds));
    const invitations = await db
      .select()
      .from(surveyInvitation)
      .where(
        inArray(
          surveyInvitation.id,
          answers.map((a) => a.invitationId as string),
        ),
      );
    const cases = await db.select().from(followUpCase).where(inArray(followUpCase.responseId, responseIds));
    const events = cases.length
      ? await db
          .select()
          .from(followUpEvent)
          .where(
            inArray(
              followUpEvent.caseId,
              cases.map((k) => k.id),
            ),
          )
          .orderBy(asc(followUpEvent.kind))
      : [];
    const deliveries = await db
      .select()
      .from(webhookDelivery)
      .where(eq(webhookDelivery.orgId, org.orgId))
      .orderBy(asc(webhookDelivery.event), asc(webhookDelivery.endpointId));
    return responseIds.map((id) => {
      const a = answers.find((x) => x.id === id);
      assert.ok(a, "every answer is stored");
      const inv = invitations.find((x) => x.id === a.invitationId);
      const k = cases.find((x) => x.responseId === id);
      const ownDeliveries = deliveries.filter((d) => {
        const data = (d.payload as { data: { responseId?: string } }).data;
        return data.responseId === id;
      });
      return {
        answer: { ...a, id: undefined, invitationId: undefined },
        invitation: { state: inv?.state, answeredAt: inv?.answeredAt },
        case: k ? { ...k, id: undefined, responseId: undefined } : null,
        events: events
          .filter((e) => e.caseId === k?.id)
          .map((e) => ({ ...e, id: undefined, caseId: undefined })),
        deliveries: ownDeliveries.map((d) => {
          const p = d.payload as { id: string; data: Record<string, unknown> };
          assert.equal(p.id, d.id, "the payload carries the delivery id");
          return {
            event: d.event,
            endpointId: d.endpointId,
            state: d.state,
            nextAttemptAt: d.nextAttemptAt,
            payload: {
              ...p,
              id: undefined,
              data: { ...p.data, responseId: undefined, invitationId: undefined, caseId: undefined },
            },
          };
        }),
      };
    });
  }

  it("writes what the statements for one answer write, cases, timelines and deliveries included", async () => {
    const now = new Date("2026-12-03T09:15:00.123Z");
    const alone = inputs(await links(), now);
    const aloneIds: string[] = [];
    // One at a time: nothing else is in flight, so each goes alone by its own statement.
    for (const a of alone) {
      const r = await insertFirstAnswer(ctx.deps.db, a);
      assert.ok(r);
      aloneIds.push(r.responseId);
    }
    const together = await insertFirstAnswersTogether(ctx.deps.db, inputs(await links(), now));
    assert.ok(together.every((r) => r !== null));
    const cases = together.map((r) => r?.caseId ?? null);
    assert.deepEqual(
      cases.map((k) => k !== null),
      ANSWERS.map((a) => a.score <= 6),
      "the detractors' answers open cases",
    );
    assert.deepEqual(await written(together.map((r) => r?.responseId as string)), await written(aloneIds));
  });

  it("writes the answers whose links still hold and returns null for the others", async () => {
    const now = new Date();
    const read = await links();
    const answers = inputs(read, now);
    // The second link was answered meanwhile and the fourth's invitation changed since it was read.
    const first = await insertFirstAnswer(ctx.deps.db, answers[1]);
    assert.ok(first);
    await ctx.deps.db
      .update(surveyInvitation)
      .set({ expiresAt: new Date(Date.now() + 86_400_000) })
      .where(eq(surveyInvitation.id, read[3].invitation.id));
    const out = await insertFirstAnswersTogether(ctx.deps.db, answers);
    assert.deepEqual(
      out.map((r) => r !== null),
      [true, false, true, false, true, true],
    );
    const stored = await ctx.deps.db
      .select({ invitationId: response.invitationId, score: response.score })
      .from(response)
      .where(
        inArray(
          response.invitationId,
          read.map((r) => r.invitation.id),
        ),
      );
    assert.equal(stored.length, 5, "the changed link's answer is not written");
    assert.equal(stored.find((s) => s.invitationId === read[1].invitation.id)?.score, ANSWERS[1].score);
    const [changed] = await ctx.deps.db
      .select({ state: surveyInvitation.state })
      .from(surveyInvitation)
      .where(eq(surveyInvitation.id, read[3].invitation.id));
    assert.equal(changed.state, "sent");
  });

  it("answers posted at once are each stored with their own score, grouped on PostgreSQL", async () => {
    const statsBefore = { ...(firstAnswerBatchStats(ctx.deps.db) ?? { batches: 0 }) };
    const invitations = [];
    for (let n = 0; n < 40; n++)
      invitations.push(await issueSentInvitation(ctx.deps.db, { orgId: org.orgId, surveyId, locale: "et" }));
    const replies = await Promise.all(
      invitations.map((inv, n) => postAnswer(ctx.app, inv.token, { score: n % 11, comment: `vastus ${n}` })),
    );
    for (const r of replies) assert.equal(r.statusCode, 200, r.body);
    const rows = await ctx.deps.db
      .select({ invitationId: response.invitationId, score: response.score, comment: response.comment })
      .from(response)
      .where(
        inArray(
          response.invitationId,
          invitations.map((i) => i.id),
        ),
      );
    assert.equal(rows.length, 40);
    invitations.forEach((inv, n) => {
      const row = rows.find((r) => r.invitationId === inv.id);
      assert.deepEqual(row && { score: row.score, comment: row.comment }, {
        score: n % 11,
        comment: `vastus ${n}`,
      });
    });
    const cases = await ctx.deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .where(
        inArray(
          followUpCase.responseId,
          replies.map((r) => r.json().responseId as string),
        ),
      );
    assert.equal(cases.length, invitations.filter((_, n) => n % 11 <= 6).length);
    const stats = firstAnswerBatchStats(ctx.deps.db);
    if (stats) assert.ok(stats.batches > statsBefore.batches, "some of the answers were written together");
  });
});
