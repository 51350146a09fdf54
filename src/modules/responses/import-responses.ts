import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { nulColumns, parseInstant, ZScoreText } from "../../http/strict-input.ts";
import { t } from "../../i18n/account-mail.ts";
import {
  loadCatalogueRefs,
  referenceProblem,
  type TRefKind,
  type TRefMatch,
} from "../catalog/resolve-refs.ts";
import { AUDIENCES } from "../catalog/routes.ts";
import { getSurvey } from "../surveys/surveys.ts";
import { MAX_COMMENT } from "../../domain/survey-answer.ts";

/** Columns of the import file; the header row names them, in any order. */
export const IMPORT_COLUMNS = [
  "external_id",
  "received_at",
  "score",
  "satisfaction",
  "comment",
  "locale",
  "service_id",
  "department_id",
  "employee_id",
  "channel_id",
  "audience",
] as const;
const REQUIRED = ["external_id", "received_at", "score"] as const;
export const MAX_IMPORT_ROWS = 100_000;

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? undefined : v), s.optional());
const ZRow = z.object({
  external_id: z.string().trim().min(1).max(200),
  received_at: z
    .string()
    .trim()
    // A space between date and time is common in spreadsheets; the rest is ISO 8601 on a real date.
    .transform((v, ctx) => {
      const at = parseInstant(v.replace(" ", "T"));
      if (at) return at;
      ctx.addIssue({
        code: "custom",
        message: "must be an ISO 8601 date or date-time on a real date (1900–2999)",
      });
      return z.NEVER;
    }),
  score: ZScoreText,
  satisfaction: optional(ZScoreText),
  comment: optional(z.string().max(MAX_COMMENT, `at most ${MAX_COMMENT} characters`)),
  locale: optional(z.string()),
  // An id, a code or an exact name of the organisation's catalogue item (see resolve-refs.ts).
  service_id: optional(z.string()),
  department_id: optional(z.string()),
  employee_id: optional(z.string()),
  channel_id: optional(z.string()),
  audience: optional(z.enum(AUDIENCES)),
});

/** The catalogue table each reference column points at. */
const REF_COLUMNS = {
  service_id: "service",
  department_id: "department",
  employee_id: "employee",
  channel_id: "channel",
} as const satisfies Record<string, TRefKind>;

/** A column's problem in the row's language: each column has one sentence saying what it takes. */
function columnProblem(column: string, locale: string): string {
  if (column === "comment") return t(locale, "row.import.comment", { max: String(MAX_COMMENT) });
  if (column === "audience") return t(locale, "row.import.audience", { values: AUDIENCES.join(", ") });
  return t(locale, `row.import.${column}`);
}

export interface TImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  alreadyImported: number;
  imported: number;
  errors: { line: number; reason: string }[];
  /** What each catalogue value of the file was read as (an id, a code or a name). */
  matches: TRefMatch[];
}

