import type { Response as LightMyRequestResponse } from "light-my-request";
import { department, employee, service } from "../../src/db/schema.ts";
import { kpiQueue } from "../../src/modules/kpi/schema.ts";
import { asUser, createTestOrg, type Session, type TestContext, type TestOrg } from "../helpers/app.ts";

export interface KpiOrg extends TestOrg {
  call(
    method: string,
    url: string,
    s?: Session | { bearer: string },
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

/** An organisation with queues q1, q2 (calls), office1 (office visits), services s1, s2, employees e1 (dept d1), e2. */
export async function kpiOrg(ctx: TestContext, name = "Amet"): Promise<KpiOrg> {
  const org = await createTestOrg(ctx, name);
  const db = ctx.deps.db;
  await db.insert(department).values({ orgId: org.orgId, id: "d1", name: "Klienditeenindus" });
  await db.insert(service).values([
    { orgId: org.orgId, id: "s1", names: { et: "Pension" }, type: "phone", audience: "citizen" },
    {
      orgId: org.orgId,
      id: "s2",
      names: { et: "Toetus" },
      type: "phone",
      audience: "citizen",
      departmentId: "d1",
    },
  ]);
  await db.insert(employee).values([
    { orgId: org.orgId, id: "e1", name: "Eve", departmentId: "d1" },
    { orgId: org.orgId, id: "e2", name: "Ott" },
  ]);
  await db.insert(kpiQueue).values([
    { orgId: org.orgId, id: "q1", name: "Infoliin", kind: "call" },
    { orgId: org.orgId, id: "q2", name: "Pensioniliin", kind: "call" },
    { orgId: org.orgId, id: "office1", name: "Tallinna büroo", kind: "office_visit" },
  ]);
  const call = (method: string, url: string, s?: Session | { bearer: string }, payload?: unknown) =>
    ctx.app.inject({
      method: method as "GET",
      url,
      headers: !s ? {} : "bearer" in s ? { authorization: `Bearer ${s.bearer}` } : asUser(s),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return { ...org, call };
}
