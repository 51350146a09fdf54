import { eq } from "drizzle-orm";
import type { Db } from "../../db/connect.ts";
import { contact, invitationDelivery, surveyInvitation } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { AppError } from "../../http/errors.ts";
import type { TContactInput } from "./contact-input.ts";
import { TAG_KEYS, type TTags } from "./tags.ts";

/** What a replay compares and answers: the earlier invitation with its contact's identity. */
export interface TPriorInvitation {
  invitation: Pick<
    typeof surveyInvitation.$inferSelect,
    | "id"
    | "state"
    | "scheduledAt"
    | "reason"
    | "surveyId"
    | "occurredAt"
    | "serviceId"
    | "departmentId"
    | "employeeId"
    | "channelId"
    | "audience"
    | "contactId"
  >;
  email: string | null;
  externalId: string | null;
}

/** The invitation an earlier request with this idempotency key made, with its contact's identity. */
export async function findByIdempotencyKey(
  tx: Db,
  orgId: string,
  key: string,
): Promise<TPriorInvitation | null> {
  const [row] = await tx
    .select({
      invitation: surveyInvitation,
      email: contact.email,
      externalId: contact.externalId,
    })
    .from(invitationDelivery)
    .innerJoin(
      surveyInvitation,
      inOrg(
        surveyInvitation,
        invitationDelivery.orgId,
        eq(surveyInvitation.id, invitationDelivery.invitationId),
      ),
    )
    .leftJoin(contact, inOrg(contact, surveyInvitation.orgId, eq(contact.id, surveyInvitation.contactId)))
    .where(inOrg(invitationDelivery, orgId, eq(invitationDelivery.idempotencyKey, key)));
  return row ?? null;
}

interface TRequest {
  surveyId: string;
  occurredAt: Date;
  tags: TTags;
  contact: TContactInput | null;
}

/** The department of a send tagged with a service alone was inherited from the service, not requested. */
const inheritedDepartment = (k: string, tags: TTags) =>
  k === "departmentId" && Boolean(tags.serviceId) && !tags.departmentId;

/**
 * A retry with the same key gets the invitation as it is now. The stored invitation is compared with the
 * request on what identifies the event (survey, instant, tags, and the person's e-mail and external id while
 * the contact exists); name, phone and language are not kept per invitation and so are not compared.
 */
export function replayOrConflict(prior: TPriorInvitation, req: TRequest) {
  const inv = prior.invitation;
  const differs = [
    inv.surveyId !== req.surveyId && "surveyId",
    inv.occurredAt?.getTime() !== req.occurredAt.getTime() && "occurredAt",
    ...TAG_KEYS.map(
      (k) => !inheritedDepartment(k, req.tags) && (inv[k] ?? null) !== (req.tags[k] ?? null) && `tags.${k}`,
    ),
    (inv.audience ?? null) !== (req.tags.audience ?? null) && "tags.audience",
    inv.contactId && req.contact?.email && prior.email !== req.contact.email && "contact.email",
    inv.contactId &&
      req.contact?.externalId &&
      prior.externalId !== req.contact.externalId &&
      "contact.externalId",
  ].filter((d): d is string => Boolean(d));
  if (differs.length) {
    throw new AppError("CONFLICT", {
      message: { key: "problem.idempotency.differs", values: { fields: differs.join(", ") } },
    });
  }
  return { invitationId: inv.id, state: inv.state, sendAt: inv.scheduledAt, reason: inv.reason };
}
