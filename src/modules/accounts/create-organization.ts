import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { AppDeps } from "../../context.ts";
import type { Db } from "../../db/connect.ts";
import { member, organization, user } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { seedChannels } from "../catalog/seed-channels.ts";
import { issuePasswordLink } from "./password-link.ts";

export interface CreateOrganizationOptions {
  name: string;
  ownerEmail: string;
  slug?: string;
  ownerName?: string;
  timeZone?: string;
  defaultLocale?: string;
}

/** Makes a URL-safe slug from a name ("Maksu- ja Tolliamet" → "maksu-ja-tolliamet"). */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "org"
  );
}

/** Finds a user by e-mail or creates one without a password. */
export async function ensureUser(
  db: Db,
  email: string,
  name?: string,
): Promise<{ id: string; email: string }> {
  const normalised = email.trim().toLowerCase();
  const [found] = await db
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(eq(user.email, normalised));
  if (found) return found;
  const [created] = await db
    .insert(user)
    .values({ id: randomUUID(), email: normalised, name: name ?? normalised.split("@")[0] })
    .returning({ id: user.id, email: user.email });
  return created;
}

/** Creates an organisation with its owner and default channels; returns the owner's one-time set-password link. */
export async function createOrganization(
  deps: Pick<AppDeps, "db" | "auth" | "config">,
  {
    name,
    ownerEmail,
    slug,
    ownerName,
    timeZone = "Europe/Tallinn",
    defaultLocale = "et",
  }: CreateOrganizationOptions,
) {
  const finalSlug = slug ?? slugify(name);
  const result = await deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: organization.id })
      .from(organization)
      .where(eq(organization.slug, finalSlug));
    if (taken)
      throw new AppError("CONFLICT", {
        message: { key: "problem.organization.slugTaken", values: { slug: finalSlug } },
      });
    const [org] = await tx
      .insert(organization)
      .values({ id: randomUUID(), name, slug: finalSlug, timeZone, defaultLocale })
      .returning();
    const owner = await ensureUser(tx as unknown as Db, ownerEmail, ownerName);
    await tx
      .insert(member)
      .values({ id: randomUUID(), organizationId: org.id, userId: owner.id, role: "owner" });
    await seedChannels(tx as unknown as Db, org.id);
    return { org, owner };
  });
  const signInLink = await issuePasswordLink(deps, result.owner.id);
  return { ...result, signInLink };
}
