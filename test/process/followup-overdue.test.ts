import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { department } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { followUpCase } from "../../src/modules/followup/schema.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { unique } from "../helpers/app.ts";
import { runTwoWorkers, startJobHarness } from "./two-workers.ts";
import { and, eq } from "drizzle-orm";

const CASES = 25;

describe("overdue alerts with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${CASES} overdue cases reaches the SMTP server exactly once`, {
    timeout: 180_000,
  }, async () => {
    const { smtp, env, deps } = await startJobHarness(cleanups);
    const slug = `overdue-${unique()}`;
    const ownerEmail = `owner-${slug}@example.test`;
    const { org } = await createOrganization(deps, { name: "Overdue test", slug, ownerEmail });
    const deptId = `d-${unique()}`;
    await deps.db.insert(department).values({ orgId: org.id, id: deptId, name: "D" });
    const { id: surveyId } = await createSurvey(deps.db, org.id, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (let i = 0; i < CASES; i++) {
      const { token } = await issueSentInvitation(deps.db, {
        orgId: org.id,
        surveyId,
        locale: "et",
        departmentId: deptId,
      });
      const inv = await findInvitationByToken(deps.db, token);
      assert.ok(inv);
      await answerInvitation(deps.db, inv, { score: i % 7, answers: {} }, { locale: "et" });
    }
    await deps.db
      .update(followUpCase)
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where(eq(followUpCase.orgId, org.id));
    await deps.mailer.close();

    await runTwoWorkers("followup-overdue-worker.ts", env, org.id, cleanups);

    const mine = smtp.received.filter((m) => m.to.includes(ownerEmail));
    const ids = mine.map((m) => m.messageId);
    console.log(
      `overdue alerts: ${mine.length} messages, ${new Set(ids).size} distinct Message-IDs, ${CASES} cases`,
    );
    assert.equal(mine.length, CASES, "one message per case, none repeated");
    assert.equal(new Set(ids).size, CASES);
    assert.ok(mine.every((m) => m.parsed?.subject?.includes("tähtaeg")));
    const alerted = await deps.db
      .select({ id: followUpCase.id })
      .from(followUpCase)
      .where(and(eq(followUpCase.orgId, org.id)));
    assert.equal(alerted.length, CASES);
    await deps.database.close();
  });
});
