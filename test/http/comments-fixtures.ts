import { randomUUID } from "node:crypto";
import { channel, department, employee, response, service } from "../../src/db/schema.ts";
import { standardDefinition } from "../../src/domain/survey-definition.ts";
import { createSurvey } from "../../src/modules/surveys/surveys.ts";
import type { TestContext, TestOrg } from "../helpers/app.ts";

/** One answer of the fixture; `key` names it in assertions. */
export interface TFixtureAnswer {
  key: string;
  score: number;
  comment: string | null;
  locale: string;
  employee: "agent" | "other" | null;
  service: "s1" | "s2" | null;
  at: Date;
  satisfaction?: number | null;
  respondentName?: string;
  respondentEmail?: string;
}

/** Comments in Estonian, Russian and English, spread over three months, two employees and two services. */
export const COMMENT_ANSWERS: TFixtureAnswer[] = [
  {
    key: "et-praise",
    score: 10,
    comment: "Väga meeldiv teenindus, aitäh Marile!",
    locale: "et",
    employee: "agent",
    service: "s1",
    at: new Date("2026-01-05T10:00:00Z"),
    respondentName: "Kalle Kundsen",
    respondentEmail: "kalle.kundsen@example.test",
  },
  {
    key: "et-inflected",
    score: 9,
    comment: "Teenindusega jäin rahule, kiire ja sõbralik.",
    locale: "et",
    employee: "other",
    service: "s1",
    at: new Date("2026-01-10T10:00:00Z"),
  },
  {
    key: "et-waiting",
    score: 3,
    comment: "Ootamine oli liiga pikk ja järjekord aeglane.",
    locale: "et",
    employee: "other",
    service: "s2",
    at: new Date("2026-02-02T10:00:00Z"),
  },
  {
    key: "ru-exact",
    score: 10,
    comment: "Спасибо за отличное обслуживание!",
    locale: "ru",
    employee: "agent",
    service: "s2",
    at: new Date("2026-02-05T10:00:00Z"),
  },
  {
    key: "ru-inflected",
    score: 7,
    comment: "Обслуживанием доволен, но долго ждал.",
    locale: "ru",
    employee: "other",
    service: "s1",
    at: new Date("2026-02-10T10:00:00Z"),
  },
  {
    key: "ru-queue",
    score: 2,
    comment: "Очень долгое ожидание в очереди.",
    locale: "ru",
    employee: "agent",
    service: "s2",
    at: new Date("2026-03-01T10:00:00Z"),
  },
  {
    key: "no-comment",
    score: 8,
    comment: null,
    locale: "et",
    employee: "agent",
    service: "s1",
    at: new Date("2026-03-02T10:00:00Z"),
  },
  {
    key: "en-passive",
    score: 8,
    comment: "Friendly staff, clear answers.",
    locale: "en",
    employee: null,
    service: null,
    at: new Date("2026-03-03T10:00:00Z"),
  },
];

export interface TCommentFixture {
  surveyId: string;
  deptA: string;
  deptB: string;
  agentEmp: string;
  otherEmp: string;
  s1: string;
  s2: string;
  channelId: string;
  /** Answer ids by fixture key. */
  ids: Record<string, string>;
  /** Fixture key by answer id. */
  keyOf: Map<string, string>;
}

/**
 * Catalogue (two departments, an agent linked to their user and a colleague, two services, a channel), a survey
 * and the given answers, all in `org`.
 */
export async function seedComments(
  ctx: TestContext,
  org: TestOrg,
  answers: TFixtureAnswer[] = COMMENT_ANSWERS,
): Promise<TCommentFixture> {
  const db = ctx.deps.db;
  const agent = await org.as("agent");
  const f = {
    deptA: randomUUID(),
    deptB: randomUUID(),
    agentEmp: randomUUID(),
    otherEmp: randomUUID(),
    s1: randomUUID(),
    s2: randomUUID(),
    channelId: randomUUID(),
  };
  await db.insert(department).values([
    { orgId: org.orgId, id: f.deptA, name: "Teenindus" },
    { orgId: org.orgId, id: f.deptB, name: "Menetlus" },
  ]);
  await db.insert(employee).values([
    { orgId: org.orgId, id: f.agentEmp, name: "Mari Maasikas", departmentId: f.deptA, userId: agent.userId },
    { orgId: org.orgId, id: f.otherEmp, name: "Jüri Õunapuu", departmentId: f.deptB },
  ]);
  await db.insert(service).values([
    {
      orgId: org.orgId,
      id: f.s1,
      names: { et: "Pensioni taotlemine", en: "Pension application" },
      type: "e_service",
      audience: "external",
    },
    {
      orgId: org.orgId,
      id: f.s2,
      names: { et: "Nõustamine", en: "Advice" },
      type: "customer_service",
      audience: "external",
    },
  ]);
  await db.insert(channel).values({ orgId: org.orgId, id: f.channelId, names: { et: "Telefon" } });
  const survey = await createSurvey(db, org.orgId, {
    name: "Tagasiside",
    kind: "transactional",
    definition: standardDefinition({ locales: ["et", "ru", "en"] }),
  });
  const ids: Record<string, string> = {};
  const rows = answers.map((a) => {
    ids[a.key] = randomUUID();
    const emp = a.employee === "agent" ? f.agentEmp : a.employee === "other" ? f.otherEmp : null;
    return {
      orgId: org.orgId,
      id: ids[a.key],
      surveyId: survey.id,
      surveyVersion: 1,
      score: a.score,
      satisfaction: a.satisfaction ?? null,
      comment: a.comment,
      locale: a.locale,
      employeeId: emp,
      departmentId: a.employee === "agent" ? f.deptA : a.employee === "other" ? f.deptB : null,
      serviceId: a.service ? f[a.service] : null,
      channelId: f.channelId,
      audience: "external",
      source: "api",
      respondentName: a.respondentName ?? null,
      respondentEmail: a.respondentEmail ?? null,
      receivedAt: a.at,
    };
  });
  if (rows.length) await db.insert(response).values(rows);
  const keyOf = new Map(Object.entries(ids).map(([k, id]) => [id, k]));
  return { surveyId: survey.id, ...f, ids, keyOf };
}

/**
 * `count` answers spread over the days of `month` (YYYY-MM, 10:00 UTC), with scores and satisfaction cycling through
 * fixed patterns; every `withoutServiceEvery`-th answer has no service, so that group stays small.
 */
export function spreadAnswers(
  month: string,
  count: number,
  { prefix = month, scores = [10, 9, 9, 8, 7, 10, 3, 6, 9, 10, 5, 8, 0, 9], withoutServiceEvery = 17 } = {},
): TFixtureAnswer[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}-${i}`,
    score: scores[i % scores.length],
    satisfaction: scores[(i * 5 + 3) % scores.length],
    comment: i % 4 === 0 ? `Kommentaar ${i}: "tänan", teenindus, järjekord` : null,
    locale: i % 3 === 0 ? "ru" : "et",
    employee: i % 2 === 0 ? "agent" : "other",
    service: i % withoutServiceEvery === 0 ? null : i % 3 === 0 ? "s2" : "s1",
    at: new Date(`${month}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00Z`),
  }));
}
