import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { inOrg } from "../../db/scope.ts";
import { STARTER_THEMES } from "../../domain/text/starter-themes.ts";
import { AppError, fieldProblem } from "../../http/errors.ts";
import type { TTheme, TThemeBody } from "./contracts.ts";
import { theme } from "./schema.ts";

const columns = {
  id: theme.id,
  key: theme.key,
  names: theme.names,
  keywords: theme.keywords,
  archivedAt: theme.archivedAt,
  createdAt: theme.createdAt,
  updatedAt: theme.updatedAt,
};

type TRow = { archivedAt: Date | null } & Omit<TTheme, "archived">;
const toTheme = ({ archivedAt, ...row }: TRow): TTheme => ({ ...row, archived: archivedAt !== null });

/** The organisation's themes (active ones, or with the archived too), by key. */
export async function findThemes(db: Db, orgId: string, { archived = false } = {}): Promise<TTheme[]> {
  const rows = await db
    .select(columns)
    .from(theme)
    .where(inOrg(theme, orgId, archived ? undefined : isNull(theme.archivedAt)))
    .orderBy(asc(theme.key));
  return rows.map(toTheme);
}

/** One theme, or 404 (also for another organisation's theme). */
export async function getTheme(db: Db, orgId: string, id: string): Promise<TTheme> {
  const [row] = await db
    .select(columns)
    .from(theme)
    .where(inOrg(theme, orgId, eq(theme.id, id)));
  if (!row) throw new AppError("NOT_FOUND", { message: { key: "problem.theme.notFound" } });
  return toTheme(row);
}

const duplicateKey = (key: string) =>
  fieldProblem(
    "body.key",
    { key: "problem.field.themeKeyTaken" },
    { code: "CONFLICT", detail: { key: "problem.theme.keyTaken", values: { key } } },
  );

async function keyTaken(db: Db, orgId: string, key: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: theme.id })
    .from(theme)
    .where(inOrg(theme, orgId, eq(theme.key, key)));
  return row !== undefined && row.id !== exceptId;
}

/** Adds a theme; 409 naming the key when the organisation has one with the same key. */
export async function createTheme(db: Db, orgId: string, body: TThemeBody): Promise<TTheme> {
  if (await keyTaken(db, orgId, body.key)) throw duplicateKey(body.key);
  const id = randomUUID();
  await db.insert(theme).values({ orgId, id, ...body });
  return getTheme(db, orgId, id);
}

/** Replaces a theme's key, names and keywords; its comments are analysed again in the background. */
export async function updateTheme(db: Db, orgId: string, id: string, body: TThemeBody): Promise<TTheme> {
  await getTheme(db, orgId, id);
  if (await keyTaken(db, orgId, body.key, id)) throw duplicateKey(body.key);
  await db
    .update(theme)
    .set({ ...body, updatedAt: new Date() })
    .where(inOrg(theme, orgId, eq(theme.id, id)));
  return getTheme(db, orgId, id);
}

/** Archives (or restores) a theme: it stops being assigned, and its figures leave the report. */
export async function setThemeArchived(
  db: Db,
  orgId: string,
  id: string,
  archived: boolean,
): Promise<TTheme> {
  await getTheme(db, orgId, id);
  await db
    .update(theme)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(inOrg(theme, orgId, eq(theme.id, id)));
  return getTheme(db, orgId, id);
}

/** Copies the starter themes the organisation does not have yet (by key); returns all its active themes. */
export async function addStarterThemes(db: Db, orgId: string): Promise<TTheme[]> {
  const existing = new Set((await findThemes(db, orgId, { archived: true })).map((t) => t.key));
  const missing = STARTER_THEMES.filter((t) => !existing.has(t.key));
  if (missing.length > 0)
    await db
      .insert(theme)
      .values(
        missing.map((t) => ({ orgId, id: randomUUID(), key: t.key, names: t.names, keywords: t.keywords })),
      )
      .onConflictDoNothing();
  return findThemes(db, orgId);
}

/** Active themes of an organisation for the analysis (id and keywords). */
export async function activeThemeKeywords(db: Db, orgId: string) {
  return db
    .select({ id: theme.id, keywords: theme.keywords })
    .from(theme)
    .where(and(inOrg(theme, orgId), isNull(theme.archivedAt)))
    .orderBy(asc(theme.id));
}
