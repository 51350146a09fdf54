import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import { invitationDelivery } from "../../src/db/schema.ts";
import { unsafeClaimDueInvitations } from "../../src/modules/delivery/claim-due-invitations.ts";
import { dispatchDue } from "../../src/modules/delivery/dispatch-due.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { createTestOrg, type TestContext, type TestOrg, unique } from "../helpers/app.ts";
import { invitationState, nextWorkingMorning, scheduleTestInvitations, startAppWith } from "./helpers.ts";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.ts";

/** Polls `check` until it holds; fails after `ms` (a generous bound, not a timing assertion). */
async function eventually(check: () => Promise<boolean> | boolean, what: string, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("dispatch leases", () => {
  let smtp: SmtpSink;
  let ctx: TestContext;
  let org: TestOrg;
  let surveyId: string;

  before(async () => {
    smtp = await startSmtpSink({ parse: false });
    ctx = await startAppWith({ SMTP_URL: smtp.url });
    org = await createTestOrg(ctx);
    surveyId = (
      await createSurvey(ctx.deps.db, org.orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      })
    ).id;
  });
  after(async () => {
    await ctx.close();
    await smtp.close();
  });

  it("a live worker renews its claims, so another worker does not take over messages still in flight", async () => {
    const suffix = unique();
    const ids = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: [0, 1, 2].map((i) => ({ email: `lease-${i}-${suffix}@example.test` })),
    });
    // The mail server takes the messages but never answers: they stay in flight.
    smtp.sink.holdAfter = smtp.received.length;
    let now = nextWorkingMorning().getTime();
    const clock = () => new Date(now);
    const running = dispatchDue(ctx.deps, { orgId: org.orgId, clock, leaseSeconds: 3 });
    try {
      await eventually(() => smtp.sink.held >= ids.length, "three messages in flight");
      // Long past the first lease: only a renewal keeps the claims from lapsing.
      now += 60_000;
      const leases = async () =>
        (
          await ctx.deps.db
            .select({ until: invitationDelivery.nextAttemptAt })
            .from(invitationDelivery)
            .where(
              and(eq(invitationDelivery.orgId, org.orgId), inArray(invitationDelivery.invitationId, ids)),
            )
        ).map((r) => r.until?.getTime() ?? 0);
      await eventually(async () => (await leases()).every((t) => t > now), "the worker to renew its leases");
      const taken = await unsafeClaimDueInvitations(ctx.deps.db, {
        now: clock(),
        limit: 10,
        leaseSeconds: 3,
        messageHost: "localhost",
        orgId: org.orgId,
      });
      assert.deepEqual(taken, [], "a second worker finds nothing to take over");
    } finally {
      // The server lets the messages through; the run records them and ends.
      smtp.release();
      await running;
    }
    for (const id of ids) {
      const { invitation, delivery } = await invitationState(ctx.deps.db, org.orgId, id);
      assert.deepEqual([invitation.state, delivery?.attempts], ["sent", 1], "sent on the one claim");
    }
  });

  it("claimers working side by side never take the same lapsed claim twice", {
    skip: !process.env.DATABASE_URL && "PostgreSQL only: the embedded database runs one statement at a time",
  }, async () => {
    const suffix = unique();
    const n = 600;
    const ids = await scheduleTestInvitations(ctx.deps.db, {
      orgId: org.orgId,
      surveyId,
      recipients: Array.from({ length: n }, (_, i) => ({ email: `lapse-${i}-${suffix}@example.test` })),
    });
    const t0 = nextWorkingMorning();
    const claim = (now: Date, limit: number) =>
      unsafeClaimDueInvitations(ctx.deps.db, {
        now,
        limit,
        leaseSeconds: 30,
        messageHost: "localhost",
        orgId: org.orgId,
      });
    assert.equal((await claim(t0, n)).length, n);
    // A minute later every claim has lapsed (its worker died); six claimers take them over at once.
    const later = new Date(t0.getTime() + 60_000);
    const taken: string[] = [];
    const claimer = async () => {
      for (;;) {
        const batch = await claim(later, 20);
        if (!batch.length) return;
        taken.push(...batch.map((c) => c.id));
      }
    };
    await Promise.all(Array.from({ length: 6 }, claimer));
    const twice = taken.length - new Set(taken).size;
    assert.equal(twice, 0, `${twice} lapsed claims were taken twice`);
    assert.deepEqual(new Set(taken), new Set(ids));
    const rows = await ctx.deps.db
      .select({ attempts: invitationDelivery.attempts })
      .from(invitationDelivery)
      .where(and(eq(invitationDelivery.orgId, org.orgId), inArray(invitationDelivery.invitationId, ids)));
    assert.deepEqual(new Set(rows.map((r) => r.attempts)), new Set([2]), "one claim and one takeover each");
  });
});