/** Imports historical answers from CSV into a survey; a dry run only reports. Idempotent on external_id. */
export async function importResponses(
  db: Db,
  orgId: string,
  surveyId: string,
  csv: string,
  { dryRun, locale = "en" }: { dryRun: boolean; locale?: string },
): Promise<TImportReport> {
  const s = await getSurvey(db, orgId, surveyId);
  const records = await readRecords(csv);
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (records.length && (missing.length || unknown.length)) {
    const say = (l: string) =>
      [
        missing.length ? t(l, "problem.file.missingColumns", { columns: missing.join(", ") }) : "",
        unknown.length
          ? t(l, "problem.file.unknownColumns", {
              columns: unknown.join(", "),
              known: IMPORT_COLUMNS.join(", "),
            })
          : "",
      ]
        .filter(Boolean)
        .join("; ");
    throw new AppError("VALIDATION", {
      detail: say("en"),
      message: { key: "problem.file.columns", values: { problems: say(locale) } },
    });
  }
  const refs = await loadCatalogueRefs(db, orgId);
  const errors: TImportReport["errors"] = [];
  const good: (typeof response.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const line = info.lines;
    const nul = nulColumns(record);
    if (nul.length) {
      const columns = nul.map((n) => n.slice(0, n.indexOf(":")));
      errors.push({ line, reason: columns.map((column) => t(locale, "row.nul", { column })).join("; ") });
      continue;
    }
    const parsed = ZRow.safeParse(record);
    if (!parsed.success) {
      const columns = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
      errors.push({ line, reason: columns.map((c) => columnProblem(c, locale)).join("; ") });
      continue;
    }
    const r = parsed.data;
    const answerLocale = r.locale ?? s.definition.defaultLocale;
    const ids: Partial<Record<keyof typeof REF_COLUMNS, string>> = {};
    const refProblems: string[] = [];
    for (const [column, kind] of Object.entries(REF_COLUMNS) as [keyof typeof REF_COLUMNS, TRefKind][]) {
      const given = r[column]?.trim();
      if (!given) continue;
      const found = refs.resolveAt(kind, given, line);
      if (found.ok) ids[column] = found.item.id;
      else refProblems.push(referenceProblem(found, column, given, kind, locale));
    }
    const problems = [
      s.definition.locales.includes(answerLocale)
        ? null
        : t(locale, "row.import.surveyLocale", { value: answerLocale.slice(0, 40) }),
      r.satisfaction !== undefined && !s.definition.satisfaction
        ? t(locale, "row.import.noSatisfaction")
        : null,
      ...refProblems,
      seen.has(r.external_id) ? t(locale, "row.import.repeated", { value: r.external_id }) : null,
    ].filter(Boolean);
    if (problems.length) {
      errors.push({ line, reason: problems.join("; ") });
      continue;
    }
    seen.add(r.external_id);
    const at = r.received_at;
    good.push({
      orgId,
      id: randomUUID(),
      surveyId,
      surveyVersion: s.currentVersion,
      score: r.score,
      satisfaction: r.satisfaction ?? null,
      comment: r.comment?.trim() || null,
      locale: answerLocale,
      serviceId: ids.service_id ?? null,
      departmentId: ids.department_id ?? null,
      employeeId: ids.employee_id ?? null,
      channelId: ids.channel_id ?? null,
      audience: r.audience ?? null,
      source: "import",
      externalId: r.external_id,
      receivedAt: at,
      updatedAt: at,
    });
  }
  const existing = await existingExternalIds(
    db,
    orgId,
    good.map((g) => g.externalId as string),
  );
  const fresh = good.filter((g) => !existing.has(g.externalId as string));
  let imported = 0;
  if (!dryRun && fresh.length) {
    await db.transaction(async (tx) => {
      for (let i = 0; i < fresh.length; i += 1000) {
        const rows = await tx
          .insert(response)
          .values(fresh.slice(i, i + 1000))
          .onConflictDoNothing()
          .returning({ id: response.id });
        imported += rows.length;
      }
    });
  }
  return {
    dryRun,
    rows: records.length,
    valid: good.length,
    alreadyImported: good.length - fresh.length,
    imported: dryRun ? 0 : imported,
    errors,
    matches: refs.matches(),
  };
}

type TRecord = { record: Record<string, string>; info: { lines: number } };

/** The file's records, streamed and counted, so an oversized file is refused without being held parsed whole. */
async function readRecords(csv: string): Promise<TRecord[]> {
  const records: TRecord[] = [];
  const parser = Readable.from([csv]).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
      bom: true,
      trim: false,
      relax_column_count: false,
    }),
  );
  try {
    for await (const r of parser as AsyncIterable<TRecord>) {
      if (records.length === MAX_IMPORT_ROWS) {
        parser.destroy();
        throw new AppError("PAYLOAD_TOO_LARGE", {
          detail: `At most ${MAX_IMPORT_ROWS} rows per file.`,
          message: { key: "problem.file.tooManyRows", values: { max: String(MAX_IMPORT_ROWS) } },
        });
      }
      records.push(r);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", {
      detail: `The file is not valid CSV: ${(err as Error).message}`,
      message: { key: "problem.file.notCsv" },
    });
  }
  return records;
}

async function existingExternalIds(db: Db, orgId: string, externalIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < externalIds.length; i += 5000) {
    const chunk = externalIds.slice(i, i + 5000);
    const rows = await db
      .select({ e: response.externalId })
      .from(response)
      .where(inOrg(response, orgId, inArray(response.externalId, chunk)));
    for (const r of rows) if (r.e) found.add(r.e);
  }
  return found;
}
