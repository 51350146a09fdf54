import { randomUUID } from "node:crypto";
import { contact, department, employee, service } from "../../src/db/schema.ts";
import { issueSentInvitation } from "../../src/modules/responses/issue-invitation.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import { createTestOrg, type Session, type TestContext, type TestOrg, unique } from "../helpers/app.ts";

export interface FollowUpOrg extends TestOrg {
  surveyId: string;
  /** The manager's department (the manager has an employee record in it). */
  deptA: string;
  deptB: string;
  serviceId: string;
  manager: Session;
  agent: Session;
  /** Answers `score` through an invitation link tagged with the department; returns the case id, if any. */
  answer(
    score: number,
    o?: { departmentId?: string; email?: string },
  ): Promise<{ token: string; invitationId: string }>;
}

/** An organisation with a survey, two departments, a service, a manager working department A and an agent. */
export async function followUpOrg(ctx: TestContext, name = "Amet"): Promise<FollowUpOrg> {
  const org = await createTestOrg(ctx, name);
  const db = ctx.deps.db;
  const { id: surveyId } = await createSurvey(db, org.orgId, {
    name: "Tagasiside",
    kind: "transactional",
    definition: standardDefinition({ locales: ["et", "en"] }),
  });
  const deptA = `dept-a-${unique()}`;
  const deptB = `dept-b-${unique()}`;
  await db.insert(department).values([
    { orgId: org.orgId, id: deptA, name: "Klienditeenindus" },
    { orgId: org.orgId, id: deptB, name: "Pensionid" },
  ]);
  const serviceId = `svc-${unique()}`;
  await db.insert(service).values({
    orgId: org.orgId,
    id: serviceId,
    names: { et: "Pension", en: "Pension" },
    type: "customer_service",
    audience: "external",
    departmentId: deptA,
  });
  const manager = await org.as("manager");
  const agent = await org.as("agent");
  await db.insert(employee).values([
    {
      orgId: org.orgId,
      id: `emp-m-${unique()}`,
      name: "Mari Juht",
      departmentId: deptA,
      userId: manager.userId,
    },
    {
      orgId: org.orgId,
      id: `emp-a-${unique()}`,
      name: "Andres Agent",
      departmentId: deptB,
      userId: agent.userId,
    },
  ]);
  return {
    ...org,
    surveyId,
    deptA,
    deptB,
    serviceId,
    manager,
    agent,
    async answer(score, o = {}) {
      let contactId: string | null = null;
      if (o.email) {
        contactId = randomUUID();
        await db.insert(contact).values({ orgId: org.orgId, id: contactId, email: o.email });
      }
      const { token, id } = await issueSentInvitation(db, {
        orgId: org.orgId,
        surveyId,
        locale: "et",
        departmentId: o.departmentId ?? deptA,
        contactId,
      });
      const res = await ctx.app.inject({ method: "GET", url: `/s/${token}?score=${score}` });
      if (res.statusCode !== 200) throw new Error(`answer failed: ${res.statusCode}`);
      return { token, invitationId: id };
    },
  };
}
