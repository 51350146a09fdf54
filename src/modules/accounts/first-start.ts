import { sql } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import { organization } from "../../db/schema.ts";
import { toAppError } from "../../http/error-handler.ts";
import { createOrganization } from "./create-organization.ts";

/** On an empty database, creates a first organisation and owner; returns the owner's one-time link, else null. */
export async function bootstrapFirstOrganization(
  deps: AppDeps,
): Promise<{ email: string; link: string } | null> {
  const [{ n }] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(organization);
  if (n > 0) return null;
  const email = "admin@kaja.localhost";
  try {
    const { signInLink } = await createOrganization(deps, {
      name: "Minu asutus",
      slug: "minu-asutus",
      ownerEmail: email,
      ownerName: "Administrator",
    });
    return { email, link: signInLink };
  } catch (err) {
    // Several app processes started at once on one PostgreSQL database: another one was first.
    if (toAppError(err).code === "CONFLICT") return null;
    throw err;
  }
}
