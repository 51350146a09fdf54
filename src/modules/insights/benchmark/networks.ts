import { randomUUID } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import type { Db } from "../../../db/connect.ts";
import { benchmarkMember, benchmarkNetwork } from "../../../db/schema.ts";
import { inOrg } from "../../../db/scope.ts";
import { AppError, fieldProblem } from "../../../http/errors.ts";
import { slugify } from "../../accounts/create-organization.ts";

/** Creates a benchmark network (an operator's act: `npm run kaja -- create-benchmark-network`). */
export async function createBenchmarkNetwork(db: Db, { name, slug }: { name: string; slug?: string }) {
  const finalSlug = slug ?? slugify(name);
  const [taken] = await db
    .select({ id: benchmarkNetwork.id })
    .from(benchmarkNetwork)
    .where(eq(benchmarkNetwork.slug, finalSlug));
  if (taken)
    throw new AppError("CONFLICT", {
      message: { key: "problem.benchmark.slugTaken", values: { slug: finalSlug } },
    });
  const [row] = await db
    .insert(benchmarkNetwork)
    .values({ id: randomUUID(), name, slug: finalSlug })
    .returning();
  return row;
}

/**
 * Creates a network on an organisation's behalf and makes the organisation its first member, in one
 * transaction. Other organisations see it in their list and may join; none sees who belongs to it.
 */
export async function createNetworkAndJoin(
  db: Db,
  orgId: string,
  { name, slug }: { name: string; slug?: string },
) {
  const finalSlug = slug ?? slugify(name);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(benchmarkNetwork)
      .values({ id, name, slug: finalSlug })
      .onConflictDoNothing()
      .returning({ id: benchmarkNetwork.id });
    if (inserted.length === 0)
      throw fieldProblem(
        slug ? "body.slug" : "body.name",
        { key: "problem.field.networkSlugTaken" },
        { code: "CONFLICT", detail: { key: "problem.benchmark.slugTaken", values: { slug: finalSlug } } },
      );
    await tx.insert(benchmarkMember).values({ networkId: id, orgId });
  });
  const created = (await findNetworks(db, orgId)).find((n) => n.id === id);
  if (!created) throw new Error("the new network is missing");
  return created;
}

/** How many organisations each network has, counted over every member (hence `unsafe`); never says which. */
function unsafeNetworkSizes(db: Db) {
  return db
    .select({ networkId: benchmarkMember.networkId, members: count() })
    .from(benchmarkMember)
    .groupBy(benchmarkMember.networkId);
}

/** Every network with whether the organisation belongs to it and how many organisations do (never which). */
export async function findNetworks(db: Db, orgId: string) {
  const [networks, mine, sizes] = await Promise.all([
    db.select().from(benchmarkNetwork).orderBy(asc(benchmarkNetwork.name)),
    db
      .select({ networkId: benchmarkMember.networkId, joinedAt: benchmarkMember.joinedAt })
      .from(benchmarkMember)
      .where(inOrg(benchmarkMember, orgId)),
    unsafeNetworkSizes(db),
  ]);
  return networks.map((n) => {
    const membership = mine.find((m) => m.networkId === n.id);
    return {
      id: n.id,
      slug: n.slug,
      name: n.name,
      member: Boolean(membership),
      joinedAt: membership?.joinedAt ?? null,
      organisations: Number(sizes.find((s) => s.networkId === n.id)?.members ?? 0),
    };
  });
}

async function getNetwork(db: Db, networkId: string) {
  const [network] = await db.select().from(benchmarkNetwork).where(eq(benchmarkNetwork.id, networkId));
  if (!network) throw new AppError("NOT_FOUND", { message: { key: "problem.benchmark.notFound" } });
  return network;
}

/** Whether the organisation belongs to the network. */
export async function isMember(db: Db, orgId: string, networkId: string): Promise<boolean> {
  const [row] = await db
    .select({ orgId: benchmarkMember.orgId })
    .from(benchmarkMember)
    .where(inOrg(benchmarkMember, orgId, eq(benchmarkMember.networkId, networkId)));
  return Boolean(row);
}

/** Adds the organisation to a network (joining twice changes nothing). */
export async function joinNetwork(db: Db, orgId: string, networkId: string) {
  await getNetwork(db, networkId);
  await db.insert(benchmarkMember).values({ networkId, orgId }).onConflictDoNothing();
  return (await findNetworks(db, orgId)).find((n) => n.id === networkId);
}

/** Takes the organisation out of a network; 404 when it is not a member. */
export async function leaveNetwork(db: Db, orgId: string, networkId: string) {
  const removed = await db
    .delete(benchmarkMember)
    .where(inOrg(benchmarkMember, orgId, eq(benchmarkMember.networkId, networkId)))
    .returning({ orgId: benchmarkMember.orgId });
  if (removed.length === 0)
    throw new AppError("NOT_FOUND", { message: { key: "problem.benchmark.notMember" } });
  return (await findNetworks(db, orgId)).find((n) => n.id === networkId);
}
