import { eq, gte, inArray, isNull, lte, ne } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { department } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { ScorecardModel } from "../../domain/scorecard-model.ts";
import { evaluationScope } from "./evaluation-scope.ts";
import { qualityEvaluation, qualityEvaluationScore, qualityModelVersion } from "./schema.ts";

type TBandCounts = { very_good: number; good: number; modest: number };
export interface TGroup {
  key: string;
  label: string;
  evaluations: number;
  /** Mean of the unrounded totals, rounded to 2 decimals. */
  averagePct: number;
  bands: TBandCounts;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const monthOf = (date: string) => date.slice(0, 7);

/** The first and last day of a range of months (YYYY-MM). */
export function monthRange(from: string, to: string): [string, string] {
  const [y, m] = to.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${from}-01`, `${to}-${String(last).padStart(2, "0")}`];
}

/** Submitted (not draft), current evaluations the actor sees whose contact lies in the months. */
export async function reportedEvaluations(db: Db, actor: TActor, from: string, to: string) {
  const [first, last] = monthRange(from, to);
  return db
    .select()
    .from(qualityEvaluation)
    .where(
      inOrg(
        qualityEvaluation,
        actor.orgId,
        await evaluationScope(db, actor),
        ne(qualityEvaluation.state, "draft"),
        isNull(qualityEvaluation.supersededAt),
        gte(qualityEvaluation.contactDate, first),
        lte(qualityEvaluation.contactDate, last),
      ),
    );
}

function group<T>(
  items: T[],
  keyOf: (item: T) => string,
  totalOf: (item: T) => number,
  bandOf: (item: T) => string,
) {
  const groups = new Map<string, { n: number; sum: number; bands: TBandCounts }>();
  for (const item of items) {
    const key = keyOf(item);
    const g = groups.get(key) ?? { n: 0, sum: 0, bands: { very_good: 0, good: 0, modest: 0 } };
    g.n++;
    g.sum += totalOf(item);
    g.bands[bandOf(item) as keyof TBandCounts]++;
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => ({
    key,
    evaluations: g.n,
    averagePct: round2(g.sum / g.n),
    bands: g.bands,
  }));
}

/**
 * Quality figures over the months: by department, channel and month (average total and band counts), per model
 * section (average section %), and per criterion how often it scored below its maximum (most failing first).
 */
export async function qualityReport(db: Db, actor: TActor, from: string, to: string) {
  const rows = await reportedEvaluations(db, actor, from, to);
  const total = (e: (typeof rows)[number]) => e.totalPct ?? 0;
  const band = (e: (typeof rows)[number]) => e.band ?? "modest";
  const departments = await db
    .select({ id: department.id, name: department.name })
    .from(department)
    .where(inOrg(department, actor.orgId));
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const versionIds = [...new Set(rows.map((e) => e.modelVersionId))];
  const versions = versionIds.length
    ? await db
        .select({
          id: qualityModelVersion.id,
          modelId: qualityModelVersion.modelId,
          definition: qualityModelVersion.definition,
        })
        .from(qualityModelVersion)
        .where(inOrg(qualityModelVersion, actor.orgId, inArray(qualityModelVersion.id, versionIds)))
    : [];
  const definitionOf = new Map<string, ScorecardModel>(versions.map((v) => [v.id, v.definition]));
  // Sections: mean of section % over the evaluations where the section applied.
  const sectionAcc = new Map<
    string,
    { modelId: string; key: string; title: string; n: number; sum: number }
  >();
  for (const e of rows) {
    const def = definitionOf.get(e.modelVersionId);
    for (const s of e.sections) {
      if (s.pct === null) continue;
      const id = `${e.modelId}|${s.key}`;
      const acc = sectionAcc.get(id) ?? {
        modelId: e.modelId,
        key: s.key,
        title: def?.sections.find((x) => x.key === s.key)?.title ?? s.key,
        n: 0,
        sum: 0,
      };
      acc.n++;
      acc.sum += s.pct;
      sectionAcc.set(id, acc);
    }
  }
  const scores = rows.length
    ? await db
        .select()
        .from(qualityEvaluationScore)
        .where(
          inOrg(
            qualityEvaluationScore,
            actor.orgId,
            inArray(
              qualityEvaluationScore.evaluationId,
              rows.map((e) => e.id),
            ),
            eq(qualityEvaluationScore.notApplicable, false),
          ),
        )
    : [];
  const evaluationOf = new Map(rows.map((e) => [e.id, e]));
  const criterionAcc = new Map<
    string,
    {
      modelId: string;
      key: string;
      sectionKey: string;
      text: string;
      scored: number;
      failed: number;
      sumPct: number;
    }
  >();
  for (const s of scores) {
    const e = evaluationOf.get(s.evaluationId);
    if (!e) continue;
    const criterion = definitionOf
      .get(e.modelVersionId)
      ?.sections.flatMap((x) => x.criteria)
      .find((c) => c.key === s.criterionKey);
    if (!criterion) continue;
    const id = `${e.modelId}|${s.criterionKey}`;
    const acc = criterionAcc.get(id) ?? {
      modelId: e.modelId,
      key: s.criterionKey,
      sectionKey: s.sectionKey,
      text: criterion.text,
      scored: 0,
      failed: 0,
      sumPct: 0,
    };
    const value = s.value ?? 0;
    acc.scored++;
    if (value < criterion.max) acc.failed++;
    acc.sumPct += (value / criterion.max) * 100;
    criterionAcc.set(id, acc);
  }
  return {
    from,
    to,
    evaluations: rows.length,
    averagePct: rows.length ? round2(rows.reduce((sum, e) => sum + total(e), 0) / rows.length) : null,
    bands: group(rows, () => "all", total, band)[0]?.bands ?? { very_good: 0, good: 0, modest: 0 },
    byDepartment: group(rows, (e) => e.departmentId ?? "", total, band).map((g) => ({
      ...g,
      label: deptName.get(g.key) ?? "",
    })),
    byChannel: group(rows, (e) => e.channel, total, band).map((g) => ({ ...g, label: g.key })),
    byMonth: group(rows, (e) => monthOf(e.contactDate), total, band)
      .map((g) => ({ ...g, label: g.key }))
      .sort((x, y) => x.key.localeCompare(y.key)),
    sections: [...sectionAcc.values()].map((s) => ({
      modelId: s.modelId,
      sectionKey: s.key,
      title: s.title,
      evaluations: s.n,
      averagePct: round2(s.sum / s.n),
    })),
    criteria: [...criterionAcc.values()]
      .map((c) => ({
        modelId: c.modelId,
        criterionKey: c.key,
        sectionKey: c.sectionKey,
        text: c.text,
        scored: c.scored,
        failed: c.failed,
        failedPct: round2((c.failed / c.scored) * 100),
        averagePct: round2(c.sumPct / c.scored),
      }))
      .sort((x, y) => y.failedPct - x.failedPct || x.criterionKey.localeCompare(y.criterionKey)),
  };
}

export type TQualityReport = Awaited<ReturnType<typeof qualityReport>>;

/** The report as one flat table for CSV / XLSX: one row per department, channel, month, section and criterion. */
export function reportRows(r: TQualityReport) {
  const groups = (dimension: string, list: TGroup[]) =>
    list.map((g) => ({
      dimension,
      key: g.key,
      label: g.label,
      evaluations: g.evaluations,
      averagePct: g.averagePct,
      veryGood: g.bands.very_good as number | null,
      good: g.bands.good as number | null,
      modest: g.bands.modest as number | null,
      failedPct: null as number | null,
    }));
  return [
    ...groups("department", r.byDepartment),
    ...groups("channel", r.byChannel),
    ...groups("month", r.byMonth),
    ...r.sections.map((s) => ({
      dimension: "section",
      key: `${s.modelId}/${s.sectionKey}`,
      label: s.title,
      evaluations: s.evaluations,
      averagePct: s.averagePct,
      veryGood: null,
      good: null,
      modest: null,
      failedPct: null,
    })),
    ...r.criteria.map((c) => ({
      dimension: "criterion",
      key: `${c.modelId}/${c.criterionKey}`,
      label: c.text,
      evaluations: c.scored,
      averagePct: c.averagePct,
      veryGood: null,
      good: null,
      modest: null,
      failedPct: c.failedPct,
    })),
  ];
}
