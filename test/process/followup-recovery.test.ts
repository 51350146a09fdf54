import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { contact } from "../../src/db/schema.ts";
import { createOrganization } from "../../src/modules/accounts/create-organization.ts";
import { followUpCase, followUpRule } from "../../src/modules/followup/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { answerInvitation, findInvitationByToken } from "../../src/modules/responses/record-answer.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { unique } from "../helpers/app.ts";
import { runTwoWorkers, startJobHarness } from "./two-workers.ts";

const CASES = 20;

describe("recovery questions with two app processes", {
  skip: !process.env.DATABASE_URL && "needs PostgreSQL (DATABASE_URL)",
}, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it(`each of ${CASES} respondents gets the question exactly once`, { timeout: 180_000 }, async () => {
    const { smtp, env, deps } = await startJobHarness(cleanups);
    const slug = `recovery-${unique()}`;
    const { org } = await createOrganization(deps, {
      name: "Recovery test",
      slug,
      ownerEmail: `owner-${slug}@example.test`,
    });
    await deps.db.insert(followUpRule).values({ orgId: org.id, recoveryQuestion: true });
    const { id: surveyId } = await createSurvey(deps.db, org.id, {
      name: "S",
      kind: "transactional",
      definition: standardDefinition({ locales: ["et"] }),
    });
    for (let i = 0; i < CASES; i++) {
      const contactId = randomUUID();
      await deps.db
        .insert(contact)
        .values({ orgId: org.id, id: contactId, email: `r${i}-${slug}@example.test` });
      const { token } = await issueSentInvitation(deps.db, {
        orgId: org.id,
        surveyId,
        locale: "et",
        contactId,
      });
      const inv = await findInvitationByToken(deps.db, token);
      assert.ok(inv);
      await answerInvitation(
        deps.db,
        inv,
        { score: i % 7, answers: {} },
        { locale: "et", consent: { contact: "email" } },
      );
    }
    const resolvedAt = new Date(Date.now() - 4 * 86_400_000);
    await deps.db
      .update(followUpCase)
      .set({ state: "resolved", resolution: "explained", resolvedAt })
      .where(eq(followUpCase.orgId, org.id));
    await deps.mailer.close();

    await runTwoWorkers("followup-recovery-worker.ts", env, org.id, cleanups);

    const mine = smtp.received.filter((m) => m.to.some((to) => to.endsWith(`-${slug}@example.test`)));
    assert.equal(mine.length, CASES, "one message per case, none repeated");
    assert.equal(new Set(mine.map((m) => m.to[0])).size, CASES);
    assert.ok(mine.every((m) => m.parsed?.subject?.includes("kas meie kõne aitas")));
    await deps.database.close();
  });
});
