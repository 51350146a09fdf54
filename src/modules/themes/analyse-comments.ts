import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { organization, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { isTextLanguage, TEXT_LANGUAGES, type TTextLanguage } from "../../domain/text/languages.ts";
import { compileThemes, matchThemes, type TCompiledTheme } from "../../domain/text/theme-match.ts";
import { toneOf } from "../../domain/text/tone.ts";
import { activeThemeKeywords } from "./themes.ts";

/** Bumped when the matching or tone method changes, so every comment is analysed again. */
const METHOD_VERSION = "text-1";
const BATCH = 500;

interface TOrgThemes {
  hash: string;
  compiled: Record<TTextLanguage, TCompiledTheme[]>;
}

/** The organisation's active themes compiled per language, and a hash naming them. */
export async function orgThemes(db: Db, orgId: string): Promise<TOrgThemes> {
  const themes = await activeThemeKeywords(db, orgId);
  const hash = createHash("sha256")
    .update(METHOD_VERSION)
    .update(JSON.stringify(themes))
    .digest("base64url")
    .slice(0, 22);
  const compiled = Object.fromEntries(
    TEXT_LANGUAGES.map((l) => [
      l,
      compileThemes(
        themes.map((t) => ({ key: t.id, keywords: t.keywords[l] })),
        l,
      ),
    ]),
  ) as Record<TTextLanguage, TCompiledTheme[]>;
  return { hash, compiled };
}

/** The language analysed for an answer's locale ("et-EE" → et), or null. */
const languageOf = (locale: string) => {
  const base = locale.slice(0, 2).toLowerCase();
  return isTextLanguage(base) ? base : null;
};

/** Comments of the organisation not analysed with the current themes yet: a count, or the first `limit`. */
export function staleComments(orgId: string, hash: string): SQL {
  return sql`from response
    left join comment_analysis a on a.org_id = response.org_id and a.response_id = response.id
    where ${inOrg(response, orgId)} and response.comment is not null and btrim(response.comment) <> ''
      and (a.response_id is null or a.themes_hash <> ${hash})`;
}

/** Analyses one batch of the organisation's waiting comments; returns how many it wrote. */
async function analyseBatch(db: Db, orgId: string, themes: TOrgThemes): Promise<number> {
  const result = await db.execute(
    sql`select response.id, response.comment, response.locale, response.score
      ${staleComments(orgId, themes.hash)} limit ${BATCH}`,
  );
  const rows = result.rows as { id: string; comment: string; locale: string; score: number }[];
  if (rows.length === 0) return 0;
  const values = rows.map((r) => {
    const language = languageOf(r.locale);
    const tone = toneOf(language ? r.comment : "", language ?? "en", r.score);
    const themeIds = language ? matchThemes(r.comment, themes.compiled[language], language) : [];
    return sql`(${orgId}, ${r.id}, ${`{${themeIds.join(",")}}`}::text[], ${tone.tone}, ${tone.textTone}, ${tone.disagreesWithScore}, ${language}, ${themes.hash}, now())`;
  });
  await db.execute(sql`insert into comment_analysis
      (org_id, response_id, theme_ids, tone, text_tone, disagrees, language, themes_hash, analysed_at)
    values ${sql.join(values, sql`, `)}
    on conflict (org_id, response_id) do update set theme_ids = excluded.theme_ids, tone = excluded.tone,
      text_tone = excluded.text_tone, disagrees = excluded.disagrees, language = excluded.language,
      themes_hash = excluded.themes_hash, analysed_at = excluded.analysed_at`);
  return rows.length;
}

/** Analyses the organisation's waiting comments, batch by batch, until none wait or `maxBatches` ran. */
export async function analyseComments(db: Db, orgId: string, { maxBatches = 20 } = {}): Promise<number> {
  const themes = await orgThemes(db, orgId);
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const written = await analyseBatch(db, orgId, themes);
    total += written;
    if (written < BATCH) break;
  }
  return total;
}

/** Every organisation's waiting comments (the background job); returns how many were analysed. */
export async function unsafeAnalyseAllComments(db: Db): Promise<number> {
  const orgs = await db.select({ id: organization.id }).from(organization);
  let total = 0;
  for (const { id } of orgs) total += await analyseComments(db, id);
  return total;
}
