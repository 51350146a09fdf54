import assert from "node:assert/strict";
import type { Response as LightMyRequestResponse } from "light-my-request";
import { department, employee } from "../../src/db/schema.ts";
import {
  asUser,
  createTestOrg,
  type Session,
  type TestContext,
  type TestOrg,
  unique,
} from "../helpers/app.ts";

export interface QualityOrg extends TestOrg {
  deptA: string;
  deptB: string;
  manager: Session;
  agent: Session;
  specialist: Session;
  /** The agent's employee record (department A, led by the manager). */
  agentEmployee: string;
  /** An employee of department B, outside the manager's departments. */
  otherEmployee: string;
  /** An archived employee of department A. */
  archivedEmployee: string;
  call(method: string, url: string, s?: Session, payload?: unknown): Promise<LightMyRequestResponse>;
  /** A model copied from a template and activated; returns the model id and the active version id. */
  activeModel(templateKey?: string): Promise<{ modelId: string; versionId: string }>;
}

/** An organisation with two departments, a manager of A, an agent employed in A, a quality specialist. */
export async function qualityOrg(ctx: TestContext, name = "Amet"): Promise<QualityOrg> {
  const org = await createTestOrg(ctx, name);
  const db = ctx.deps.db;
  const deptA = `dept-a-${unique()}`;
  const deptB = `dept-b-${unique()}`;
  await db.insert(department).values([
    { orgId: org.orgId, id: deptA, name: "Klienditeenindus" },
    { orgId: org.orgId, id: deptB, name: "Pensionid" },
  ]);
  const manager = await org.as("manager");
  const agent = await org.as("agent");
  const specialist = await org.as("quality_specialist");
  const agentEmployee = `emp-a-${unique()}`;
  const otherEmployee = `emp-o-${unique()}`;
  const archivedEmployee = `emp-x-${unique()}`;
  await db.insert(employee).values([
    {
      orgId: org.orgId,
      id: `emp-m-${unique()}`,
      name: "Mari Juht",
      departmentId: deptA,
      userId: manager.userId,
    },
    { orgId: org.orgId, id: agentEmployee, name: "Andres Agent", departmentId: deptA, userId: agent.userId },
    { orgId: org.orgId, id: otherEmployee, name: "Olev Teine", departmentId: deptB },
    {
      orgId: org.orgId,
      id: archivedEmployee,
      name: "Arhiivi Anu",
      departmentId: deptA,
      archivedAt: new Date(),
    },
  ]);
  const call = (
    method: string,
    url: string,
    s?: Session,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    ctx.app.inject({
      method: method as "GET",
      url,
      headers: s ? asUser(s) : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    ...org,
    deptA,
    deptB,
    manager,
    agent,
    specialist,
    agentEmployee,
    otherEmployee,
    archivedEmployee,
    call,
    async activeModel(templateKey = "ska_phone") {
      const res = await call("POST", "/api/v1/quality/models", org.owner, {
        name: `M ${unique()}`,
        templateKey,
      });
      assert.equal(res.statusCode, 201, res.body);
      const modelId = res.json().id;
      const act = await call("POST", `/api/v1/quality/models/${modelId}/versions/1/activate`, org.owner);
      assert.equal(act.statusCode, 200, act.body);
      return { modelId, versionId: act.json().versions[0].id };
    },
  };
}
