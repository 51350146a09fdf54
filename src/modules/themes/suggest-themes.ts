import { and, eq, sql } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { clusterDocuments } from "../../domain/text/cluster.ts";
import type { TTextLanguage } from "../../domain/text/languages.ts";
import { stemmerFor } from "../../domain/text/stem.ts";
import { STOP_WORDS } from "../../domain/text/stop-words.ts";
import { tokenize } from "../../domain/text/tokens.ts";
import type { TThemeFilters } from "./contracts.ts";
import { findAnalysedComments } from "./comment-rows.ts";
import { commentAnalysis } from "./schema.ts";

/** The newest comments without a theme that are considered at most. */
const MAX_COMMENTS = 2000;
const EXAMPLES = 3;

/**
 * Clusters of recent comments in one language that match no theme, each with its typical words (the most frequent
 * written form of the cluster's heaviest stems) and the comments closest to its centre as examples.
 */
export async function suggestThemes(
  db: Db,
  actor: TActor,
  f: TThemeFilters,
  language: TTextLanguage,
  clusters: number,
) {
  const rows = await findAnalysedComments(
    db,
    actor,
    f,
    and(eq(commentAnalysis.language, language), sql`cardinality(${commentAnalysis.themeIds}) = 0`)!,
    MAX_COMMENTS,
  );
  const stem = stemmerFor(language);
  const stop = STOP_WORDS[language];
  const forms = new Map<string, Map<string, number>>();
  const docs = rows.map((r) => {
    const words = tokenize(r.comment).filter((w) => w.length > 2 && !stop.has(w) && !/^\d+$/.test(w));
    const stems = words.map((w) => {
      const s = stem(w);
      const seen = forms.get(s) ?? forms.set(s, new Map()).get(s);
      seen?.set(w, (seen.get(w) ?? 0) + 1);
      return s;
    });
    return { id: r.responseId, stems };
  });
  const byId = new Map(rows.map((r) => [r.responseId, r]));
  const surface = (s: string) =>
    [...(forms.get(s) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? s;
  return {
    language,
    commentsConsidered: rows.length,
    clusters: clusterDocuments(docs, clusters).map((c) => ({
      size: c.ids.length,
      words: c.topStems.map(surface),
      examples: c.ids.slice(0, EXAMPLES).flatMap((id) => byId.get(id) ?? []),
    })),
  };
}
