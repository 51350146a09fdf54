import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import {
  channel,
  department,
  employee,
  response,
  service,
  survey,
  surveyInvitation,
} from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { standardDefinition } from "../../domain/survey-definition.ts";
import { createSurvey } from "../surveys/surveys.ts";
import { DEMO_COMMENTS, DEMO_DEPARTMENTS, DEMO_EMPLOYEES, DEMO_SERVICES } from "./demo-catalog.ts";

export const DEMO_SURVEY_SLUG = "demo-teenuse-tagasiside";
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so demo data is the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 0–10 score leaning up with `quality` in −1..1. */
function drawScore(rand: () => number, quality: number): number {
  const base = 7.2 + quality * 3 + (rand() - 0.5) * 6 + (rand() < 0.12 ? -4 : 0);
  return Math.max(0, Math.min(10, Math.round(base)));
}

export interface LoadDemoDataOptions {
  days?: number;
  invitationsPerDay?: number;
  now?: Date;
}

/** Fills an organisation with demo departments, services, employees, a survey and about a year of answers. */
export async function loadDemoData(
  deps: Pick<AppDeps, "db">,
  orgId: string,
  { days = 365, invitationsPerDay = 24, now = new Date() }: LoadDemoDataOptions = {},
) {
  const db = deps.db;
  const [exists] = await db
    .select({ id: survey.id })
    .from(survey)
    .where(inOrg(survey, orgId, eq(survey.slug, DEMO_SURVEY_SLUG)));
  if (exists) throw new AppError("CONFLICT", { message: { key: "problem.demo.exists" } });
  const rand = random(20_141_231);
  const depIds = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const id = randomUUID();
    depIds.set(d.key, id);
    await db
      .insert(department)
      .values({ orgId, id, name: d.name, parentId: d.parent ? depIds.get(d.parent) : null });
  }
  const services = DEMO_SERVICES.map((s) => ({ ...s, id: randomUUID() }));
  await db
    .insert(service)
    .values(
      services.map((s) => ({ orgId, id: s.id, names: { ...s.names }, type: s.type, audience: s.audience })),
    );
  const employees = DEMO_EMPLOYEES.map((e) => ({
    ...e,
    id: randomUUID(),
    departmentId: depIds.get(e.department) ?? null,
  }));
  await db.insert(employee).values(
    employees.map((e) => ({
      orgId,
      id: e.id,
      name: e.name,
      departmentId: e.departmentId,
      email: `${e.name.toLowerCase().replace(/[^a-z]+/g, ".")}@demo.kaja.ee`,
    })),
  );
  const channels = await db
    .select({ id: channel.id, kind: channel.kind })
    .from(channel)
    .where(inOrg(channel, orgId));
  const channelOf = (kind: string) => channels.find((c) => c.kind === kind)?.id ?? null;
  const demo = await createSurvey(db, orgId, {
    name: "Teenuse tagasiside (demo)",
    kind: "transactional",
    slug: DEMO_SURVEY_SLUG,
    definition: standardDefinition({ object: "service" }),
  });
  await createSurvey(db, orgId, {
    name: "Veebilehe tagasiside (demo)",
    kind: "website",
    slug: "demo-veebileht",
    definition: standardDefinition({ locales: ["et", "en", "ru"] }),
  });

  let invitations = 0;
  let answers = 0;
  for (let day = days; day >= 1; day--) {
    const invRows: (typeof surveyInvitation.$inferInsert)[] = [];
    const resRows: (typeof response.$inferInsert)[] = [];
    const dayStart = now.getTime() - day * DAY;
    const season = Math.sin((day / 365) * 2 * Math.PI) * 0.1;
    for (let i = 0; i < invitationsPerDay; i++) {
      const svc = services[Math.floor(rand() * services.length)];
      const emp = employees[Math.floor(rand() * employees.length)];
      const kind =
        emp.department === "phone"
          ? "phone"
          : emp.department === "eservices"
            ? "self_service"
            : rand() < 0.3
              ? "email"
              : "face_to_face";
      const sentAt = new Date(dayStart + (8 + rand() * 9) * 3_600_000);
      const id = randomUUID();
      const answered = rand() < 0.26;
      const locale = rand() < 0.8 ? "et" : rand() < 0.7 ? "ru" : "en";
      const tags = {
        serviceId: svc.id,
        departmentId: emp.departmentId,
        employeeId: emp.id,
        channelId: channelOf(kind),
        audience: svc.audience,
      };
      invRows.push({
        orgId,
        id,
        surveyId: demo.id,
        tokenHash: createHash("sha256").update(`demo:${id}`).digest("hex"),
        locale,
        ...tags,
        state: answered ? "answered" : "expired",
        occurredAt: new Date(sentAt.getTime() - DAY),
        scheduledAt: sentAt,
        sentAt,
        answeredAt: answered ? new Date(sentAt.getTime() + rand() * 2 * DAY) : null,
        expiresAt: new Date(sentAt.getTime() + 7 * DAY),
      });
      if (!answered) continue;
      const score = drawScore(rand, svc.quality + emp.skill + season);
      const group = score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
      const pool = DEMO_COMMENTS[group];
      const comment =
        rand() < 0.4
          ? pool[Math.floor(rand() * pool.length)].replace("{employee}", emp.name.split(" ")[0])
          : null;
      const receivedAt = new Date(sentAt.getTime() + rand() * 2 * DAY);
      resRows.push({
        orgId,
        id: randomUUID(),
        surveyId: demo.id,
        surveyVersion: 1,
        invitationId: id,
        score,
        satisfaction: Math.max(0, Math.min(10, score + Math.round((rand() - 0.5) * 3))),
        comment,
        locale,
        ...tags,
        source: "email",
        receivedAt: receivedAt > now ? now : receivedAt,
        updatedAt: receivedAt > now ? now : receivedAt,
      });
    }
    await db.transaction(async (tx) => {
      await tx.insert(surveyInvitation).values(invRows);
      if (resRows.length) await tx.insert(response).values(resRows);
    });
    invitations += invRows.length;
    answers += resRows.length;
  }
  return {
    departments: DEMO_DEPARTMENTS.length,
    services: services.length,
    employees: employees.length,
    surveys: 2,
    invitations,
    answers,
  };
}
