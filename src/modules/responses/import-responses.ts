import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import { channel, department, employee, response, service } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import { nulColumns, parseInstant, ZScoreText } from "../../http/strict-input.ts";
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
  service_id: optional(z.uuid()),
  department_id: optional(z.uuid()),
  employee_id: optional(z.uuid()),
  channel_id: optional(z.uuid()),
  audience: optional(z.enum(["external", "internal", "partner"])),
});

export interface TImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  alreadyImported: number;
  imported: number;
  errors: { line: number; reason: string }[];
}

/** Imports historical answers from CSV into a survey; a dry run only reports. Idempotent on external_id. */
export async function importResponses(
  db: Db,
  orgId: string,
  surveyId: string,
  csv: string,
  { dryRun }: { dryRun: boolean },
): Promise<TImportReport> {
  const s = await getSurvey(db, orgId, surveyId);
  const records = await readRecords(csv);
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (records.length && (missing.length || unknown.length)) {
    throw new AppError("VALIDATION", {
      detail: [
        missing.length ? `missing columns: ${missing.join(", ")}` : "",
        unknown.length ? `unknown columns: ${unknown.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; "),
    });
  }
  const refs = await loadRefs(db, orgId);
  const errors: TImportReport["errors"] = [];
  const good: (typeof response.$inferInsert)[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const line = info.lines;
    const nul = nulColumns(record);
    if (nul.length) {
      errors.push({ line, reason: nul.join("; ") });
      continue;
    }
    const parsed = ZRow.safeParse(record);
    if (!parsed.success) {
      errors.push({
        line,
        reason: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      continue;
    }
    const r = parsed.data;
    const locale = r.locale ?? s.definition.defaultLocale;
    const problems = [
      s.definition.locales.includes(locale) ? null : `locale: "${locale}" is not a language of this survey`,
      r.satisfaction !== undefined && !s.definition.satisfaction
        ? "satisfaction: this survey has no satisfaction question"
        : null,
      ...(["service_id", "department_id", "employee_id", "channel_id"] as const).map((k) =>
        r[k] && !refs[k].has(r[k]) ? `${k}: no such record in your organisation` : null,
      ),
      seen.has(r.external_id) ? `external_id: "${r.external_id}" appears earlier in the file` : null,
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
      locale,
      serviceId: r.service_id ?? null,
      departmentId: r.department_id ?? null,
      employeeId: r.employee_id ?? null,
      channelId: r.channel_id ?? null,
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
        throw new AppError("PAYLOAD_TOO_LARGE", { detail: `At most ${MAX_IMPORT_ROWS} rows per file.` });
      }
      records.push(r);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("VALIDATION", { detail: `The file is not valid CSV: ${(err as Error).message}` });
  }
  return records;
}

async function loadRefs(db: Db, orgId: string) {
  const ids = async (t: typeof service | typeof department | typeof employee | typeof channel) =>
    new Set((await db.select({ id: t.id }).from(t).where(inOrg(t, orgId))).map((r) => r.id));
  return {
    service_id: await ids(service),
    department_id: await ids(department),
    employee_id: await ids(employee),
    channel_id: await ids(channel),
  };
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
