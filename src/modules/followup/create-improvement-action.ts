import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { TActor } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { organization } from "../../db/schema.ts";
import { civilDate } from "../../domain/time-zone.ts";
import { assertActionRefs, writeActionLinks } from "./action-links.ts";
import type { TCreateActionRequest } from "./action-contracts.ts";
import { fieldError } from "./field-error.ts";
import { improvementAction } from "./schema.ts";

/** The organisation's today (deadlines may not lie before it). */
export async function orgToday(db: Db, orgId: string, now = new Date()): Promise<string> {
  const [org] = await db
    .select({ timeZone: organization.timeZone })
    .from(organization)
    .where(eq(organization.id, orgId));
  return civilDate(now, org.timeZone);
}

/** Creates a planned improvement action with its links; returns its id. */
export async function createImprovementAction(
  db: Db,
  actor: TActor,
  body: TCreateActionRequest,
  now = new Date(),
): Promise<string> {
  if (body.deadline && body.deadline < (await orgToday(db, actor.orgId, now)))
    throw fieldError("body.deadline", { key: "problem.field.notInPast" });
  await assertActionRefs(db, actor.orgId, body);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(improvementAction).values({
      orgId: actor.orgId,
      id,
      title: body.title,
      description: body.description,
      ownerId: body.ownerId ?? null,
      departmentId: body.departmentId ?? null,
      deadline: body.deadline ?? null,
      status: "planned",
      public: body.public,
      publicTexts: body.publicTexts,
      createdAt: now,
      updatedAt: now,
    });
    await writeActionLinks(tx, actor.orgId, id, body);
  });
  return id;
}
