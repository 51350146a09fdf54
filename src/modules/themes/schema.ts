import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organization, response } from "../../db/schema.ts";
import type { TTextLanguage } from "../../domain/text/languages.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export type TThemeNames = Record<TTextLanguage, string>;
export type TThemeKeywords = Record<TTextLanguage, string[]>;

/** A theme an organisation looks for in comments, with its keywords per language. Archived, never deleted. */
export const theme = pgTable(
  "theme",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    key: text("key").notNull(),
    names: jsonb("names").$type<TThemeNames>().notNull(),
    keywords: jsonb("keywords").$type<TThemeKeywords>().notNull(),
    archivedAt: tz("archived_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex("theme_org_key_uq").on(t.orgId, t.key)],
);

/**
 * What the text analysis found in one answer's comment: its themes and tone. Written in the background (job
 * `analyse-comments`), so storing an answer does not wait for it; `themes_hash` names the theme list it was
 * computed with, and a comment whose hash differs from the organisation's current one is analysed again.
 */
export const commentAnalysis = pgTable(
  "comment_analysis",
  {
    orgId: text("org_id").notNull(),
    responseId: text("response_id").notNull(),
    themeIds: text("theme_ids").array().notNull().default(sql`'{}'::text[]`),
    /** positive | negative | mixed | neutral, from the words and the score. */
    tone: text("tone").notNull(),
    /** The tone of the words alone. */
    textTone: text("text_tone").notNull(),
    /** The words say the opposite of the score. */
    disagrees: boolean("disagrees").notNull(),
    /** et | ru | en; null when the comment's language is not analysed (its tone then comes from the score). */
    language: text("language"),
    themesHash: text("themes_hash").notNull(),
    analysedAt: tz("analysed_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.responseId] }),
    foreignKey({
      columns: [t.orgId, t.responseId],
      foreignColumns: [response.orgId, response.id],
    }).onDelete("cascade"),
    index("comment_analysis_theme_ids_idx").using("gin", t.themeIds),
  ],
);
