import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { ROLE_CAPABILITIES, type TActor, type TRole } from "../../auth/permissions.ts";
import type { Db } from "../../db/connect.ts";
import { member, response } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import type { TCreateCalibrationRequest } from "./calibration-contracts.ts";
import { qualityCalibrationParticipant, qualityCalibrationSession } from "./calibration-schema.ts";
import { fieldError, forbidden } from "./problems.ts";
import { qualityModelVersion } from "./schema.ts";

/** Checks that every participant is a member of the organisation who may evaluate. */
async function assertParticipants(db: Db, orgId: string, userIds: string[]) {
  const rows = await db
    .select({ userId: member.userId, role: member.role })
    .from(member)
    .where(inOrg({ orgId: member.organizationId }, orgId, inArray(member.userId, userIds)));
  const roles = new Map(rows.map((r) => [r.userId, r.role as TRole]));
  const seen = new Set<string>();
  userIds.forEach((userId, i) => {
    const path = `body.participants[${i}]`;
    if (seen.has(userId)) throw fieldError(path, { key: "problem.field.listedTwice" });
    seen.add(userId);
    const role = roles.get(userId);
    if (!role) throw fieldError(path, { key: "problem.field.notMemberOfOrg" });
    if (!ROLE_CAPABILITIES[role]?.includes("quality:evaluate"))
      throw fieldError(path, { key: "problem.field.roleDoesNotEvaluate", values: { role } });
  });
}

/** Opens a calibration session on a contact and a model version with its participants; returns its id. */
export async function createCalibrationSession(db: Db, actor: TActor, body: TCreateCalibrationRequest) {
  if (actor.kind !== "user") throw forbidden({ key: "problem.quality.sessionsByPeople" });
  const [version] = await db
    .select({ id: qualityModelVersion.id, status: qualityModelVersion.status })
    .from(qualityModelVersion)
    .where(inOrg(qualityModelVersion, actor.orgId, eq(qualityModelVersion.id, body.modelVersionId)));
  if (!version) throw fieldError("body.modelVersionId", { key: "problem.field.noSuchModelVersion" });
  if (version.status === "draft")
    throw fieldError("body.modelVersionId", { key: "problem.field.draftNotScored" });
  const { responseId, reference } = body.contact;
  if (!responseId && !reference)
    throw fieldError("body.contact.reference", { key: "problem.field.answerOrReference" });
  if (responseId) {
    const [r] = await db
      .select({ id: response.id })
      .from(response)
      .where(inOrg(response, actor.orgId, eq(response.id, responseId)));
    if (!r) throw fieldError("body.contact.responseId", { key: "problem.field.noSuchAnswer" });
  }
  await assertParticipants(db, actor.orgId, body.participants);
  const id = randomUUID();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(qualityCalibrationSession).values({
      orgId: actor.orgId,
      id,
      modelVersionId: version.id,
      title: body.title ?? null,
      responseId: responseId ?? null,
      contactReference: reference ?? null,
      sessionDate: body.date ?? now.toISOString().slice(0, 10),
      ownerId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(qualityCalibrationParticipant)
      .values(body.participants.map((userId) => ({ orgId: actor.orgId, sessionId: id, userId })));
  });
  return id;
}
