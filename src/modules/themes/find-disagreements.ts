import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import type { TThemeFilters } from "./contracts.ts";
import { findAnalysedComments } from "./comment-rows.ts";
import { commentAnalysis } from "./schema.ts";

/** Comments whose words say the opposite of their score (an angry comment with a 9): worth reading first. */
export async function findDisagreements(db: Db, actor: TActor, f: TThemeFilters, limit: number) {
  return { items: await findAnalysedComments(db, actor, f, eq(commentAnalysis.disagrees, true), limit) };
}
