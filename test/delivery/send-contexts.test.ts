import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { employee, service, surveyInvitation } from "../../src/db/schema.ts";
import { loadSendContexts } from "../../src/modules/delivery/load-send-contexts.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { createTestOrg, type TestContext, unique } from "../helpers/app.ts";
import { scheduleTestInvitations, startAppWith } from "./helpers.ts";

describe("send contexts of a claimed batch", () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await startAppWith({});
  });
  after(async () => {
    await ctx.close();
  });

  it("reads each invitation with its own contact, service and employee, and nothing of another organisation", async () => {
    const db = ctx.deps.db;
    const orgs = [await createTestOrg(ctx), await createTestOrg(ctx)];
    const suffix = unique();
    const claimed: { orgId: string; id: string; attempts: number; messageId: string }[] = [];
    const expected = new Map<string, { email: string; name: string; service?: string; employee?: string }>();
    for (const [n, { orgId }] of orgs.entries()) {
      const { id: surveyId } = await createSurvey(db, orgId, {
        name: "S",
        kind: "transactional",
        definition: standardDefinition({ locales: ["et"] }),
      });
      // The same service and employee ids in both organisations: each invitation must get its own.
      await db
        .insert(service)
        .values({ orgId, id: "svc", names: { et: `Teenus ${n}` }, type: "t", audience: "a" });
      await db.insert(employee).values({ orgId, id: "emp", name: `Töötaja ${n}` });
      const recipients = [0, 1, 2].map((i) => ({
        email: `ctx-${n}-${i}-${suffix}@example.test`,
        name: `Isik ${n}-${i}`,
      }));
      const ids = await scheduleTestInvitations(db, { orgId, surveyId, recipients });
      // The first with a service and an employee, the second with a service only, the third with neither.
      await db
        .update(surveyInvitation)
        .set({ serviceId: "svc", employeeId: "emp" })
        .where(eq(surveyInvitation.id, ids[0]));
      await db.update(surveyInvitation).set({ serviceId: "svc" }).where(eq(surveyInvitation.id, ids[1]));
      for (const [i, id] of ids.entries()) {
        claimed.push({ orgId, id, attempts: 1, messageId: `<${id}@example.test>` });
        expected.set(id, {
          ...recipients[i],
          service: i < 2 ? `Teenus ${n}` : undefined,
          employee: i === 0 ? `Töötaja ${n}` : undefined,
        });
      }
    }
    const contexts = await loadSendContexts(db, claimed);
    assert.equal(contexts.length, claimed.length);
    for (const c of contexts) {
      const want = expected.get(c.invitation.id)!;
      assert.equal(c.claim.id, c.invitation.id);
      assert.deepEqual(c.contact, { email: want.email, name: want.name });
      assert.deepEqual(c.names, { service: want.service, employee: want.employee });
    }
  });
});
