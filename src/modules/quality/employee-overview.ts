import { count, desc, eq, gte, inArray, isNotNull, isNull, lt, ne } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { employee, organization, praise, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { qualityBand, roundPercentHalfUp } from "../../domain/quality-score.ts";
import { followUpCase } from "../followup/schema.ts";
import { findKpis } from "../kpi/find-kpis.ts";
import { findReplyCompliance } from "../kpi/written-requests.ts";
import { emptyCounts, figuresFromCounts } from "../insights/figures.ts";
import { agreementOut } from "./evaluations.ts";
import { managedDepartments } from "./evaluation-scope.ts";
import { notFound } from "./problems.ts";
import { monthRange } from "./report.ts";
import { qualityAgreement, qualityEvaluation, qualityModelVersion } from "./schema.ts";
import { getQualitySettings } from "./settings.ts";

const WHOLE_ORGANISATION = new Set(["owner", "admin", "analyst", "quality_specialist"]);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The median of the numbers, or null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Whether the actor may open the employee's page: themselves, their manager, or an organisation-wide role. */
async function mayView(db: Db, actor: TActor, e: { userId: string | null; departmentId: string | null }) {
  if (actor.kind !== "user") return false;
  if (WHOLE_ORGANISATION.has(actor.role) || e.userId === actor.userId) return true;
  if (actor.role !== "manager" || !e.departmentId) return false;
  return (await managedDepartments(db, actor)).includes(e.departmentId);
}

/** Answer counts (recommendation and satisfaction scores) per employee over the period. */
async function answerCounts(db: Db, orgId: string, employeeIds: string[], start: Date, end: Date) {
  const rows = await db
    .select({ employeeId: response.employeeId, score: response.score, satisfaction: response.satisfaction })
    .from(response)
    .where(
      inOrg(
        response,
        orgId,
        inArray(response.employeeId, employeeIds),
        gte(response.receivedAt, start),
        lt(response.receivedAt, end),
      ),
    );
  const byEmployee = new Map(employeeIds.map((id) => [id, emptyCounts()]));
  for (const r of rows) {
    const c = byEmployee.get(r.employeeId as string);
    if (!c) continue;
    c.r[r.score]++;
    if (r.satisfaction !== null) c.s[r.satisfaction]++;
  }
  return byEmployee;
}

/**
 * One employee's page: NPS and satisfaction of their answers (withheld under the minimum sample), approved praise,
 * QA totals and sections by month and channel with bands, open and missed agreements, follow-up cases by state,
 * and the team (department) medians to compare with — never another named colleague's figures.
 */
export async function employeeOverview(db: Db, actor: TActor, id: string, from: string, to: string) {
  const orgId = actor.orgId;
  const [e] = await db
    .select()
    .from(employee)
    .where(inOrg(employee, orgId, eq(employee.id, id)));
  if (!e || !(await mayView(db, actor, e))) throw notFound("employee");
  const [first, last] = monthRange(from, to);
  const start = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const [org] = await db
    .select({ minSample: organization.minSample })
    .from(organization)
    .where(eq(organization.id, orgId));
  const team = e.departmentId
    ? (
        await db
          .select({ id: employee.id })
          .from(employee)
          .where(
            inOrg(employee, orgId, eq(employee.departmentId, e.departmentId), isNull(employee.archivedAt)),
          )
      ).map((t) => t.id)
    : [];
  const counts = await answerCounts(db, orgId, [...new Set([id, ...team])], start, end);
  const figures = figuresFromCounts(counts.get(id) ?? emptyCounts(), org.minSample);
  const teamNps = team
    .map((t) => figuresFromCounts(counts.get(t) ?? emptyCounts(), org.minSample).nps)
    .filter((n): n is number => n !== null);
  const settings = await getQualitySettings(db, orgId);
  const evaluations = await db
    .select({ e: qualityEvaluation, definition: qualityModelVersion.definition })
    .from(qualityEvaluation)
    .innerJoin(
      qualityModelVersion,
      inOrg(
        qualityModelVersion,
        qualityEvaluation.orgId,
        eq(qualityModelVersion.id, qualityEvaluation.modelVersionId),
      ),
    )
    .where(
      inOrg(
        qualityEvaluation,
        orgId,
        team.length
          ? inArray(qualityEvaluation.employeeId, [...new Set([id, ...team])])
          : eq(qualityEvaluation.employeeId, id),
        ne(qualityEvaluation.state, "draft"),
        isNull(qualityEvaluation.supersededAt),
        gte(qualityEvaluation.contactDate, first),
        lt(qualityEvaluation.contactDate, end.toISOString().slice(0, 10)),
      ),
    );
  const own = evaluations.filter((x) => x.e.employeeId === id);
  const trendMap = new Map<
    string,
    {
      month: string;
      channel: string;
      totals: number[];
      sections: Map<string, { title: string; pcts: number[] }>;
    }
  >();
  for (const { e: ev, definition } of own) {
    const key = `${ev.contactDate.slice(0, 7)}|${ev.channel}`;
    const t = trendMap.get(key) ?? {
      month: ev.contactDate.slice(0, 7),
      channel: ev.channel,
      totals: [] as number[],
      sections: new Map<string, { title: string; pcts: number[] }>(),
    };
    t.totals.push(ev.totalPct ?? 0);
    for (const s of ev.sections) {
      if (s.pct === null) continue;
      const acc = t.sections.get(s.key) ?? {
        title: definition.sections.find((d) => d.key === s.key)?.title ?? s.key,
        pcts: [],
      };
      acc.pcts.push(s.pct);
      t.sections.set(s.key, acc);
    }
    trendMap.set(key, t);
  }
  const mean = (xs: number[]) => round2(xs.reduce((s, x) => s + x, 0) / xs.length);
  const qaTrend = [...trendMap.values()]
    .sort((x, y) => x.month.localeCompare(y.month) || x.channel.localeCompare(y.channel))
    .map((t) => {
      const averagePct = mean(t.totals);
      return {
        month: t.month,
        channel: t.channel,
        evaluations: t.totals.length,
        averagePct,
        band: qualityBand(roundPercentHalfUp(averagePct), settings.bands),
        sections: [...t.sections].map(([key, s]) => ({ key, title: s.title, averagePct: mean(s.pcts) })),
      };
    });
  const perTeamMember = new Map<string, number[]>();
  for (const { e: ev } of evaluations)
    perTeamMember.set(ev.employeeId, [...(perTeamMember.get(ev.employeeId) ?? []), ev.totalPct ?? 0]);
  const [praiseRows, agreements, cases, calls, replies] = await Promise.all([
    db
      .select({ text: praise.text, approvedAt: praise.approvedAt })
      .from(praise)
      .where(inOrg(praise, orgId, eq(praise.employeeId, id), isNotNull(praise.approvedAt)))
      .orderBy(desc(praise.approvedAt))
      .limit(20),
    db
      .select()
      .from(qualityAgreement)
      .where(
        inOrg(
          qualityAgreement,
          orgId,
          eq(qualityAgreement.employeeId, id),
          ne(qualityAgreement.state, "done"),
        ),
      )
      .orderBy(qualityAgreement.deadline),
    db
      .select({ state: followUpCase.state, n: count() })
      .from(followUpCase)
      .where(
        inOrg(
          followUpCase,
          orgId,
          eq(followUpCase.employeeId, id),
          gte(followUpCase.openedAt, start),
          lt(followUpCase.openedAt, end),
        ),
      )
      .groupBy(followUpCase.state),
    findKpis(db, orgId, { from: first, to: last, period: "month", by: "none", kind: "call", employeeId: id }),
    findReplyCompliance(db, orgId, { from: first, to: last, employeeId: id }),
  ]);
  return {
    employee: { id: e.id, name: e.name, departmentId: e.departmentId, archived: e.archivedAt !== null },
    from,
    to,
    figures,
    praise: praiseRows.map((p) => ({ text: p.text, approvedAt: (p.approvedAt as Date).toISOString() })),
    quality: {
      evaluations: own.length,
      averagePct: own.length ? mean(own.map((x) => x.e.totalPct ?? 0)) : null,
      trend: qaTrend,
    },
    agreements: agreements.map(agreementOut),
    cases: Object.fromEntries(cases.map((c) => [c.state, Number(c.n)])),
    kpi: { calls: calls.total, writtenReplies: replies },
    team: {
      departmentId: e.departmentId,
      employees: team.length,
      npsMedian: median(teamNps),
      qualityMedianPct: median([...perTeamMember.values()].map(mean)),
    },
  };
}
